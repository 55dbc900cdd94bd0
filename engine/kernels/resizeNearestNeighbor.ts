/**
 * ResizeNearestNeighbor for the wasm backend, upsampling by exactly 2 (UpSampling2D, a U-Net decoder's
 * step): the stock kernel computes a source index per output element; this writes each source pixel
 * twice along a row and copies the row below itself (the SIMD module's upsample2x), several times
 * faster on a 64x64x32 map. Other sizes, corner alignment and dtypes go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from './simd/module';
import { heapAddress } from './wasmCall';

interface ResizeAttrs {
  size: [number, number];
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

/** Wraps the stock wasm ResizeNearestNeighbor. */
export function resizeNearestNeighborWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    ...stock,
    kernelFunc: (args) => {
      const backend = args.backend as BackendWasm;
      const { images } = args.inputs as { images: tf.TensorInfo };
      const { size, alignCorners } = args.attrs as unknown as ResizeAttrs;
      const simd = simdKernels(backend);
      if (!simd || images.dtype !== 'float32' || images.shape.length !== 4) return stock.kernelFunc(args);
      const [b, h, w, c] = images.shape;
      // Without corner alignment, output o reads floor(o / 2) (and floor((o + 0.5) / 2), the same, with
      // half-pixel centres): a plain doubling.
      if (alignCorners || size[0] !== 2 * h || size[1] !== 2 * w || c % 4 !== 0 || b * h * w === 0) return stock.kernelFunc(args);
      const out = backend.makeOutput([b, 2 * h, 2 * w, c], 'float32');
      simd.upsample2x(heapAddress(backend, images), heapAddress(backend, out), b * h, w, c / 4);
      return out;
    },
  };
}
