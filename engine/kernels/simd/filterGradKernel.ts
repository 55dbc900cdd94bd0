/**
 * Generator of the filter-gradient microkernels (see filterGrad.ts for the driver).
 */
import { FunctionBuilder, I32, SIMD, V128 } from './assembler';

/** f32x4.relaxed_madd (relaxed SIMD): a * b + c, fused where the CPU has FMA. */
export const RELAXED_MADD = 0x105;

/** Largest ci tile of the filter-gradient kernel (6 x 8: 12 accumulators); ci tiles of 1..MAX_MR rows each get a kernel. */
export const MAX_MR = 6;

/**
 * Filter-gradient microkernel for an MR (input channels) x NR (output channels, 4 or 8) tile of dW:
 *   dW[i][j] += sum over images b, rows r, columns c of x[b,r,c][i] * dy[b,r,c][j]
 * where x and dy advance by their own byte strides. Parameters (all i32, byte addresses and strides):
 * xBase, dyBase, dwAddr, images, rows, cols, xImage, xRow, xCol, dyImage, dyRow, dyCol, dwRow.
 * With `fma`, each multiply-add is one relaxed_madd (relaxed SIMD; one instruction on a CPU with FMA,
 * half the arithmetic instructions of the inner loop; rounding once instead of twice where fused).
 */
export function filterGradKernel(mr: number, nr: 4 | 8, fma = false): FunctionBuilder {
  const f = new FunctionBuilder(new Array(13).fill(I32));
  const [xBase, dyBase, dwAddr, images, rows, cols, xImage, xRowStride, xCol, dyImage, dyRowStride, dyCol, dwRow] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
  ];
  const nv = nr / 4;
  const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local(V128)));
  const d = Array.from({ length: nv }, () => f.local(V128));
  const s = f.local(V128);
  const [b, r, c, xImg, dyImg, xRow, dyRow, xp, dp, a] = Array.from({ length: 10 }, () => f.local(I32));
  const mem = { align: 0, offset: 0 };

  f.get(dwAddr).set(a);
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nv; j++) f.get(a).simd(SIMD.load, { ...mem, offset: 16 * j }).set(acc[i][j]);
    f.addTo(a, dwRow);
  }
  f.get(xBase).set(xImg).get(dyBase).set(dyImg).get(images).set(b);
  f.whileNonZero(b, () => {
    f.get(xImg).set(xRow).get(dyImg).set(dyRow).get(rows).set(r);
    f.whileNonZero(r, () => {
      f.get(xRow).set(xp).get(dyRow).set(dp).get(cols).set(c);
      f.whileNonZero(c, () => {
        for (let j = 0; j < nv; j++) f.get(dp).simd(SIMD.load, { ...mem, offset: 16 * j }).set(d[j]);
        for (let i = 0; i < mr; i++) {
          f.get(xp).simd(SIMD.load32Splat, { align: 0, offset: 4 * i }).set(s);
          for (let j = 0; j < nv; j++) {
            if (fma) f.get(s).get(d[j]).get(acc[i][j]).simd(RELAXED_MADD).set(acc[i][j]);
            else f.get(acc[i][j]).get(s).get(d[j]).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(acc[i][j]);
          }
        }
        f.addTo(xp, xCol).addTo(dp, dyCol).decrement(c);
      });
      f.addTo(xRow, xRowStride).addTo(dyRow, dyRowStride).decrement(r);
    });
    f.addTo(xImg, xImage).addTo(dyImg, dyImage).decrement(b);
  });
  f.get(dwAddr).set(a);
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nv; j++) f.get(a).get(acc[i][j]).simd(SIMD.store, { ...mem, offset: 16 * j });
    f.addTo(a, dwRow);
  }
  return f;
}
