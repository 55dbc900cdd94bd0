import type { TrainingSettings } from '@/graph/types';
import type { TrainingError } from '../store/training/trainingState';

/**
 * Whether a failed run's banner offers "Use wasm": the GPU under webgpu or webgl went away mid-run
 * (engine/train/gpuLost.ts), and the CPU backend, which does not depend on it, is not already the setting.
 * Auto counts too: it may pick the same GPU again.
 */
export function offersCpuBackend(code: TrainingError['code'] | undefined, backend: TrainingSettings['backend']): boolean {
  return code === 'gpu-lost' && backend !== 'wasm' && backend !== 'cpu';
}
