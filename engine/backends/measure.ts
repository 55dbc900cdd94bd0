/**
 * Times a few real training steps of the user's graph on one backend, for 'auto' (./timing.ts decides).
 * Each backend gets one untimed step (shader compilation, kernel set-up) and then steps until
 * {@link TIMING_SECONDS} have passed; wasm runs on the workers it would train on.
 */
import type { TaskInfo } from '../../graph/tasks';
import type { BackendName, GraphDocument } from '../../graph/types';
import { compileGraph } from '../compile';
import type { ReplicaFactory } from '../parallel/port';
import { timeSteps } from '../train/throughput';
import { initBackend } from './init';
import type { BackendTiming } from './timing';

/** Seconds of timed steps per backend (after its warm-up step). */
export const TIMING_SECONDS = 0.3;

export interface MeasureOptions {
  batchSize: number;
  info?: TaskInfo;
  /** Workers wasm trains on, and how to start them. */
  workers?: number;
  replicas?: ReplicaFactory;
  init?: (name: BackendName) => Promise<BackendName>;
}

/** The backend's training throughput on `document`, or null with the reason when it cannot run it. */
export async function measureBackend(name: BackendName, document: GraphDocument, opts: MeasureOptions): Promise<BackendTiming> {
  try {
    const active = await (opts.init ?? initBackend)(name);
    if (active !== name) return { name, imagesPerSecond: null, detail: `started ${active} instead` };
    const compiled = compileGraph(document, { info: opts.info, seed: document.training.seed });
    if (!compiled.ok) return { name, imagesPerSecond: null, detail: compiled.issues.map((i) => i.message).join(' ') };
    try {
      const workers = name === 'wasm' || name === 'cpu' ? (opts.workers ?? 1) : 1;
      const r = await timeSteps(compiled, { batchSize: opts.batchSize, warmup: 1, steps: 50, maxSeconds: TIMING_SECONDS, workers, replicas: opts.replicas }, document);
      return { name, imagesPerSecond: r.imagesPerSecond, detail: `${r.steps} steps${r.workers > 1 ? `, ${r.workers} workers` : ''}` };
    } finally {
      compiled.model.dispose();
    }
  } catch (error) {
    return { name, imagesPerSecond: null, detail: error instanceof Error ? error.message : String(error) };
  }
}
