/**
 * A Conv2D gradient that also handles dilation > 1, which tfjs 4.22 refuses on every backend
 * ("dilation rates greater than 1 are not yet supported in gradients").
 *
 * A convolution with dilation d equals one with the zero-dilated filter Wd (taps d apart, zeros
 * between), so dx = backprop-input with Wd, and dW = every d-th tap of backprop-filter for Wd's shape.
 * On wasm the kernels of this folder take the forward dilation directly and skip the zero taps.
 */
import * as tf from '@tensorflow/tfjs';

interface Conv2DAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Kernel attributes as the engine's untyped map (tfjs types attrs loosely; the shapes are tfjs' own). */
function attrMap(attrs: object): tf.NamedAttrMap {
  return attrs as unknown as tf.NamedAttrMap;
}

function pair(v: [number, number] | number): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/**
 * The zero-dilated filter: `w` [KH,KW,Cin,Cout] -> [(KH-1)dh+1, (KW-1)dw+1, Cin, Cout], w's taps dh/dw
 * apart. Made of differentiable ops, so it also serves as a reference in tests.
 */
export function dilateFilter(w: tf.Tensor4D, dh: number, dw: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, cin, cout] = w.shape;
    const spread = tf.pad(tf.reshape(w, [kh, 1, kw, 1, cin * cout]), [
      [0, 0],
      [0, dh - 1],
      [0, 0],
      [0, dw - 1],
      [0, 0],
    ]);
    const full = tf.reshape(spread, [kh * dh, kw * dw, cin, cout]);
    return tf.slice(full, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, cin, cout]) as tf.Tensor4D;
  });
}

/** Gradient config for the Conv2D kernel: tfjs' own for dilation 1, the dilated-filter form otherwise. */
export const conv2dGradConfig: tf.GradConfig = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (rawDy, saved, rawAttrs) => {
    const dy = rawDy as tf.Tensor4D;
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const attrs = rawAttrs as unknown as Conv2DAttrs;
    const [dh, dw] = pair(attrs.dilations);
    const common = { strides: attrs.strides, pad: attrs.pad, dataFormat: attrs.dataFormat, dimRoundingMode: attrs.dimRoundingMode };
    const engine = tf.engine();
    if (dh === 1 && dw === 1) {
      return {
        x: () => engine.runKernel<tf.Tensor>('Conv2DBackpropInput', { dy, filter }, attrMap({ ...common, inputShape: x.shape })),
        filter: () => engine.runKernel<tf.Tensor>('Conv2DBackpropFilter', { x, dy }, attrMap({ ...common, filterShape: filter.shape })),
      };
    }
    if (tf.getBackend() === 'wasm') {
      // The wasm kernels registered by registerWasmTrainingKernels read the forward dilation.
      const dilations: [number, number] = [dh, dw];
      return {
        x: () => engine.runKernel<tf.Tensor>('Conv2DBackpropInput', { dy, filter }, attrMap({ ...common, inputShape: x.shape, dilations })),
        filter: () =>
          engine.runKernel<tf.Tensor>('Conv2DBackpropFilter', { x, dy }, attrMap({ ...common, filterShape: filter.shape, dilations })),
      };
    }
    return {
      x: () =>
        tf.tidy(() =>
          engine.runKernel<tf.Tensor>('Conv2DBackpropInput', { dy, filter: dilateFilter(filter, dh, dw) }, attrMap({ ...common, inputShape: x.shape })),
        ),
      filter: () =>
        tf.tidy(() => {
          const [kh, kw, cin, cout] = filter.shape;
          const shape = [(kh - 1) * dh + 1, (kw - 1) * dw + 1, cin, cout];
          const full = engine.runKernel<tf.Tensor4D>('Conv2DBackpropFilter', { x, dy }, attrMap({ ...common, filterShape: shape }));
          return tf.stridedSlice(full, [0, 0, 0, 0], shape, [dh, dw, 1, 1]);
        }),
    };
  },
};

let registered = false;

/**
 * Replaces tfjs' Conv2D gradient with {@link conv2dGradConfig} on every backend. Idempotent.
 *
 * Limitation: tfjs-layers' Conv2D with a linear (or non-fusable) activation runs `tf.fused.conv2d`,
 * whose gradient is built into the op and still refuses dilation > 1; a Conv2D layer with activation
 * 'relu' or 'elu' (or a layer calling `tf.conv2d` then adding bias and activation) trains with dilation.
 */
export function registerConvGradients(): void {
  if (registered) return;
  tf.registerGradient(conv2dGradConfig);
  registered = true;
}
