/**
 * Generators of small memory-bound SIMD kernels: max-pool 2x2 gradient, column sums, strided row copies.
 * All addresses and strides are in bytes.
 */
import { FunctionBuilder, I32, SIMD, V128 } from './assembler';

const MEM = { align: 0, offset: 0 };
/** Opcodes beyond assembler.ts' SIMD table. */
const F32X4_GT = 0x44;
const V128_AND = 0x4e;
const V128_ANDNOT = 0x4f;
const V128_BITSELECT = 0x52;
const V128_CONST = 0x0c;

/** v128.const -infinity in every f32 lane: a window's running maximum before its first tap. */
function negInfinity(f: FunctionBuilder): FunctionBuilder {
  return f.emit(0xfd, V128_CONST, ...Array.from({ length: 4 }, () => [0x00, 0x00, 0x80, 0xff]).flat());
}

/**
 * MaxPoolGrad for 2x2 windows at stride 2 without padding, channels in vectors of 4: each dy value goes
 * to the first maximum of its window (row-major order, strict >), as tfjs' cpu backend does; the other
 * three positions get 0. Windows do not overlap, so dx is written, not accumulated.
 * Parameters: x, dy, dx, rows (batch x output rows), cols (output columns), c4 (channels / 4),
 * xRow (bytes between output rows in x: 2 W C 4), right (C 4), down (W C 4).
 */
export function maxPool2x2GradKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(9).fill(I32));
  const [x, dy, dx, rows, cols, c4, xRowStride, right, down] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [r, c, k, xRow, xPix, xp, dp, delta] = Array.from({ length: 8 }, () => f.local(I32));
  const m = f.local(V128);
  const v = Array.from({ length: 4 }, () => f.local(V128));
  const sel = Array.from({ length: 4 }, () => f.local(V128));
  const gt = f.local(V128);
  const g = f.local(V128);
  // Byte offsets of the four taps from the window's first pixel: 0, right, down, down + right.
  const offset = (t: number) => {
    f.get(xp);
    if (t & 1) f.get(right).emit(0x6a);
    if (t & 2) f.get(down).emit(0x6a);
  };
  f.get(dx).get(x).emit(0x6b).set(delta); // dx address = x address + delta
  f.get(x).set(xRow).get(dy).set(dp).get(rows).set(r);
  f.whileNonZero(r, () => {
    f.get(xRow).set(xPix).get(cols).set(c);
    f.whileNonZero(c, () => {
      f.get(xPix).set(xp).get(c4).set(k);
      f.whileNonZero(k, () => {
        // m = -infinity in every lane
        negInfinity(f).set(m);
        for (let t = 0; t < 4; t++) {
          offset(t);
          f.simd(SIMD.load, MEM).set(v[t]);
          f.get(v[t]).get(m).simd(F32X4_GT).set(gt);
          f.get(v[t]).get(m).get(gt).simd(V128_BITSELECT).set(m);
          f.get(gt).set(sel[t]);
          for (let u = 0; u < t; u++) f.get(sel[u]).get(gt).simd(V128_ANDNOT).set(sel[u]);
        }
        f.get(dp).simd(SIMD.load, MEM).set(g);
        for (let t = 0; t < 4; t++) {
          offset(t);
          f.get(delta).emit(0x6a);
          f.get(g).get(sel[t]).simd(V128_AND).simd(SIMD.store, MEM);
        }
        f.get(xp).i32(16).emit(0x6a).set(xp);
        f.get(dp).i32(16).emit(0x6a).set(dp);
        f.decrement(k);
      });
      f.get(xPix).get(right).emit(0x6a).get(right).emit(0x6a).set(xPix); // next window: 2 pixels right
      f.decrement(c);
    });
    f.addTo(xRow, xRowStride).decrement(r);
  });
  return f;
}

/**
 * MaxPoolGrad for any window and stride (no dilation), channels in vectors of 4: dx += dy at each window's
 * first maximum (row-major order, strict >, as tfjs' cpu backend), one lane at a time, since windows may
 * overlap. x must cover every window (the caller pads it with -infinity, which never wins); dx has x's
 * layout at `delta` bytes from it and starts zeroed. A window with no value above -infinity routes nothing.
 * Parameters: x, dy, delta, batch, oh, ow, c4, fh, fw, imageBytes (between x's images), rowStep (bytes
 * between output rows' windows: sh x xRow), colStep (sw x pix), xRow (bytes between x's rows), pix (C 4).
 */
