/**
 * Generators of the transform kernels of the Winograd convolution F(2x2, 3x3) (driver: winograd.ts).
 * A 3x3 correlation's 2x2 output tile Y from its 4x4 input patch d is
 *   Y = A^T [ (G g G^T) . (B^T d B) ] A
 * with . elementwise over the 16 positions xi = (i, j) of the 4x4 transformed tile:
 *   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  A^T = [1 1 1 0; 0 1 -1 -1],
 *   G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
 * Summed over input channels, each position xi is a matrix product (tiles x Cin) (Cin x Cout): 16 of them
 * take 16 multiply-adds per 4 outputs and channel pair where the direct convolution takes 36.
 *
 * The transforms only add and subtract, four channels to a v128. Both kernels are specialised to their
 * layer's constants (channel strides, plane and row strides), so every load and store is a base pointer
 * plus an immediate offset, as in convKernel.ts.
 *
 * Layouts (bytes; a block is a few rows of tiles, numbered row-major):
 *   V, M   plane xi (0..15) at xi x plane; tile t of the block at t x C x 4 in it (C = Cin for V, Cout for M)
 *   x      padded NHWC input; tile (r, c) reads rows 2r..2r+3, columns 2c..2c+3
 *   out    NHWC output; tile (r, c) writes rows 2r, 2r+1, columns 2c, 2c+1
 */
import { FunctionBuilder, I32, SIMD, V128 } from './assembler';

const MEM = { align: 0, offset: 0 };
const I32_ADD = 0x6a;
const F32X4_SUB = 0xe5;
const F32X4_MAX = 0xe9;
const V128_CONST = 0x0c;

/**
 * The loops every transform shares: tile rows, tiles along a row, groups of 4 channels. `image` walks the
 * NHWC side (`step` rows and pixels a tile, 2 by default; 16 bytes a group); `planes` walks the plane side, one tile's channels after
 * another (16 bytes a group, continuously); `perTile`, when given, restarts at its parameter for every tile
 * and advances with the groups (the bias). `body` gets the three pointer locals.
 */
export function tileGroups(
  f: FunctionBuilder,
  p: { image: number; planes: number; perTile?: number; tileRows: number; tilesPerRow: number; channels: number; rowBytes: number; step?: number },
  body: (image: number, planes: number, perTile: number) => void,
): void {
  const [r, c, g, row, tile, ip, pp, tp] = Array.from({ length: 8 }, () => f.local(I32));
  const pixel = p.channels * 4;
  const step = p.step ?? 2;
  f.get(p.image).set(row).get(p.planes).set(pp).get(p.tileRows).set(r);
  f.whileNonZero(r, () => {
    f.get(row).set(tile).get(p.tilesPerRow).set(c);
    f.whileNonZero(c, () => {
      f.get(tile).set(ip).i32(p.channels / 4).set(g);
      if (p.perTile !== undefined) f.get(p.perTile).set(tp);
      f.whileNonZero(g, () => {
        body(ip, pp, tp);
        for (const ptr of p.perTile !== undefined ? [ip, pp, tp] : [ip, pp]) f.get(ptr).i32(16).emit(I32_ADD).set(ptr);
        f.decrement(g);
      });
      f.get(tile).i32(step * pixel).emit(I32_ADD).set(tile);
      f.decrement(c);
    });
    f.get(row).i32(step * p.rowBytes).emit(I32_ADD).set(row);
    f.decrement(r);
  });
}

/** Constants of an input-transform kernel. */
export interface WinogradInShape {
  /** Input channels (a multiple of 4). */
  channels: number;
  /** Bytes between rows of the padded input. */
  rowBytes: number;
  /** Bytes between the planes of V. */
  plane: number;
}

/**
 * V = B^T d B for every tile of a block and every 4 channels. Parameters (i32): x (the padded input at the
 * block's first tile row, column 0), v, tileRows, tilesPerRow.
 */
export function winogradInKernel({ channels, rowBytes, plane }: WinogradInShape): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [x, v, tileRows, tilesPerRow] = [0, 1, 2, 3];
  const d = Array.from({ length: 4 }, () => f.local(V128));
  const t = Array.from({ length: 16 }, () => f.local(V128));
  const pixel = channels * 4;
  const op = (a: number, b: number, code: number) => f.get(a).get(b).simd(code);

  tileGroups(f, { image: x, planes: v, tileRows, tilesPerRow, channels, rowBytes }, (xp, vp) => {
    // B^T d, one column j of the patch at a time: t[i][j].
    for (let j = 0; j < 4; j++) {
      for (let i = 0; i < 4; i++) f.get(xp).simd(SIMD.load, { ...MEM, offset: i * rowBytes + j * pixel }).set(d[i]);
      op(d[0], d[2], F32X4_SUB).set(t[j]);
      op(d[1], d[2], SIMD.f32x4Add).set(t[4 + j]);
      op(d[2], d[1], F32X4_SUB).set(t[8 + j]);
      op(d[1], d[3], F32X4_SUB).set(t[12 + j]);
    }
    // (B^T d) B, row i at a time, stored as it comes: V[4i + j].
    for (let i = 0; i < 4; i++) {
      const [a, b, e, h] = [t[4 * i], t[4 * i + 1], t[4 * i + 2], t[4 * i + 3]];
      const store = (xi: number, lhs: number, rhs: number, code: number) => {
        f.get(vp);
        op(lhs, rhs, code);
        f.simd(SIMD.store, { ...MEM, offset: xi * plane });
      };
      store(4 * i, a, e, F32X4_SUB);
      store(4 * i + 1, b, e, SIMD.f32x4Add);
      store(4 * i + 2, e, b, F32X4_SUB);
      store(4 * i + 3, b, h, F32X4_SUB);
    }
  });
  return f;
}

