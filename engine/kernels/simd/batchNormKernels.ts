/**
 * Generators of the per-channel SIMD passes of a training BatchNormalization (../batchNorm.ts): tensors of
 * `rows` pixels by `c4` vectors of 4 channels, with per-channel operands (c4 vectors each) that every pixel
 * reads from the start again. Accumulating passes add each pixel's row in order into their sums (zeroed by
 * the caller), as sumRowsKernel does. All addresses are in bytes.
 */
import { FunctionBuilder, I32, SIMD, V128 } from './assembler';

const MEM = { align: 0, offset: 0 };
const F32X4_SUB = 0xe5;

/**
 * The loop every pass shares: for each pixel, for each vector of 4 channels, `body(at)`. `streams` are the
 * parameters that walk the tensors (advanced 16 bytes per vector), `perChannel` those that restart at every
 * pixel; `body` reads both through `at(param)`, the local holding that operand's current address.
 */
function channelLoop(
  f: FunctionBuilder,
  streams: number[],
  perChannel: number[],
  rows: number,
  c4: number,
  body: (at: (param: number) => number) => void,
): void {
  const cursor = new Map<number, number>();
  for (const p of [...streams, ...perChannel]) cursor.set(p, f.local(I32));
  const [r, k] = [f.local(I32), f.local(I32)];
  const at = (param: number) => cursor.get(param)!;
  for (const p of streams) f.get(p).set(at(p));
  f.get(rows).set(r);
  f.whileNonZero(r, () => {
    for (const p of perChannel) f.get(p).set(at(p));
    f.get(c4).set(k);
    f.whileNonZero(k, () => {
      body(at);
      for (const p of [...streams, ...perChannel]) f.get(at(p)).i32(16).emit(0x6a).set(at(p));
      f.decrement(k);
    });
    f.decrement(r);
  });
}

const load = (f: FunctionBuilder, address: number) => f.get(address).simd(SIMD.load, MEM);

/** `sum[c] += value on the stack` for the vector at local address `sumAt` (the value is pushed by `push`). */
function accumulate(f: FunctionBuilder, sumAt: number, push: () => void): void {
  f.get(sumAt);
  load(f, sumAt);
  push();
  f.simd(SIMD.f32x4Add).simd(SIMD.store, MEM);
}

/**
 * sum[c] += (x - mean[c])^2 over the pixels: the second pass of a two-pass variance (as tf.moments takes it),
 * which keeps its precision when the mean is large against the spread.
 * Parameters: x, mean, sum, rows, c4.
 */
export function sumSquaredDeviationKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(5).fill(I32));
  const [x, mean, sum, rows, c4] = [0, 1, 2, 3, 4];
  const d = f.local(V128);
  channelLoop(f, [x], [mean, sum], rows, c4, (at) => {
    load(f, at(x));
    load(f, at(mean));
    f.simd(F32X4_SUB).set(d);
    accumulate(f, at(sum), () => f.get(d).get(d).simd(SIMD.f32x4Mul));
  });
  return f;
}

/**
 * out = (x - mean[c]) * scale[c] + shift[c]: a BatchNormalization with gamma / sqrt(var + eps) as its scale
 * and beta as its shift (training forward and inference alike). The mean is taken off first, as tf.batchNorm
 * does: folded into the shift, it would cost the digits that activations far from 0 share.
 * Parameters: x, mean, scale, shift, out, rows, c4.
 */
export function normalizeKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(7).fill(I32));
  const [x, mean, scale, shift, out, rows, c4] = [0, 1, 2, 3, 4, 5, 6];
  channelLoop(f, [x, out], [mean, scale, shift], rows, c4, (at) => {
    f.get(at(out));
    load(f, at(x));
    load(f, at(mean));
    f.simd(F32X4_SUB);
    load(f, at(scale));
    f.simd(SIMD.f32x4Mul);
    load(f, at(shift));
    f.simd(SIMD.f32x4Add).simd(SIMD.store, MEM);
  });
  return f;
}

/**
 * The two sums of a BatchNormalization's gradient, in one pass: sumDy[c] += dy, sumDyX[c] += dy (x - mean[c])
 * (the gradients of the shift and, times 1/std, of the scale). Parameters: dy, x, mean, sumDy, sumDyX, rows, c4.
 */
export function batchNormGradSumsKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(7).fill(I32));
  const [dy, x, mean, sumDy, sumDyX, rows, c4] = [0, 1, 2, 3, 4, 5, 6];
  const g = f.local(V128);
  channelLoop(f, [dy, x], [mean, sumDy, sumDyX], rows, c4, (at) => {
    load(f, at(dy)).set(g);
    accumulate(f, at(sumDy), () => f.get(g));
    accumulate(f, at(sumDyX), () => {
      f.get(g);
      load(f, at(x));
      load(f, at(mean));
      f.simd(F32X4_SUB).simd(SIMD.f32x4Mul);
    });
  });
  return f;
}

/**
 * out = a[c] dy + b[c] (x - mean[c]) + c[c]: a BatchNormalization's input gradient once its per-channel sums
 * are known (../batchNorm.ts derives a, b and c). Parameters: dy, x, mean, a, b, c, out, rows, c4.
 */
export function batchNormGradInputKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(9).fill(I32));
  const [dy, x, mean, a, b, c, out, rows, c4] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  channelLoop(f, [dy, x, out], [mean, a, b, c], rows, c4, (at) => {
    f.get(at(out));
    load(f, at(dy));
    load(f, at(a));
    f.simd(SIMD.f32x4Mul);
    load(f, at(x));
    load(f, at(mean));
    f.simd(F32X4_SUB);
    load(f, at(b));
    f.simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add);
    load(f, at(c));
    f.simd(SIMD.f32x4Add).simd(SIMD.store, MEM);
  });
  return f;
}