export function maxPoolGradKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(14).fill(I32));
  const [x, dy, delta, batch, oh, ow, c4, fh, fw, imageBytes, rowStep, colStep, xRowBytes, pixBytes] = Array.from({ length: 14 }, (_, i) => i);
  const [b, i, j, k, img, rowBase, winBase, xp, dp, r, q, tapRow, tap, o] = Array.from({ length: 14 }, () => f.local(I32));
  const [m, idx, v, gt, g] = Array.from({ length: 5 }, () => f.local(V128));
  const I32X4_SPLAT = 0x11;
  const I32X4_EXTRACT_LANE = 0x1b;
  const F32X4_EXTRACT_LANE = 0x1f;
  f.get(x).set(img).get(dy).set(dp).get(batch).set(b);
  f.whileNonZero(b, () => {
    f.get(img).set(rowBase).get(oh).set(i);
    f.whileNonZero(i, () => {
      f.get(rowBase).set(winBase).get(ow).set(j);
      f.whileNonZero(j, () => {
        f.get(winBase).set(xp).get(c4).set(k);
        f.whileNonZero(k, () => {
          // m = -infinity, idx = -1 (no maximum yet) in every lane
          negInfinity(f).set(m);
          f.emit(0xfd, V128_CONST, ...new Array(16).fill(0xff)).set(idx);
          f.i32(0).set(tapRow).get(fh).set(r);
          f.whileNonZero(r, () => {
            f.get(tapRow).set(tap).get(fw).set(q);
            f.whileNonZero(q, () => {
              f.get(xp).get(tap).emit(0x6a).simd(SIMD.load, MEM).set(v);
              f.get(v).get(m).simd(F32X4_GT).set(gt);
              f.get(v).get(m).get(gt).simd(V128_BITSELECT).set(m);
              f.get(tap).simd(I32X4_SPLAT).get(idx).get(gt).simd(V128_BITSELECT).set(idx);
              f.addTo(tap, pixBytes).decrement(q);
            });
            f.addTo(tapRow, xRowBytes).decrement(r);
          });
          f.get(dp).simd(SIMD.load, MEM).set(g);
          for (let lane = 0; lane < 4; lane++) {
            f.get(idx).simd(I32X4_EXTRACT_LANE).emit(lane).set(o);
            f.get(o).i32(0).emit(0x4e, 0x04, 0x40); // i32.ge_s; if
            f.get(xp).get(o).emit(0x6a).get(delta).emit(0x6a).set(o); // o = this lane's window base in dx
            f.get(o).get(o).mem(0x2a, 2, 4 * lane); // f32.load
            f.get(g).simd(F32X4_EXTRACT_LANE).emit(lane);
            f.emit(0x92).mem(0x38, 2, 4 * lane); // f32.add; f32.store
            f.emit(0x0b); // end if
          }
          f.get(xp).i32(16).emit(0x6a).set(xp);
          f.get(dp).i32(16).emit(0x6a).set(dp);
          f.decrement(k);
        });
        f.addTo(winBase, colStep).decrement(j);
      });
      f.addTo(rowBase, rowStep).decrement(i);
    });
    f.addTo(img, imageBytes).decrement(b);
  });
  return f;
}

/**
 * out[c] += sum over rows of x[row][c], for rows of c4 vectors of 4 floats (out must start zeroed).
 * Parameters: x, out, rows, c4.
 */
export function sumRowsKernel(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [x, out, rows, c4] = [0, 1, 2, 3];
  const [r, k, xp, op] = Array.from({ length: 4 }, () => f.local(I32));
  f.get(x).set(xp).get(rows).set(r);
  f.whileNonZero(r, () => {
    f.get(out).set(op).get(c4).set(k);
    f.whileNonZero(k, () => {
      f.get(op).get(op).simd(SIMD.load, MEM).get(xp).simd(SIMD.load, MEM).simd(SIMD.f32x4Add).simd(SIMD.store, MEM);
      f.get(op).i32(16).emit(0x6a).set(op);
      f.get(xp).i32(16).emit(0x6a).set(xp);
      f.decrement(k);
    });
    f.decrement(r);
  });
  return f;
}

/**
 * Copies `rows` runs of `bytes` bytes from src to dst, advancing each by its own stride (memory.copy):
 * concatenation and split along any axis of a row-major tensor.
 * Parameters: dst, src, rows, bytes, dstStride, srcStride.
 */
export function copyRowsKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(6).fill(I32));
  const [dst, src, rows, bytes, dstStride, srcStride] = [0, 1, 2, 3, 4, 5];
  f.whileNonZero(rows, () => {
    f.get(dst).get(src).get(bytes).emit(0xfc, 0x0a, 0x00, 0x00); // memory.copy
    f.addTo(dst, dstStride).addTo(src, srcStride).decrement(rows);
  });
  return f;
}

