/**
 * The plain product A B of a Dense layer's forward pass on Convas' direct convolution instead of XNNPACK's
 * fully-connected operator, which packs B on every call where B is a new tensor: the weights after every update.
 * For the First CNN's 4096 -> 32 layer that packing is most of the product's time and does not shrink with the
 * batch (Node with relaxed SIMD, new weights each call, medians of 5 alternating rounds: batch 1 about 1.2 ms
 * against 0.1 here, batch 16 about 1.0 ms against 0.4).
 * A [M,K] x [K,N] is a 1x1 convolution of one image, one row of M pixels of K channels, with the filter
 * [1,1,K,N] (simd/matrixProduct.ts): it reads B in place, 6 rows of A at a time.
 * Only 2-D float32 products (a batch of 1 counts), N in fours, and only where the direct convolution is what the
 * engine runs for convolutions (relaxed SIMD, or setConvSimd('always')). The gradients' transposed products
 * stay on batchMatMul.ts's path: there XNNPACK packs only dy, and the same products on these kernels measured
 * slower (x^T dy as a filter gradient 1.6 against 1.2 ms at batch 16; dy W^T, which needs W transposed, 1.5
 * against 0.3 ms at batch 1).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { directConvRuns } from './conv2d';
import { convSimdSupports } from './simd/conv';
import { matrixProduct, rowGeometry, view } from './simd/matrixProduct';
import { simdKernels } from './simd/module';
import type { Info } from './wasmCall';

let enabled = true;

/** Turns this path off (benchmarks compare both ways alternately) or back on. */
export function setMatMulSimd(on: boolean): void {
  enabled = on;
}

/** The 2-D view of a matrix operand ([r, c], or [1, r, c]), or null for a real batch of matrices. */
function matrix(t: Info): [number, number] | null {
  if (t.dtype !== 'float32') return null;
  if (t.shape.length === 2) return [t.shape[0], t.shape[1]];
  if (t.shape.length === 3 && t.shape[0] === 1) return [t.shape[1], t.shape[2]];
  return null;
}

/**
 * A B on the direct convolution, shaped as the stock kernel's output ([M,N], or [1,M,N] where an operand had
 * the batch axis); null where this path does not apply.
 */
export function matMulSimd(backend: BackendWasm, a: Info, b: Info): Info | null {
  const ma = matrix(a);
  const mb = matrix(b);
  if (!enabled || !ma || !mb || ma[1] !== mb[0] || !directConvRuns()) return null;
  const [m, k] = ma;
  const n = mb[1];
  if (!convSimdSupports(rowGeometry(m, k, n))) return null;
  const kernels = simdKernels(backend);
  if (!kernels) return null;
  const out = matrixProduct(backend, kernels, a, b, m, k, n);
  return view(out, a.shape.length === 3 || b.shape.length === 3 ? [1, m, n] : [m, n]);
}
