/**
 * Creates and activates a tfjs backend, importing the wasm and WebGPU packages only when asked for.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../graph/types';
import { registerTrainingKernels } from '../kernels';

/**
 * Where the browser fetches tfjs-backend-wasm's binaries: scripts/copyWasm.mjs copies them into
 * public/wasm/ before `next dev` and `next build`, so they are served from the app's own origin.
 */
export const WASM_PATH = '/wasm/';

/** Node (tests, CLI, benchmarks) rather than a browser or worker. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * Imports the backend's package if needed, registers Convas' training kernels, activates the backend
 * and resolves with the active backend's name. Rejects when the backend cannot start.
 *
 * wasm in the browser: binaries from {@link WASM_PATH}, and single-threaded, because under Next's
 * bundling the threaded build's worker script fails to start and `setBackend('wasm')` never resolves.
 * In Node the package finds its binaries in node_modules and is single-threaded anyway.
 *
 * @example await initBackend('wasm') // 'wasm'
 */
export async function initBackend(name: BackendName): Promise<BackendName> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!isNode()) {
      wasm.setWasmPaths(WASM_PATH);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  // After the import: the wasm package registers its stock kernels when first imported.
  registerTrainingKernels();
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend could not be started`);
  await tf.ready();
  return tf.getBackend() as BackendName;
}

/** The active backend's name, or null before any backend is set. */
export function activeBackend(): BackendName | null {
  const name = tf.engine().backendName;
  return (name as BackendName | null) ?? null;
}
