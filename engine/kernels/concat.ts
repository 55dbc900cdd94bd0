/**
 * Concat and SplitV for the wasm backend. The stock kernels copy element by element in JavaScript
 * (Concat through a generic 2-D routine, SplitV through Slice); along any axis both are runs of
 * contiguous bytes, copied here with memory.copy (the SIMD module's copyRows). A U-Net's skip
 * connection concatenates, and its gradient splits, a full-resolution feature map every step.
 * Other dtypes and degenerate inputs go to the stock kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from './simd/module';
import { heapAddress } from './wasmCall';

const size = (shape: readonly number[]) => shape.reduce((p, q) => p * q, 1);
const fourBytes = (dtype: string) => dtype === 'float32' || dtype === 'int32';

/** A Concat config for 'wasm'; delegates strings, bools, empty tensors and single inputs to `stock`. */
export function concatWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: 'Concat',
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    kernelFunc: (args) => {
      const backend = args.backend as BackendWasm;
      const inputs = Object.values(args.inputs) as tf.TensorInfo[];
      const simd = simdKernels(backend);
      const dtype = inputs[0]?.dtype;
      if (!simd || inputs.length < 2 || !fourBytes(dtype) || inputs.some((t) => t.dtype !== dtype || size(t.shape) === 0)) {
        return stock.kernelFunc(args);
      }
      const axis = tf.util.parseAxisParam(args.attrs!.axis as number, inputs[0].shape)[0];
      tf.backend_util.assertParamsConsistent(inputs.map((t) => t.shape), axis);
      const outShape = tf.backend_util.computeOutShape(inputs.map((t) => t.shape), axis);
      const out = backend.makeOutput(outShape, dtype);
      const outer = size(outShape.slice(0, axis));
      const inner = size(outShape.slice(axis));
      const outAddr = heapAddress(backend, out);
      let offset = 0;
      for (const t of inputs) {
        const own = size(t.shape.slice(axis));
        simd.copyRows(outAddr + offset * 4, heapAddress(backend, t), outer, own * 4, inner * 4, own * 4);
        offset += own;
      }
      return out;
    },
  };
}

/** A SplitV config for 'wasm'; delegates other dtypes and empty tensors to `stock`. */
export function splitVWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: 'SplitV',
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    kernelFunc: (args) => {
      const backend = args.backend as BackendWasm;
      const { x } = args.inputs as { x: tf.TensorInfo };
      const simd = simdKernels(backend);
      if (!simd || !fourBytes(x.dtype) || size(x.shape) === 0) return stock.kernelFunc(args);
      const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
      const ax = tf.util.parseAxisParam(axis, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, ax);
      const outer = size(x.shape.slice(0, ax));
      const rowLength = size(x.shape.slice(ax + 1));
      const inner = x.shape[ax] * rowLength;
      const xAddr = heapAddress(backend, x);
      let offset = 0;
      return sizes.map((s) => {
        const shape = [...x.shape];
        shape[ax] = s;
        const out = backend.makeOutput(shape, x.dtype);
        const own = s * rowLength;
        if (own > 0) simd.copyRows(heapAddress(backend, out), xAddr + offset * 4, outer, own * 4, own * 4, inner * 4);
        offset += own;
        return out;
      });
    },
  };
}