/**
 * Sum of each 2x2 block: the gradient of nearest-neighbour upsampling by 2 (UpSampling2D), channels in
 * vectors of 4. Parameters: dy, dx, rows (batch x dx rows), cols (dx columns), c4,
 * dyRow (bytes between dx rows in dy: 2 W' C 4), right (C 4), down (W' C 4), with W' = dy's width.
 */
export function sumPool2x2Kernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(8).fill(I32));
  const [dy, dx, rows, cols, c4, dyRowStride, right, down] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [r, c, k, row, pix, p, q] = Array.from({ length: 7 }, () => f.local(I32));
  f.get(dy).set(row).get(dx).set(q).get(rows).set(r);
  f.whileNonZero(r, () => {
    f.get(row).set(pix).get(cols).set(c);
    f.whileNonZero(c, () => {
      f.get(pix).set(p).get(c4).set(k);
      f.whileNonZero(k, () => {
        f.get(q);
        f.get(p).simd(SIMD.load, MEM);
        f.get(p).get(right).emit(0x6a).simd(SIMD.load, MEM).simd(SIMD.f32x4Add);
        f.get(p).get(down).emit(0x6a).simd(SIMD.load, MEM).simd(SIMD.f32x4Add);
        f.get(p).get(down).emit(0x6a).get(right).emit(0x6a).simd(SIMD.load, MEM).simd(SIMD.f32x4Add);
        f.simd(SIMD.store, MEM);
        f.get(p).i32(16).emit(0x6a).set(p);
        f.get(q).i32(16).emit(0x6a).set(q);
        f.decrement(k);
      });
      f.get(pix).get(right).emit(0x6a).get(right).emit(0x6a).set(pix);
      f.decrement(c);
    });
    f.addTo(row, dyRowStride).decrement(r);
  });
  return f;
}

const F32X4_NE = 0x42;
const V128_OR = 0x50;

/**
 * Pushes the ReLU gradient of one vector: (dy & (y > 0)) | (y & (y != y)), dy where y is positive and y
 * itself (NaN) where y is NaN. Local `y` holds y's vector; `dyAddr` is the local with dy's address.
 */
function pushReluGrad(f: FunctionBuilder, dyAddr: number, y: number): void {
  f.get(dyAddr).simd(SIMD.load, MEM);
  f.get(y).emit(0xfd, V128_CONST, ...new Array(16).fill(0)).simd(F32X4_GT);
  f.simd(V128_AND);
  f.get(y).get(y).get(y).simd(F32X4_NE).simd(V128_AND);
  f.simd(V128_OR);
}

/**
 * The gradient through a ReLU from its output: out = dy where y > 0, 0 elsewhere, and NaN where y is NaN
 * (as tfjs' dy * step(x) gives), in one pass instead of Step, Cast and Multiply.
 * Parameters: dy, y, out, n4 (vectors of 4 floats).
 */
export function reluGradKernel(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32]);
  const [dy, y, out, n4] = [0, 1, 2, 3];
  const [dp, yp, op, k] = Array.from({ length: 4 }, () => f.local(I32));
  const v = f.local(V128);
  f.get(dy).set(dp).get(y).set(yp).get(out).set(op).get(n4).set(k);
  f.whileNonZero(k, () => {
    f.get(yp).simd(SIMD.load, MEM).set(v);
    f.get(op);
    pushReluGrad(f, dp, v);
    f.simd(SIMD.store, MEM);
    f.get(dp).i32(16).emit(0x6a).set(dp);
    f.get(yp).i32(16).emit(0x6a).set(yp);
    f.get(op).i32(16).emit(0x6a).set(op);
    f.decrement(k);
  });
  return f;
}

/**
 * Copies `rows` runs of `vecs` x 16 bytes with v128 loads and stores, advancing dst and src by their own
 * strides: the short runs of a channel concatenation or split (one pixel's channels), where a memory.copy
 * call per run costs more than the copy. Parameters: dst, src, rows, vecs, dstStride, srcStride.
 */
export function copyVecRowsKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(6).fill(I32));
  const [dst, src, rows, vecs, dstStride, srcStride] = [0, 1, 2, 3, 4, 5];
  const [d, s, k] = Array.from({ length: 3 }, () => f.local(I32));
  f.whileNonZero(rows, () => {
    f.get(dst).set(d).get(src).set(s).get(vecs).set(k);
    f.whileNonZero(k, () => {
      f.get(d).get(s).simd(SIMD.load, MEM).simd(SIMD.store, MEM);
      f.get(d).i32(16).emit(0x6a).set(d);
      f.get(s).i32(16).emit(0x6a).set(s);
      f.decrement(k);
    });
    f.addTo(dst, dstStride).addTo(src, srcStride).decrement(rows);
  });
  return f;
}

