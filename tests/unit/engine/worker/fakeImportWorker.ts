import { vi } from 'vitest';
import type { ImportWorkerLike } from '@/engine/worker/importClient';
import { createImportHandler } from '@/engine/worker/importHandler';
import type { FromImportWorker, ToImportWorker } from '@/engine/worker/importProtocol';

/**
 * A Worker whose other side is the real import handler, in this thread, with messages structured-cloned as
 * postMessage does. `silent` never answers (a worker stuck in a file); `made` collects the workers made;
 * `steppedClock` advances the handler's clock 1 s a call, so no progress message is held back by its throttle.
 */
export function fakeImportWorker(opts: { silent?: boolean; made?: ImportWorkerLike[]; steppedClock?: boolean } = {}): () => ImportWorkerLike {
  return () => {
    const worker: ImportWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (message: ToImportWorker) => {
        if (opts.silent) return;
        const copy = structuredClone(message);
        setTimeout(() => void handle(copy), 0);
      },
      terminate: vi.fn(),
    };
    let clock = 0;
    const post = (message: FromImportWorker) => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromImportWorker>);
    const handle = createImportHandler(opts.steppedClock ? { post, now: () => (clock += 1000) } : { post });
    opts.made?.push(worker);
    return worker;
  };
}
