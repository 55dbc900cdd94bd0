/**
 * A named float32 tensor as the exporters pass it around: row-major data and its shape. No tfjs: the
 * exporters run wherever the graph does (Node CLI, worker, tests) and only move numbers.
 */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Reorders the axes of a row-major tensor: output axis i is input axis `perm[i]` (numpy's `transpose`).
 * Example: transpose(hwio, [3, 2, 0, 1]) turns a Keras conv kernel [kh, kw, in, out] into PyTorch's
 * [out, in, kh, kw].
 */
export function transpose(t: { shape: number[]; data: Float32Array }, perm: readonly number[]): { shape: number[]; data: Float32Array } {
  const rank = t.shape.length;
  if (perm.length !== rank) throw new Error(`transpose: permutation of ${perm.length} axes for a rank-${rank} tensor`);
  const shape = perm.map((p) => t.shape[p]);
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= t.shape[i];
  }
  const strides = perm.map((p) => inStrides[p]);
  const out = new Float32Array(t.data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += index[i] * strides[i];
    out[o] = t.data[src];
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i] < shape[i]) break;
      index[i] = 0;
    }
  }
  return { shape, data: out };
}

/** The bytes of float32 values in little-endian order, whatever the machine's byte order. */
export function float32LittleEndian(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return bytes;
}
