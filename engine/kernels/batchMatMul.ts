/**
 * BatchMatMul for the wasm backend with a transposed operand: the stock kernel multiplies a transposed
 * matrix about ten times slower than a plain one (a Dense layer's gradients, x^T dy and dy W^T, took 5-7 ms
 * each for a 4096 -> 32 layer at batch 16, against 0.2-0.6 ms for the same products untransposed: a quarter of
 * a First CNN step). Here the stock kernel only multiplies plain matrices, with transposed copies made first
 * (a blocked copy on the heap) of whichever side costs fewer copied values:
 * - op(A) op(B) directly, copying each transposed operand; or
 * - (op(B)^T op(A)^T)^T, copying each operand that was not transposed, and the product.
 * dy W^T for a 4096 -> 32 Dense layer at batch 4 copies 4 x 32 + 4 x 4096 values the second way instead of
 * the 32 x 4096 weights: the weights' copy would be a fixed cost of every step, however small the batch.
 * Other dtypes go to the stock kernel as they are. A plain product goes to ./matMulSimd.ts where the direct
 * convolution runs (XNNPACK would pack the new weights of every step), else to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { matMulSimd } from './matMulSimd';
import { allocF32, heapF32, release, type Info } from './wasmCall';

/** Square blocks of this side keep both the rows read and the columns written in cache. */
const BLOCK = 32;

/** `x` with its last two axes swapped ([..., r, c] -> [..., c, r]), as a new tensor on the heap. */
export function transposeLastTwo(backend: BackendWasm, x: Info): Info {
  const rank = x.shape.length;
  const [r, c] = [x.shape[rank - 2], x.shape[rank - 1]];
  const out = allocF32(backend, [...x.shape.slice(0, -2), c, r]);
  const src = heapF32(backend, x);
  const dst = heapF32(backend, out);
  for (let base = 0; base < src.length; base += r * c) {
    for (let i0 = 0; i0 < r; i0 += BLOCK) {
      const i1 = Math.min(r, i0 + BLOCK);
      for (let j0 = 0; j0 < c; j0 += BLOCK) {
        const j1 = Math.min(c, j0 + BLOCK);
        for (let i = i0; i < i1; i++) {
          const row = base + i * c;
          for (let j = j0; j < j1; j++) dst[base + j * r + i] = src[row + j];
        }
      }
    }
  }
  return out;
}

const size = (t: Info) => tf.util.sizeFromShape(t.shape);

/** The product's element count: batch x rows of op(A) x columns of op(B) (the batch of the larger side). */
function productSize(a: Info, b: Info, transposeA: boolean, transposeB: boolean): number {
  const [ra, ca] = a.shape.slice(-2);
  const [rb, cb] = b.shape.slice(-2);
  const batch = Math.max(size(a) / (ra * ca), size(b) / (rb * cb));
  return batch * (transposeA ? ca : ra) * (transposeB ? rb : cb);
}

/**
 * Wraps the stock wasm BatchMatMul: a product with a transposed float32 operand becomes plain products of
 * transposed copies, the cheaper of the two ways above.
 */
export function batchMatMulWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    ...stock,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: Info; b: Info };
      const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
      const backend = args.backend as BackendWasm;
      if (!transposeA && !transposeB) return matMulSimd(backend, a, b) ?? stock.kernelFunc(args);
      if (a.dtype !== 'float32' || b.dtype !== 'float32') return stock.kernelFunc(args);
      const plain = (x: Info, y: Info): Info => stock.kernelFunc({ ...args, inputs: { a: x, b: y }, attrs: { ...args.attrs, transposeA: false, transposeB: false } }) as Info;
      const direct = (transposeA ? size(a) : 0) + (transposeB ? size(b) : 0);
      const swapped = (transposeA ? 0 : size(a)) + (transposeB ? 0 : size(b)) + productSize(a, b, transposeA, transposeB);
      if (direct <= swapped) {
        const plainA = transposeA ? transposeLastTwo(backend, a) : a;
        const plainB = transposeB ? transposeLastTwo(backend, b) : b;
        const out = plain(plainA, plainB);
        if (transposeA) release(backend, plainA);
        if (transposeB) release(backend, plainB);
        return out;
      }
      // C = (op(B)^T op(A)^T)^T: op(B)^T is B itself when B was to be transposed, else B's transposed copy.
      const left = transposeB ? b : transposeLastTwo(backend, b);
      const right = transposeA ? a : transposeLastTwo(backend, a);
      const productT = plain(left, right);
      const out = transposeLastTwo(backend, productT);
      release(backend, productT);
      if (!transposeB) release(backend, left);
      if (!transposeA) release(backend, right);
      return out;
    },
  };
}
