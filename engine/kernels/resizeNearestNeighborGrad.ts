/**
 * ResizeNearestNeighborGrad (the gradient of UpSampling2D) for wasm and cpu. Both stock kernels are
 * wrong in tfjs 4.22: the cpu one offsets dy's batches with the image's batch stride (every image
 * after the first gets another image's gradient), and both ignore `halfPixelCenters`. This one is the
 * exact adjoint of the forward kernel: each dy pixel is added to the pixel the forward pass copied.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runTsKernel } from './backendData';
import { simdKernels } from './simd/module';
import { allocF32, heapAddress } from './wasmCall';

/** Source index of each of `outSize` output rows (or columns), as tfjs' forward kernel computes it. */
export function nearestSources(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): Int32Array {
  const corners = alignCorners && outSize > 1;
  const ratio = (corners ? inSize - 1 : inSize) / (corners ? outSize - 1 : outSize);
  const src = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const frac = halfPixelCenters ? ratio * (o + 0.5) : ratio * o;
    let s = Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    if (halfPixelCenters) s = Math.max(0, s);
    src[o] = s;
  }
  return src;
}

/** dx (zeroed, [B,H,W,C]) += scatter of dy ([B,OH,OW,C]) to each output pixel's source pixel. */
export function resizeNearestGradInto(
  dx: Float32Array,
  dy: Float32Array,
  xShape: readonly number[],
  dyShape: readonly number[],
  alignCorners: boolean,
  halfPixelCenters: boolean,
): void {
  const [batch, h, w, c] = xShape;
  const [, oh, ow] = dyShape;
  const rows = nearestSources(h, oh, alignCorners, halfPixelCenters);
  const cols = nearestSources(w, ow, alignCorners, halfPixelCenters);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < oh; i++) {
      const dxRow = (b * h + rows[i]) * w;
      for (let j = 0; j < ow; j++) {
        const from = ((b * oh + i) * ow + j) * c;
        const to = (dxRow + cols[j]) * c;
        for (let k = 0; k < c; k++) dx[to + k] += dy[from + k];
      }
    }
  }
}

/**
 * Exactly twice the size in both directions, without align-corners (half-pixel centres map o to
 * floor(o/2) too at this ratio), channels in vectors of 4: every 2x2 block of dy sums into one pixel.
 */
export function upsamplesBy2(xShape: readonly number[], dyShape: readonly number[], alignCorners: boolean): boolean {
  return !alignCorners && dyShape[1] === 2 * xShape[1] && dyShape[2] === 2 * xShape[2] && xShape[3] % 4 === 0;
}

function sumPool2x2(backend: BackendWasm, kernel: (...args: number[]) => void, xShape: number[], dy: tf.TensorInfo): tf.TensorInfo {
  const [b, h, w, c] = xShape;
  const dx = allocF32(backend, xShape);
  const addr = (t: tf.TensorInfo) => heapAddress(backend, t);
  kernel(addr(dy), addr(dx), b * h, w, c / 4, 2 * (2 * w) * c * 4, c * 4, 2 * w * c * 4);
  return dx;
}

function kernelFor(backendName: 'wasm' | 'cpu'): tf.KernelConfig {
  return {
    kernelName: 'ResizeNearestNeighborGrad',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
      const alignCorners = Boolean(attrs?.alignCorners);
      const halfPixelCenters = Boolean(attrs?.halfPixelCenters);
      if (backendName === 'wasm' && upsamplesBy2(images.shape, dy.shape, alignCorners)) {
        const simd = simdKernels(backend as BackendWasm);
        if (simd) return sumPool2x2(backend as BackendWasm, simd.sumPool2x2, images.shape, dy);
      }
      return runTsKernel(backendName, backend, images.shape, [dy], (dx, g) =>
        resizeNearestGradInto(dx, g, images.shape, dy.shape, alignCorners, halfPixelCenters),
      );
    },
  };
}

/** Registry entries replacing the stock wasm and cpu kernels. */
export const resizeNearestNeighborGradWasmConfig = kernelFor('wasm');
export const resizeNearestNeighborGradCpuConfig = kernelFor('cpu');
