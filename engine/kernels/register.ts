/**
 * Registers the kernels and gradients Convas needs to train its catalog's layers correctly on the
 * wasm and cpu backends (tfjs 4.22). Import '@tensorflow/tfjs-backend-wasm' before calling: importing
 * it registers its stock kernels, which would replace the ones registered here.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasmConfig } from './conv2dBackpropFilter';
import { conv2dBackpropInputWasmConfig } from './conv2dBackpropInput';
import { registerConvGradients } from './conv2dGradient';
import { maxPoolGradWasmConfig } from './maxPoolGrad';
import { resizeNearestNeighborGradCpuConfig, resizeNearestNeighborGradWasmConfig } from './resizeNearestNeighborGrad';

/**
 * Kernels registered for 'wasm', each added (missing in 4.22) or replacing a slow or wrong stock one:
 * Conv2DBackpropFilter (missing), Conv2DBackpropInput (naive loop), MaxPoolGrad (wrong for windows of
 * values <= 0), ResizeNearestNeighborGrad (ignores halfPixelCenters).
 */
export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterWasmConfig,
  conv2dBackpropInputWasmConfig,
  maxPoolGradWasmConfig,
  resizeNearestNeighborGradWasmConfig,
];

/** Kernels replaced for 'cpu': ResizeNearestNeighborGrad (wrong for batch > 1: UpSampling2D's gradient). */
export const CPU_KERNEL_FIXES: readonly tf.KernelConfig[] = [resizeNearestNeighborGradCpuConfig];

function registerAll(configs: readonly tf.KernelConfig[]): void {
  for (const config of configs) {
    const current = tf.getKernel(config.kernelName, config.backendName);
    if (current === config) continue;
    if (current !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
  }
}

/**
 * Registers {@link WASM_TRAINING_KERNELS} and the dilation-capable Conv2D gradient. Idempotent; works
 * before or after the wasm backend is initialised (these kernels need no setup).
 */
export function registerWasmTrainingKernels(): void {
  registerAll(WASM_TRAINING_KERNELS);
  registerConvGradients();
}

/** Registers {@link CPU_KERNEL_FIXES} and the dilation-capable Conv2D gradient. Idempotent. */
export function registerCpuKernelFixes(): void {
  registerAll(CPU_KERNEL_FIXES);
  registerConvGradients();
}

/** Both of the above: call once before training on any backend. Idempotent. */
export function registerTrainingKernels(): void {
  registerWasmTrainingKernels();
  registerCpuKernelFixes();
}
