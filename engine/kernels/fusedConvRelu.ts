/**
 * Conv2D + bias + ReLU in training, as one XNNPACK call forward and one fused pass backward (wasm).
 *
 * Under a gradient tape tfjs runs a ReLU Conv2D layer unfused: Conv2D, then Add (the bias), then Relu, and
 * backward Step, Cast and Multiply for the ReLU before the convolution gradients: five extra passes over
 * every activation, about a tenth of a training step of the reference CNN on one core. Here the forward is
 * the FusedConv2D kernel with bias and ReLU (what tfjs itself runs outside a tape), and the gradient through
 * the ReLU is taken from the output in one SIMD pass (`ConvasReluGrad`: dy where y > 0), then the bias
 * gradient (Sum), Conv2DBackpropInput and Conv2DBackpropFilter as tfjs' Conv2D gradient does. The layer
 * calls it as one kernel, `ConvasConvBiasRelu`, with its own registered gradient. The maths is
 * tfjs' own fused-conv gradient (relu(z) > 0 exactly where z > 0).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from './simd/module';
import { allocF32, allocZerosF32, heapAddress, heapF32 } from './wasmCall';

export const RELU_GRAD_KERNEL = 'ConvasReluGrad';

/** A ReLU-gradient kernel's operands (dy, and y the ReLU's output) and the SIMD kernels it runs on. */
function reluGradOperands(args: Parameters<tf.KernelFunc>[0], kernel: string) {
  const wasm = args.backend as BackendWasm;
  const { dy, y } = args.inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const simd = simdKernels(wasm);
  if (!simd) throw new Error(`${kernel} needs the SIMD kernels (a single-threaded wasm build)`);
  return { wasm, dy, y, simd };
}

/** `ConvasReluGrad` for 'wasm': inputs dy and y (ReLU's output), same shape; dy where y > 0, else 0. */
export const reluGradWasmConfig: tf.KernelConfig = {
  kernelName: RELU_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const { wasm, dy, y, simd } = reluGradOperands(args, RELU_GRAD_KERNEL);
    const out = allocF32(wasm, [...dy.shape]);
    const n = tf.util.sizeFromShape(dy.shape);
    const n4 = Math.floor(n / 4);
    simd.reluGrad(heapAddress(wasm, dy), heapAddress(wasm, y), heapAddress(wasm, out), n4);
    if (n4 * 4 < n) {
      const [d, v, o] = [heapF32(wasm, dy), heapF32(wasm, y), heapF32(wasm, out)];
      for (let i = n4 * 4; i < n; i++) o[i] = Number.isNaN(v[i]) ? v[i] : v[i] > 0 ? d[i] : 0;
    }
    return out;
  },
};

export const RELU_GRAD_SUM_KERNEL = 'ConvasReluGradSum';

/**
 * `ConvasReluGradSum` for 'wasm': the ReLU gradient of `ConvasReluGrad` and its sum over every axis but the
 * channels (the bias gradient) in one pass; outputs [g, sum]. Channels must come in fours.
 */
export const reluGradSumWasmConfig: tf.KernelConfig = {
  kernelName: RELU_GRAD_SUM_KERNEL,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const { wasm, dy, y, simd } = reluGradOperands(args, RELU_GRAD_SUM_KERNEL);
    const channels = dy.shape[dy.shape.length - 1];
    if (channels % 4 !== 0) throw new Error(`${RELU_GRAD_SUM_KERNEL} takes channels in fours, not ${channels}`);
    const out = allocF32(wasm, [...dy.shape]);
    const sum = allocZerosF32(wasm, [channels]);
    simd.reluGradSum(heapAddress(wasm, dy), heapAddress(wasm, y), heapAddress(wasm, out), heapAddress(wasm, sum), tf.util.sizeFromShape(dy.shape) / channels, channels / 4);
    return [out, sum];
  },
};

/** The geometry of a fused convolution (NHWC, as tfjs-layers' Conv2D passes it), and whether it has a bias. */
export interface FusedConvAttrs {
  strides: [number, number];
  pad: 'same' | 'valid';
  dilations: [number, number];
  hasBias?: boolean;
}

let fusionEnabled = true;

/**
 * Turns the fused ReLU convolution off (or back on) for layers called from now on: benchmarks compare
 * both paths alternately, tests compare their gradients.
 */
export function setConvReluFusion(enabled: boolean): void {
  fusionEnabled = enabled;
}

/** Whether {@link conv2dBiasRelu} can run now: the wasm backend with Convas' SIMD kernels. */
export function fusedConvReluAvailable(): boolean {
  if (!fusionEnabled || tf.getBackend() !== 'wasm' || !gradientRegistered) return false;
  return (
    tf.getKernel(CONV_BIAS_RELU_KERNEL, 'wasm') !== undefined &&
    tf.getKernel(RELU_GRAD_KERNEL, 'wasm') !== undefined &&
    tf.getKernel(RELU_GRAD_SUM_KERNEL, 'wasm') !== undefined &&
    simdKernels(tf.backend() as BackendWasm) !== null
  );
}

