/**
 * The page script of the Chromium benchmark (bundled by scripts/bench/chromium.ts with esbuild): exposes
 * `window.convasBench` so the driver can train the reference models on each tfjs backend in the page.
 */
import * as tf from '@tensorflow/tfjs';
import { browserProbes } from '../../engine/backends/probe';
import { initBackend } from '../../engine/backends/init';
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from '../../engine/train/throughput';
import type { BackendName } from '../../graph/types';
import { REFERENCE_MODELS } from './references';

/** What the driver calls in the page. */
export interface BrowserBench {
  /** What each backend's probe says here (renderer, adapter, SIMD). */
  probe(): Promise<Record<BackendName, string>>;
  /** Starts `backend` and measures one reference model's training throughput on it. */
  run(backend: BackendName, model: 'cnn' | 'unet', opts: Omit<ThroughputOptions, 'batchSize'>): Promise<ThroughputResult>;
}

const bench: BrowserBench = {
  async probe() {
    const out = {} as Record<BackendName, string>;
    for (const name of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      const r = await browserProbes[name]();
      out[name] = `${r.available ? 'available' : 'unavailable'}${r.software ? ' (software)' : ''}: ${r.detail}`;
    }
    return out;
  },
  async run(backend, model, opts) {
    const active = await initBackend(backend);
    if (active !== backend) throw new Error(`asked for ${backend}, got ${active}`);
    const ref = REFERENCE_MODELS.find((m) => m.name === model);
    if (!ref) throw new Error(`unknown model ${model}`);
    const result = await measureThroughput(ref.document(), { ...opts, batchSize: ref.batchSize });
    // Leave nothing behind for the next backend.
    tf.disposeVariables();
    return result;
  },
};

(globalThis as unknown as { convasBench: BrowserBench }).convasBench = bench;
