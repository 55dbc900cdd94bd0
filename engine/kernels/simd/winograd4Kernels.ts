/**
 * Generators of the transform kernels of the Winograd convolution F(4x4, 3x3) (driver: winograd.ts; the
 * F(2x2, 3x3) ones and the shared loops are in winogradKernels.ts). A 3x3 correlation's 4x4 output tile Y
 * from its 6x6 input patch d is
 *   Y = A^T [ (G g G^T) . (B^T d B) ] A
 * with . elementwise over the 36 positions of the 6x6 transformed tile, at the points 0, 1, -1, 2, -2, inf:
 *   B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]
 *   A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]
 *   G   = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]
 * 36 products per 16 outputs (2.25 a output) where F(2x2, 3x3) takes 16 per 4 (4 a output) and the direct
 * convolution 9; the transforms cost about twice F(2x2)'s per output, and the transformed input is 2.25
 * floats per output instead of 4.
 *
 * Each 2D transform is two passes of the same 1D transform (columns into locals, then rows stored as they
 * come), written with its shared sums and differences: 21 operations for the input's 6 values, 13 for the
 * output's 4. Layouts as in winogradKernels.ts, with 36 planes and tiles of 4x4 outputs.
 */
import { FunctionBuilder, I32, SIMD, V128 } from './assembler';
import { tileGroups, type WinogradGradOutShape, type WinogradInShape, type WinogradOutShape } from './winogradKernels';

const MEM = { align: 0, offset: 0 };
const F32X4_SUB = 0xe5;
const F32X4_MAX = 0xe9;
const V128_CONST = 0x0c;

/** Pushes a v128 onto the stack. */
type Value = () => void;
/** Takes `value`'s code and keeps its result (a local, or a store). */
type Sink = (value: Value) => void;

/** A sink that keeps the value in `local`. */
function toLocal(f: FunctionBuilder, local: number): Sink {
  return (value) => {
    value();
    f.set(local);
  };
}

/** A sink that stores the value at `offset` bytes from the address in local `pointer`. */
function toMemory(f: FunctionBuilder, pointer: number, offset: number): Sink {
  return (value) => {
    f.get(pointer);
    value();
    f.simd(SIMD.store, { ...MEM, offset });
  };
}

/** A v128 of four copies of `x`. */
function splat(f: FunctionBuilder, x: number): void {
  const bytes = new Uint8Array(new Float32Array([x, x, x, x]).buffer);
  f.emit(0xfd, V128_CONST, ...bytes);
}

/** Locals holding the constants 2, 4, 5 and 8, set once at the top of the kernel. */
function constants(f: FunctionBuilder): Record<2 | 4 | 5 | 8, number> {
  const out = {} as Record<2 | 4 | 5 | 8, number>;
  for (const c of [2, 4, 5, 8] as const) {
    out[c] = f.local(V128);
    splat(f, c);
    f.set(out[c]);
  }
  return out;
}

/**
 * r = B^T d for one column or row d0..d5: r0 = 4 d0 - 5 d2 + d4, r1 = (d3 + d4) - 4 (d1 + d2),
 * r2 = 4 (d1 - d2) + (d4 - d3), r3 = (d4 - d2) + 2 (d3 - d1), r4 = (d4 - d2) - 2 (d3 - d1),
 * r5 = 4 d1 - 5 d3 + d5. `tmp`: 2 scratch locals.
 */
function inputTransform1d(f: FunctionBuilder, d: number[], out: Sink[], k: Record<2 | 4 | 5 | 8, number>, tmp: number[]): void {
  const v = (i: number) => f.get(i);
  const [p, q] = tmp;
  out[0](() => { v(d[0]).get(k[4]).simd(SIMD.f32x4Mul); v(d[2]).get(k[5]).simd(SIMD.f32x4Mul).simd(F32X4_SUB); v(d[4]).simd(SIMD.f32x4Add); });
  out[5](() => { v(d[1]).get(k[4]).simd(SIMD.f32x4Mul); v(d[3]).get(k[5]).simd(SIMD.f32x4Mul).simd(F32X4_SUB); v(d[5]).simd(SIMD.f32x4Add); });
  out[1](() => { v(d[3]).get(d[4]).simd(SIMD.f32x4Add); v(d[1]).get(d[2]).simd(SIMD.f32x4Add).get(k[4]).simd(SIMD.f32x4Mul).simd(F32X4_SUB); });
  out[2](() => { v(d[1]).get(d[2]).simd(F32X4_SUB).get(k[4]).simd(SIMD.f32x4Mul); v(d[4]).get(d[3]).simd(F32X4_SUB).simd(SIMD.f32x4Add); });
  v(d[4]).get(d[2]).simd(F32X4_SUB).set(p);
  v(d[3]).get(d[1]).simd(F32X4_SUB).get(k[2]).simd(SIMD.f32x4Mul).set(q);
  out[3](() => f.get(p).get(q).simd(SIMD.f32x4Add));
  out[4](() => f.get(p).get(q).simd(F32X4_SUB));
}