/**
 * Nearest-neighbour upsampling by 2 in both directions (UpSampling2D's forward), channels in vectors of 4:
 * each source pixel is written twice along the row, then the whole output row is copied below itself.
 * Parameters: src, dst, rows (batch x source rows), cols (source columns), c4.
 */
export function upsample2xKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(5).fill(I32));
  const [src, dst, rows, cols, c4] = [0, 1, 2, 3, 4];
  const [r, c, k, s, d, pixel, rowBytes, v] = [...Array.from({ length: 7 }, () => f.local(I32)), f.local(V128)];
  f.get(c4).i32(16).emit(0x6c).set(pixel); // bytes per pixel
  f.get(pixel).get(cols).emit(0x6c).i32(2).emit(0x6c).set(rowBytes); // bytes per output row
  f.get(src).set(s).get(dst).set(d).get(rows).set(r);
  f.whileNonZero(r, () => {
    f.get(cols).set(c);
    f.whileNonZero(c, () => {
      f.get(c4).set(k);
      f.whileNonZero(k, () => {
        f.get(s).simd(SIMD.load, MEM).set(v);
        f.get(d).get(v).simd(SIMD.store, MEM);
        f.get(d).get(pixel).emit(0x6a).get(v).simd(SIMD.store, MEM);
        f.get(s).i32(16).emit(0x6a).set(s);
        f.get(d).i32(16).emit(0x6a).set(d);
        f.decrement(k);
      });
      f.addTo(d, pixel).decrement(c); // past the pixel's second copy
    });
    // The row below is the same row: one copy of rowBytes.
    f.get(d).get(d).get(rowBytes).emit(0x6b).get(rowBytes).emit(0xfc, 0x0a, 0x00, 0x00);
    f.addTo(d, rowBytes).decrement(r);
  });
  return f;
}

/**
 * Copies `rows` runs of `bytes` bytes (memory.copy) and zeroes `left` bytes before and `right` bytes after
 * each copied run in dst (memory.fill): the rows of a zero-padded copy of an image, without first zeroing
 * the whole buffer. Parameters: dst, src, rows, bytes, dstStride, srcStride, left, right.
 */
export function padRowsKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(8).fill(I32));
  const [dst, src, rows, bytes, dstStride, srcStride, left, right] = [0, 1, 2, 3, 4, 5, 6, 7];
  const MEMORY_FILL = [0xfc, 0x0b, 0x00];
  const MEMORY_COPY = [0xfc, 0x0a, 0x00, 0x00];
  f.whileNonZero(rows, () => {
    f.get(dst).get(left).emit(0x6b).i32(0).get(left).emit(...MEMORY_FILL);
    f.get(dst).get(src).get(bytes).emit(...MEMORY_COPY);
    f.get(dst).get(bytes).emit(0x6a).i32(0).get(right).emit(...MEMORY_FILL);
    f.addTo(dst, dstStride).addTo(src, srcStride).decrement(rows);
  });
  return f;
}

/**
 * The ReLU gradient of reluGradKernel and, in the same pass, its sum over pixels per channel: a ReLU
 * convolution's bias gradient, without a second pass over the gradient. `sum` (c4 vectors, zeroed by the
 * caller) gains each pixel's row in order, the order of sumRowsKernel, so the sums are the same bits.
 * Parameters: dy, y, out, sum, rows (pixels), c4 (channels / 4).
 */
export function reluGradSumKernel(): FunctionBuilder {
  const f = new FunctionBuilder(new Array(6).fill(I32));
  const [dy, y, out, sum, rows, c4] = [0, 1, 2, 3, 4, 5];
  const [dp, yp, op, sp, r, k] = Array.from({ length: 6 }, () => f.local(I32));
  const v = f.local(V128);
  const g = f.local(V128);
  f.get(dy).set(dp).get(y).set(yp).get(out).set(op).get(rows).set(r);
  f.whileNonZero(r, () => {
    f.get(sum).set(sp).get(c4).set(k);
    f.whileNonZero(k, () => {
      f.get(yp).simd(SIMD.load, MEM).set(v);
      pushReluGrad(f, dp, v);
      f.set(g);
      f.get(op).get(g).simd(SIMD.store, MEM);
      f.get(sp).get(sp).simd(SIMD.load, MEM).get(g).simd(SIMD.f32x4Add).simd(SIMD.store, MEM);
      f.get(dp).i32(16).emit(0x6a).set(dp);
      f.get(yp).i32(16).emit(0x6a).set(yp);
      f.get(op).i32(16).emit(0x6a).set(op);
      f.get(sp).i32(16).emit(0x6a).set(sp);
      f.decrement(k);
    });
    f.decrement(r);
  });
  return f;
}