/** Constants of an output-transform kernel. */
export interface WinogradOutShape {
  /** Output channels (a multiple of 4). */
  channels: number;
  /** Bytes between output rows. */
  rowBytes: number;
  /** Bytes between the planes of M. */
  plane: number;
  relu: boolean;
}

/**
 * out = relu?(A^T m A + bias) for every tile of a block and every 4 channels. Parameters (i32): m, out (at
 * the block's first output row, column 0), bias, tileRows, tilesPerRow.
 */
export function winogradOutKernel({ channels, rowBytes, plane, relu }: WinogradOutShape): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32]);
  const [m, out, bias, tileRows, tilesPerRow] = [0, 1, 2, 3, 4];
  const s = Array.from({ length: 8 }, () => f.local(V128));
  const b = f.local(V128);
  const pixel = channels * 4;

  tileGroups(f, { image: out, planes: m, perTile: bias, tileRows, tilesPerRow, channels, rowBytes }, (op, mp, bp) => {
    const load = (xi: number) => f.get(mp).simd(SIMD.load, { ...MEM, offset: xi * plane });
    // A^T m, one column j at a time: s[j] = m0j + m1j + m2j, s[4 + j] = m1j - m2j - m3j.
    for (let j = 0; j < 4; j++) {
      load(4 + j);
      load(8 + j);
      f.simd(SIMD.f32x4Add);
      load(j);
      f.simd(SIMD.f32x4Add).set(s[j]);
      load(4 + j);
      load(8 + j);
      f.simd(F32X4_SUB);
      load(12 + j);
      f.simd(F32X4_SUB).set(s[4 + j]);
    }
    f.get(bp).simd(SIMD.load, MEM).set(b);
    // (A^T m) A + bias: y[k][0] = s0 + s1 + s2, y[k][1] = s1 - s2 - s3 for rows k = 0, 1.
    for (let k = 0; k < 2; k++) {
      const [a0, a1, a2, a3] = [s[4 * k], s[4 * k + 1], s[4 * k + 2], s[4 * k + 3]];
      const emitStore = (offset: number, value: () => void) => {
        f.get(op);
        value();
        f.get(b).simd(SIMD.f32x4Add);
        // max keeps NaN (a diverged run must show NaN, not 0), as relu(NaN) does in tfjs.
        if (relu) f.emit(0xfd, V128_CONST, ...new Array(16).fill(0)).simd(F32X4_MAX);
        f.simd(SIMD.store, { ...MEM, offset });
      };
      emitStore(k * rowBytes, () => f.get(a1).get(a2).simd(SIMD.f32x4Add).get(a0).simd(SIMD.f32x4Add));
      emitStore(k * rowBytes + pixel, () => f.get(a1).get(a2).simd(F32X4_SUB).get(a3).simd(F32X4_SUB));
    }
  });
  return f;
}

/** Constants of an output-gradient transform kernel (the filter gradient's). */
export interface WinogradGradOutShape {
  /** Output channels (a multiple of 4). */
  channels: number;
  /** Bytes between rows of dy. */
  rowBytes: number;
  /** Bytes between the planes of the transformed dy. */
  plane: number;
}

/**
 * The filter gradient's transform of dy: A dy A^T (4x4 from each 2x2 tile), A = [1 0; 1 1; 1 -1; 0 -1], into
 * planes laid out as M. Since M = U . V and Y = A^T M A, this is dM; dU[xi] = V[xi]^T dM[xi] summed over
 * tiles, and dW = G^T dU G. Parameters (i32): dy (at the block's first row, column 0), out, tileRows,
 * tilesPerRow.
 */
export function winogradGradOutKernel({ channels, rowBytes, plane }: WinogradGradOutShape): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [dy, out, tileRows, tilesPerRow] = [0, 1, 2, 3];
  const y = Array.from({ length: 4 }, () => f.local(V128));
  const rows = Array.from({ length: 8 }, () => f.local(V128));
  const pixel = channels * 4;
  const F32X4_NEG = 0xe1;

  tileGroups(f, { image: dy, planes: out, tileRows, tilesPerRow, channels, rowBytes }, (dp, op) => {
    [0, pixel, rowBytes, rowBytes + pixel].forEach((offset, i) => f.get(dp).simd(SIMD.load, { ...MEM, offset }).set(y[i]));
    // A dy: rows [y00, y01], [y00 + y10, y01 + y11], [y00 - y10, y01 - y11], [-y10, -y11].
    f.get(y[0]).set(rows[0]).get(y[1]).set(rows[1]);
    f.get(y[0]).get(y[2]).simd(SIMD.f32x4Add).set(rows[2]).get(y[1]).get(y[3]).simd(SIMD.f32x4Add).set(rows[3]);
    f.get(y[0]).get(y[2]).simd(F32X4_SUB).set(rows[4]).get(y[1]).get(y[3]).simd(F32X4_SUB).set(rows[5]);
    f.get(y[2]).simd(F32X4_NEG).set(rows[6]).get(y[3]).simd(F32X4_NEG).set(rows[7]);
    // (A dy) A^T, row i: [p, p + q, p - q, -q] into planes 4i..4i+3.
    for (let i = 0; i < 4; i++) {
      const [p, q] = [rows[2 * i], rows[2 * i + 1]];
      const store = (xi: number, value: () => void) => {
        f.get(op);
        value();
        f.simd(SIMD.store, { ...MEM, offset: xi * plane });
      };
      store(4 * i, () => f.get(p));
      store(4 * i + 1, () => f.get(p).get(q).simd(SIMD.f32x4Add));
      store(4 * i + 2, () => f.get(p).get(q).simd(F32X4_SUB));
      store(4 * i + 3, () => f.get(q).simd(F32X4_NEG));
    }
  });
  return f;
}
