/**
 * Generator of the direct-convolution microkernels (see conv.ts for the driver): NHWC input already padded,
 * HWIO filter, an MR (output pixels along a row) x NR (output channels, 4 or 8) tile of the output held in
 * registers while every tap and input channel is multiplied in:
 *   out[p][j] = bias[j] + sum over tap rows a, tap columns b, depth k of x[p, a, b][k] * w[a, b, k][j]
 * The filter rows of one output-channel tile follow each other at a fixed stride in (a, b, k) order, so one
 * pointer walks them all; x advances by its own strides. With `fma`, each multiply-add is one
 * f32x4.relaxed_madd (one instruction where the CPU has FMA): XNNPACK's wasm build, which tfjs ships,
 * has no FMA.
 *
 * Each kernel is specialised to its layer: the pixel stride in x, the filter row stride and the depth
 * unrolling are constants, so every load in the inner loop takes its address as a base plus an immediate
 * offset. Without that, the address arithmetic of a general kernel costs as many instructions as the
 * multiply-adds, and the kernel is slower than XNNPACK's even with FMA.
 *
 * Parameters (all i32; addresses and strides in bytes):
 *   x        x at the first output pixel's first tap
 *   w        filter at (0, 0, 0, first output channel of the tile)
 *   out      output at the first pixel, first channel of the tile
 *   bias     bias at the tile's first channel (point at zeros for none)
 *   rows     output rows;           xRowStep, outRowStep: bytes between output rows in x and out
 *   tiles    MR-pixel tiles a row
 *   tapRows  filter rows;           tapRowStep: bytes between tap rows in x
 *   tapCols  filter columns;        tapColStep: bytes between tap columns in x
 *   blocks   depth / unroll: floats read per tap column, contiguous in x (4 bytes apart), in blocks
 * With dilation 1 along the width a whole filter row is contiguous in x: tapCols 1, depth KW x Cin.
 */
import { FunctionBuilder, I32, SIMD, V128 } from './assembler';
import { RELAXED_MADD } from './filterGradKernel';

const MEM = { align: 0, offset: 0 };
const F32X4_MAX = 0xe9;
const V128_CONST = 0x0c;
const I32_ADD = 0x6a;

/** Largest pixel tile: MR x 2 accumulators + 2 filter vectors + 1 splat stay in the 16 vector registers. */
export const CONV_MAX_MR = 6;

/** The constants a kernel is specialised to. */
export interface ConvKernelShape {
  /** Output pixels (1..CONV_MAX_MR) and channels (4 or 8) of the register tile. */
  mr: number;
  nr: 4 | 8;
  /** Bytes between neighbouring output pixels in x (stride x Cin x 4) and in out (Cout x 4). */
  xPix: number;
  outPix: number;
  /** Bytes between filter rows: Cout x 4. */
  wStep: number;
  /**
   * Byte offsets of each tap's first float from the pixel's first tap, in x and in the filter. A tap is a
   * run of `depth` floats contiguous in x: a whole filter row (KW x Cin) at dilation 1 along the width,
   * else one filter position (Cin).
   */
  taps: { x: number; w: number }[];
  /** Depth steps per loop iteration; the depth is a multiple of it. */
  unroll: number;
  fma: boolean;
  relu: boolean;
}

/** The unrolling for a depth: its largest divisor up to 8. */
export function depthUnroll(depth: number): number {
  for (let u = 8; u > 1; u--) if (depth % u === 0) return u;
  return 1;
}

export function convKernel({ mr, nr, xPix, outPix, wStep, taps, unroll, fma, relu }: ConvKernelShape): FunctionBuilder {
  const f = new FunctionBuilder(new Array(9).fill(I32));
  const [x, w, out, bias, rows, tiles, xRowStep, outRowStep, blocks] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const nv = nr / 4;
  const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local(V128)));
  const wv = Array.from({ length: nv }, () => f.local(V128));
  const s = f.local(V128);
  const [r, t, k, xRow, oRow, xTile, oTile, xp, wp] = Array.from({ length: 9 }, () => f.local(I32));

  f.get(x).set(xRow).get(out).set(oRow).get(rows).set(r);
  f.whileNonZero(r, () => {
    f.get(xRow).set(xTile).get(oRow).set(oTile).get(tiles).set(t);
    f.whileNonZero(t, () => {
      for (let j = 0; j < nv; j++) {
        f.get(bias).simd(SIMD.load, { ...MEM, offset: 16 * j }).set(acc[0][j]);
        for (let m = 1; m < mr; m++) f.get(acc[0][j]).set(acc[m][j]);
      }
      f.get(w).set(wp).get(xTile).set(xp).get(blocks).set(k);
      // One loop over the depth; every tap and unrolled step inside it reads at a constant offset.
      f.whileNonZero(k, () => {
        for (const tap of taps) {
          for (let u = 0; u < unroll; u++) {
            for (let j = 0; j < nv; j++) f.get(wp).simd(SIMD.load, { ...MEM, offset: tap.w + u * wStep + 16 * j }).set(wv[j]);
            for (let m = 0; m < mr; m++) {
              f.get(xp).simd(SIMD.load32Splat, { ...MEM, offset: tap.x + m * xPix + 4 * u }).set(s);
              for (let j = 0; j < nv; j++) {
                if (fma) f.get(s).get(wv[j]).get(acc[m][j]).simd(RELAXED_MADD).set(acc[m][j]);
                else f.get(acc[m][j]).get(s).get(wv[j]).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(acc[m][j]);
              }
            }
          }
        }
        f.get(xp).i32(4 * unroll).emit(I32_ADD).set(xp);
        f.get(wp).i32(wStep * unroll).emit(I32_ADD).set(wp);
        f.decrement(k);
      });
      for (let m = 0; m < mr; m++) {
        for (let j = 0; j < nv; j++) {
          f.get(oTile).get(acc[m][j]);
          // max keeps NaN (a diverged run must show NaN, not 0), as relu(NaN) does in tfjs.
          if (relu) f.emit(0xfd, V128_CONST, ...new Array(16).fill(0)).simd(F32X4_MAX);
          f.simd(SIMD.store, { ...MEM, offset: m * outPix + 16 * j });
        }
      }
      f.get(xTile).i32(xPix * mr).emit(I32_ADD).set(xTile);
      f.get(oTile).i32(outPix * mr).emit(I32_ADD).set(oTile);
      f.decrement(t);
    });
    f.addTo(xRow, xRowStep).addTo(oRow, outRowStep).decrement(r);
  });
  return f;
}
