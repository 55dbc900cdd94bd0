/**
 * Registers the kernels and gradients Convas needs to train its catalog's layers correctly on the
 * wasm and cpu backends (tfjs 4.22). Import '@tensorflow/tfjs-backend-wasm' before calling: importing
 * it registers its stock kernels, which would replace the ones registered here.
 */
import * as tf from '@tensorflow/tfjs';
import { batchMatMulWasmConfig } from './batchMatMul';
import { batchNormGradWasmConfig, batchNormTrainWasmConfig, fusedBatchNormWasmConfig, registerBatchNormTrainGradient } from './batchNorm';
import { conv2dBackpropFilterWasmConfig } from './conv2dBackpropFilter';
import { conv2dBackpropInputWasmConfig } from './conv2dBackpropInput';
import { conv2dWasmConfig, fusedConv2dWasmConfig } from './conv2d';
import { meanWasmConfig } from './mean';
import { resizeNearestNeighborWasmConfig } from './resizeNearestNeighbor';
import { depthwiseFilterGradWasmConfig, depthwiseInputGradWasmConfig } from './depthwiseGrad';
import { concatWasmConfig, splitVWasmConfig } from './concat';
import { registerConvGradients } from './conv2dGradient';
import { registerReductionGradients } from './reductionGradients';
import { convBiasReluWasmConfig, registerConvBiasReluGradient, reluGradSumWasmConfig, reluGradWasmConfig } from './fusedConvRelu';
import { identityWasmConfig } from './identity';
import { maxPoolGradWasmConfig } from './maxPoolGrad';
import { resizeNearestNeighborGradCpuConfig, resizeNearestNeighborGradWasmConfig } from './resizeNearestNeighborGrad';
import { sumWasmConfig } from './sum';
import { tileWasmConfig } from './tile';

/**
 * Kernels registered for 'wasm', each added (missing in 4.22) or replacing a slow or wrong stock one:
 * Conv2DBackpropFilter (missing), Conv2DBackpropInput (naive loop), MaxPoolGrad (wrong for windows of
 * values <= 0), ResizeNearestNeighborGrad (ignores halfPixelCenters), Identity (copies every tensor the
 * engine saves for the backward pass), DepthwiseConv2dNativeBackpropFilter and -Input (both missing),
 * ConvasConvBiasRelu, ConvasReluGrad and ConvasReluGradSum (a ReLU Conv2D layer's fused forward, ReLU
 * gradient, and ReLU gradient with the bias gradient, see fusedConvRelu.ts).
 */
export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterWasmConfig,
  conv2dBackpropInputWasmConfig,
  depthwiseFilterGradWasmConfig,
  depthwiseInputGradWasmConfig,
  maxPoolGradWasmConfig,
  resizeNearestNeighborGradWasmConfig,
  identityWasmConfig,
  reluGradWasmConfig,
  reluGradSumWasmConfig,
  convBiasReluWasmConfig,
  batchNormTrainWasmConfig,
  batchNormGradWasmConfig,
];

/**
 * Stock wasm kernels wrapped with a faster path for the shapes training produces, delegating the rest:
 * Sum (bias gradients), Concat and SplitV (skip connections and their gradients), Tile (BatchNormalization's
 * gradient broadcasts its statistics with it), Conv2D and FusedConv2D (relaxed-SIMD direct convolutions,
 * conv2d.ts), ResizeNearestNeighbor (UpSampling2D by 2), Mean (GlobalAveragePooling2D, without a transpose).
 */
export const WASM_WRAPPED_KERNELS: Readonly<Record<string, (stock: tf.KernelConfig) => tf.KernelConfig>> = {
  Conv2D: conv2dWasmConfig,
  FusedConv2D: fusedConv2dWasmConfig,
  ResizeNearestNeighbor: resizeNearestNeighborWasmConfig,
  Mean: meanWasmConfig,
  Sum: sumWasmConfig,
  Tile: tileWasmConfig,
  Concat: concatWasmConfig,
  SplitV: splitVWasmConfig,
  BatchMatMul: batchMatMulWasmConfig,
  FusedBatchNorm: fusedBatchNormWasmConfig,
};

/** The wrappers registered so far, to recognise them when registering again. */
const wrappers = new WeakSet<tf.KernelConfig>();

function registerWrapped(): void {
  for (const [name, wrap] of Object.entries(WASM_WRAPPED_KERNELS)) {
    const stock = tf.getKernel(name, 'wasm');
    // Without the wasm package imported there is nothing to wrap; a wrapper is never wrapped twice.
    if (stock === undefined || wrappers.has(stock)) continue;
    const config = wrap(stock);
    wrappers.add(config);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(config);
  }
}

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
 * Registers {@link WASM_TRAINING_KERNELS}, {@link WASM_WRAPPED_KERNELS}, the dilation-capable Conv2D
 * gradient and Mean's and Sum's gradients without a tensor of ones (reductionGradients.ts). Idempotent; works before or after the wasm backend is initialised.
 */
export function registerWasmTrainingKernels(): void {
  registerAll(WASM_TRAINING_KERNELS);
  registerWrapped();
  registerConvGradients();
  registerReductionGradients();
  registerConvBiasReluGradient();
  registerBatchNormTrainGradient();
}

/** Registers {@link CPU_KERNEL_FIXES}, the dilation-capable Conv2D gradient and Mean's and Sum's. Idempotent. */
export function registerCpuKernelFixes(): void {
  registerAll(CPU_KERNEL_FIXES);
  registerConvGradients();
  registerReductionGradients();
}

/** Both of the above: call once before training on any backend. Idempotent. */
export function registerTrainingKernels(): void {
  registerWasmTrainingKernels();
  registerCpuKernelFixes();
}
