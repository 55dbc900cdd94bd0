/**
 * The page script of the Chromium benchmark (bundled by ./chromium.ts with esbuild): exposes
 * `window.convasBench` for the driver's page.evaluate calls, and answers each from the bench worker
 * (./benchWorker.ts), where the models train as in the app's training worker, off the page's main thread.
 */
import type { BenchAnswer, BenchCall, BenchWorkerApi } from './benchWorker';

export type { BenchModel, Speedup } from './benchWorker';

/** What the driver calls in the page: the bench worker's methods, each answered asynchronously. */
export type BrowserBench = {
  [K in keyof BenchWorkerApi]: BenchWorkerApi[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

const worker = new Worker('/benchWorker.js', { type: 'module', name: 'convas-bench' });
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;

function call(method: keyof BrowserBench, args: unknown[]): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, method, args } satisfies BenchCall);
  });
}

worker.onerror = (e) => {
  const error = new Error(`the bench worker failed: ${e.message}`);
  for (const p of pending.values()) p.reject(error);
  pending.clear();
};

worker.onmessage = ({ data }: MessageEvent<BenchAnswer>) => {
  if ('ready' in data) {
    // Every method forwarded; page.evaluate awaits the promise each returns.
    const bench = new Proxy({}, { get: (_, method) => (...args: unknown[]) => call(method as keyof BrowserBench, args) });
    (globalThis as unknown as { convasBench: BrowserBench }).convasBench = bench as BrowserBench;
    return;
  }
  const p = pending.get(data.id);
  pending.delete(data.id);
  if (data.error !== undefined) p?.reject(new Error(data.error));
  else p?.resolve(data.result);
};