const attrMap = (attrs: object) => attrs as unknown as tf.NamedAttrMap;

export const CONV_BIAS_RELU_KERNEL = 'ConvasConvBiasRelu';

/** `ConvasConvBiasRelu` for 'wasm': XNNPACK's FusedConv2D with the bias (when given) and ReLU. */
export const convBiasReluWasmConfig: tf.KernelConfig = {
  kernelName: CONV_BIAS_RELU_KERNEL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const fused = tf.getKernel('FusedConv2D', 'wasm');
    if (!fused) throw new Error('FusedConv2D is not registered for wasm');
    return fused.kernelFunc({ inputs, backend, attrs: { ...attrs, dataFormat: 'NHWC', activation: 'relu' } });
  },
};

/**
 * The gradient of `ConvasConvBiasRelu`, tfjs' fused-conv gradient: g = dy where y > 0, then dx, dW and the
 * bias gradient from g. Each input's gradient is a closure the tape calls only when that input needs one
 * (a first layer's image does not, which saves its Conv2DBackpropInput). g is made once, up front: it
 * lives until the backward pass ends, as tfjs keeps every dy until then.
 */
export const convBiasReluGradConfig: tf.GradConfig = {
  kernelName: CONV_BIAS_RELU_KERNEL,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, rawAttrs) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const attrs = rawAttrs as unknown as FusedConvAttrs;
    const engine = tf.engine();
    // With a bias, the bias gradient comes out of the same pass (ConvasReluGradSum), summed in Sum's order.
    const fuseSum = attrs.hasBias === true && y.shape[3] % 4 === 0;
    const [g, biasGrad] = fuseSum
      ? (engine.runKernel(RELU_GRAD_SUM_KERNEL, { dy: dy as tf.Tensor, y }) as [tf.Tensor4D, tf.Tensor1D])
      : [engine.runKernel<tf.Tensor4D>(RELU_GRAD_KERNEL, { dy: dy as tf.Tensor, y }), null];
    const [dh, dw] = attrs.dilations;
    // Dilation 1 as tfjs' own Conv2D gradient passes it; other dilations to Convas' wasm kernels.
    const common = { strides: attrs.strides, pad: attrs.pad, dataFormat: 'NHWC', ...(dh === 1 && dw === 1 ? {} : { dilations: attrs.dilations }) };
    return {
      x: () => engine.runKernel<tf.Tensor>('Conv2DBackpropInput', { dy: g, filter }, attrMap({ ...common, inputShape: x.shape })),
      filter: () => engine.runKernel<tf.Tensor>('Conv2DBackpropFilter', { x, dy: g }, attrMap({ ...common, filterShape: filter.shape })),
      bias: () => biasGrad ?? tf.sum(g, [0, 1, 2]),
    };
  },
};

/** Whether `ConvasReluGrad` can run on the current backend (wasm with Convas' SIMD kernels). */
function reluGradKernelRuns(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(RELU_GRAD_KERNEL, 'wasm') !== undefined && simdKernels(tf.backend() as BackendWasm) !== null;
}

/**
 * The gradient of a standalone ReLU (an Activation node after BatchNormalization, a ReLU Dense layer): on
 * wasm with the SIMD kernels one `ConvasReluGrad` pass from the ReLU's input (x > 0 exactly where relu(x) > 0,
 * NaN where x is NaN) instead of tfjs' Step, Cast and Multiply; elsewhere tfjs' own dy * step(x).
 */
export const reluGradConfig: tf.GradConfig = {
  kernelName: 'Relu',
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return {
      x: () =>
        reluGradKernelRuns()
          ? tf.engine().runKernel<tf.Tensor>(RELU_GRAD_KERNEL, { dy: dy as tf.Tensor, y: x })
          : tf.mul(dy as tf.Tensor, tf.cast(tf.step(x), 'float32')),
    };
  },
};

let gradientRegistered = false;

/** Registers {@link convBiasReluGradConfig} and {@link reluGradConfig} (gradients are per kernel name, for every backend). Idempotent. */
export function registerConvBiasReluGradient(): void {
  if (gradientRegistered) return;
  tf.registerGradient(convBiasReluGradConfig);
  tf.registerGradient(reluGradConfig);
  gradientRegistered = true;
}

/**
 * relu(conv2d(x, filter) + bias), differentiable with respect to all three (bias may be null). Call only
 * when {@link fusedConvReluAvailable}.
 */
export function conv2dBiasRelu(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D | null, attrs: FusedConvAttrs): tf.Tensor4D {
  const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
  return tf.engine().runKernel<tf.Tensor4D>(CONV_BIAS_RELU_KERNEL, inputs, attrMap({ ...attrs, hasBias: bias !== null }));
}