/**
 * y = A^T m for one column or row m0..m5: with a = m1 + m2, b = m3 + m4, c = m1 - m2, e = m3 - m4,
 * y0 = m0 + a + b, y1 = c + 2 e, y2 = a + 4 b, y3 = c + 8 e + m5. `tmp`: 6 scratch locals.
 */
function outputTransform1d(f: FunctionBuilder, m: Value[], out: Sink[], k: Record<2 | 4 | 5 | 8, number>, tmp: number[]): void {
  const [a, b, c, e, x, y] = tmp;
  // Each of m1..m4 read once (the column pass reads them from memory).
  const sumAndDifference = (p: Value, q: Value, sum: number, difference: number) => {
    p();
    f.set(x);
    q();
    f.set(y).get(x).get(y).simd(SIMD.f32x4Add).set(sum);
    f.get(x).get(y).simd(F32X4_SUB).set(difference);
  };
  sumAndDifference(m[1], m[2], a, c);
  sumAndDifference(m[3], m[4], b, e);
  out[0](() => { m[0](); f.get(a).simd(SIMD.f32x4Add).get(b).simd(SIMD.f32x4Add); });
  out[1](() => f.get(e).get(k[2]).simd(SIMD.f32x4Mul).get(c).simd(SIMD.f32x4Add));
  out[2](() => f.get(b).get(k[4]).simd(SIMD.f32x4Mul).get(a).simd(SIMD.f32x4Add));
  out[3](() => { f.get(e).get(k[8]).simd(SIMD.f32x4Mul).get(c).simd(SIMD.f32x4Add); m[5](); f.simd(SIMD.f32x4Add); });
}

/**
 * V = B^T d B for every 6x6 patch (4x4 tile) of a block and every 4 channels. Parameters (i32): x (the
 * padded input at the block's first tile row, column 0), v, tileRows, tilesPerRow.
 */
export function winograd4InKernel({ channels, rowBytes, plane }: WinogradInShape): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [x, v, tileRows, tilesPerRow] = [0, 1, 2, 3];
  const k = constants(f);
  const d = Array.from({ length: 6 }, () => f.local(V128));
  const t = Array.from({ length: 36 }, () => f.local(V128));
  const tmp = [f.local(V128), f.local(V128)];
  const pixel = channels * 4;

  tileGroups(f, { image: x, planes: v, tileRows, tilesPerRow, channels, rowBytes, step: 4 }, (xp, vp) => {
    // B^T d, one column j of the patch at a time: t[6i + j].
    for (let j = 0; j < 6; j++) {
      for (let i = 0; i < 6; i++) f.get(xp).simd(SIMD.load, { ...MEM, offset: i * rowBytes + j * pixel }).set(d[i]);
      inputTransform1d(f, d, Array.from({ length: 6 }, (_, i) => toLocal(f, t[6 * i + j])), k, tmp);
    }
    // (B^T d) B, row i at a time, stored as it comes: V[6i + j].
    for (let i = 0; i < 6; i++) {
      const row = t.slice(6 * i, 6 * i + 6);
      inputTransform1d(f, row, Array.from({ length: 6 }, (_, j) => toMemory(f, vp, (6 * i + j) * plane)), k, tmp);
    }
  });
  return f;
}

/**
 * out = relu?(A^T m A + bias) for every 4x4 tile of a block and every 4 channels. Parameters (i32): m, out
 * (at the block's first output row, column 0), bias, tileRows, tilesPerRow.
 */
