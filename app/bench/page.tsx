'use client';
/**
 * /bench: an engine check for the real build. "Train in the worker" runs a tiny graph through
 * TrainingClient (the module worker chunk, backend choice, wasm binaries from /wasm/) and lists what the
 * worker reports; "Measure" times training steps of the First CNN and Small U-Net templates on each
 * backend in this page. The figures of record come from `npm run bench`.
 */
import { useRef, useState } from 'react';
import { initBackend } from '@/engine/backends';
import type { FromWorker } from '@/engine/protocol';
import { measureThroughput } from '@/engine/train/throughput';
import { TrainingClient } from '@/engine/worker/client';
import { defaultParams } from '@/graph/catalog';
import { createDocument } from '@/graph/document';
import { templateById } from '@/graph/templates';
import type { BackendName, GraphDocument, NodeType, Params } from '@/graph/types';

/** Input 16x16x1 -> Conv2D 8 relu -> MaxPooling2D -> GlobalAveragePooling2D -> Output, on random-classify. */
function tinyDocument(): GraphDocument {
  const specs: [NodeType, Params][] = [
    ['Input', { height: 16, width: 16, channels: 1 }],
    ['Conv2D', { filters: 8, activation: 'relu' }],
    ['MaxPooling2D', {}],
    ['GlobalAveragePooling2D', {}],
    ['Output', {}],
  ];
  const nodes = specs.map(([type, params], i) => ({ id: `n${i}`, type, name: `${type.toLowerCase()}_${i}`, params: { ...defaultParams(type), ...params }, position: { x: i * 260, y: 0 } }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id }));
  return createDocument({ nodes, edges }, { id: 'random-classify' }, { epochs: 2, batchSize: 16 }, 'Worker check');
}

/** One line per worker message worth showing. */
function describe(m: FromWorker): string | null {
  switch (m.type) {
    case 'ready':
      return `ready: ${m.backend} (${m.reason})`;
    case 'start':
      return `start: ${m.params} parameters, ${m.splits.train}/${m.splits.validation}/${m.splits.test} images`;
    case 'epoch':
      return `epoch ${m.epoch}: loss ${m.trainLoss.toFixed(3)}, ${m.imagesPerSecond.toFixed(0)} img/s, ${m.memory.numTensors} tensors`;
    case 'error':
      return `error: ${m.message}`;
    case 'done':
      return `done: ${m.reason}${m.test ? `, test loss ${m.test.loss.toFixed(3)}` : ''}`;
    default:
      return null;
  }
}

const BACKENDS: BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

export default function BenchPage() {
  const [lines, setLines] = useState<string[]>([]);
  const [figures, setFigures] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const client = useRef<TrainingClient | null>(null);
  const add = (line: string) => setLines((l) => [...l, line]);

  const trainInWorker = () => {
    client.current?.terminate();
    const c = new TrainingClient();
    client.current = c;
    setLines([]);
    c.subscribe((m) => {
      const line = describe(m);
      if (line) add(line);
      if (m.type === 'done') c.terminate();
    });
    c.start({ document: tinyDocument(), data: { taskId: 'random-classify', count: 96, seed: 1 } });
  };

  const measure = async (backend: BackendName) => {
    setBusy(true);
    try {
      await initBackend(backend);
      for (const [id, batchSize] of [['first-cnn', 32], ['unet', 16]] as const) {
        const doc = templateById(id)?.build();
        if (!doc) continue;
        const r = await measureThroughput(doc, { batchSize, warmup: 1, steps: 3, maxSeconds: 10 });
        setFigures((f) => [...f, `${id} on ${backend}: ${r.imagesPerSecond.toFixed(1)} img/s (${r.msPerStep.toFixed(0)} ms/step)`]);
      }
    } catch (error) {
      setFigures((f) => [...f, `${backend}: ${error instanceof Error ? error.message : String(error)}`]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="mx-auto max-w-3xl p-6 font-mono text-sm">
      <h1 className="mb-4 text-lg font-semibold">Convas engine check</h1>
      <button type="button" data-testid="bench-worker" className="rounded bg-slate-800 px-3 py-1 text-white" onClick={trainInWorker}>
        Train in the worker
      </button>
      <ul data-testid="bench-worker-log" className="my-3">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <div className="flex gap-2">
        {BACKENDS.map((b) => (
          <button key={b} type="button" disabled={busy} data-testid={`bench-measure-${b}`} className="rounded border px-3 py-1 disabled:opacity-50" onClick={() => void measure(b)}>
            Measure {b}
          </button>
        ))}
      </div>
      <ul data-testid="bench-figures" className="my-3">
        {figures.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
    </main>
  );
}