export function winograd4OutKernel({ channels, rowBytes, plane, relu }: WinogradOutShape): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32]);
  const [m, out, bias, tileRows, tilesPerRow] = [0, 1, 2, 3, 4];
  const k = constants(f);
  const s = Array.from({ length: 24 }, () => f.local(V128));
  const tmp = Array.from({ length: 6 }, () => f.local(V128));
  const b = f.local(V128);
  const zero = f.local(V128);
  splat(f, 0);
  f.set(zero);
  const pixel = channels * 4;

  tileGroups(f, { image: out, planes: m, perTile: bias, tileRows, tilesPerRow, channels, rowBytes, step: 4 }, (op, mp, bp) => {
    // A^T m, one column j at a time: s[6r + j] for output rows r = 0..3.
    for (let j = 0; j < 6; j++) {
      const column = Array.from({ length: 6 }, (_, i) => () => void f.get(mp).simd(SIMD.load, { ...MEM, offset: (6 * i + j) * plane }));
      outputTransform1d(f, column, Array.from({ length: 4 }, (_, r) => toLocal(f, s[6 * r + j])), k, tmp);
    }
    f.get(bp).simd(SIMD.load, MEM).set(b);
    // (A^T m) A + bias, output row r at a time, stored as it comes.
    for (let r = 0; r < 4; r++) {
      const row = Array.from({ length: 6 }, (_, j) => () => void f.get(s[6 * r + j]));
      outputTransform1d(f, row, Array.from({ length: 4 }, (_, c) => (value: Value) => {
        f.get(op);
        value();
        f.get(b).simd(SIMD.f32x4Add);
        // max keeps NaN (a diverged run must show NaN, not 0), as relu(NaN) does in tfjs.
        if (relu) f.get(zero).simd(F32X4_MAX);
        f.simd(SIMD.store, { ...MEM, offset: r * rowBytes + c * pixel });
      }), k, tmp);
    }
  });
  return f;
}

/**
 * z = A y for one column or row y0..y3 (A = (A^T)^T, 6 x 4): with e = y0 + y2, o = y1 + y3,
 * e' = y0 + 4 y2, o' = 2 y1 + 8 y3: z0 = y0, z1 = e + o, z2 = e - o, z3 = e' + o', z4 = e' - o', z5 = y3.
 * `tmp`: 4 scratch locals.
 */
function gradTransform1d(f: FunctionBuilder, y: Value[], out: Sink[], k: Record<2 | 4 | 5 | 8, number>, tmp: number[]): void {
  const [e, o, e4, o8] = tmp;
  y[0]();
  y[2]();
  f.simd(SIMD.f32x4Add).set(e);
  y[1]();
  y[3]();
  f.simd(SIMD.f32x4Add).set(o);
  y[2]();
  f.get(k[4]).simd(SIMD.f32x4Mul);
  y[0]();
  f.simd(SIMD.f32x4Add).set(e4);
  y[3]();
  f.get(k[4]).simd(SIMD.f32x4Mul);
  y[1]();
  f.simd(SIMD.f32x4Add).get(k[2]).simd(SIMD.f32x4Mul).set(o8);
  out[0](() => y[0]());
  out[1](() => f.get(e).get(o).simd(SIMD.f32x4Add));
  out[2](() => f.get(e).get(o).simd(F32X4_SUB));
  out[3](() => f.get(e4).get(o8).simd(SIMD.f32x4Add));
  out[4](() => f.get(e4).get(o8).simd(F32X4_SUB));
  out[5](() => y[3]());
}

/**
 * The filter gradient's transform of dy for F(4x4, 3x3): dM = A dy A^T (6x6 from each 4x4 tile), into
 * planes laid out as M (see winogradKernels.ts' winogradGradOutKernel for the F(2x2, 3x3) one and the
 * maths). Parameters (i32): dy (at the block's first row, column 0), out, tileRows, tilesPerRow.
 */
export function winograd4GradOutKernel({ channels, rowBytes, plane }: WinogradGradOutShape): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [dy, out, tileRows, tilesPerRow] = [0, 1, 2, 3];
  const k = constants(f);
  const z = Array.from({ length: 24 }, () => f.local(V128));
  const tmp = Array.from({ length: 4 }, () => f.local(V128));
  const pixel = channels * 4;

  tileGroups(f, { image: dy, planes: out, tileRows, tilesPerRow, channels, rowBytes, step: 4 }, (dp, op) => {
    // (A dy), one column j of the 4x4 tile at a time: z[4i + j] for rows i = 0..5.
    for (let j = 0; j < 4; j++) {
      const column = Array.from({ length: 4 }, (_, r) => () => void f.get(dp).simd(SIMD.load, { ...MEM, offset: r * rowBytes + j * pixel }));
      gradTransform1d(f, column, Array.from({ length: 6 }, (_, i) => toLocal(f, z[4 * i + j])), k, tmp);
    }
    // (A dy) A^T, row i at a time, stored as it comes: dM[6i + l].
    for (let i = 0; i < 6; i++) {
      const row = Array.from({ length: 4 }, (_, j) => () => void f.get(z[4 * i + j]));
      gradTransform1d(f, row, Array.from({ length: 6 }, (_, l) => toMemory(f, op, (6 * i + l) * plane)), k, tmp);
    }
  });
  return f;
}
