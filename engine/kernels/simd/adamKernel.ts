/**
 * Adam's update of one variable in f32x4 lanes (driver: engine/train/flatAdam.ts), in tfjs' order of
 * operations, each one float32-rounded as the f32x4 instruction rounds it:
 *   m = m b1 + g (1 - b1);  v = v b2 + (g g)(1 - b2)
 *   out = ((m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)) (-rate) + w
 * so the weights are the JavaScript loop's (Math.fround at every step), bit for bit.
 * Parameters: g, m, v, w, out (i32 byte addresses; m and v updated in place), n4 (values / 4), then the
 * f32 constants b1, b2, 1 - b1, 1 - b2, 1 - b1^t, 1 - b2^t, eps, -rate.
 */
import { F32, FunctionBuilder, I32, SIMD, V128 } from './assembler';

const MEM = { align: 0, offset: 0 };
const I32_ADD = 0x6a;
const F32X4_DIV = 0xe7;
const F32X4_SQRT = 0xe3;

export function adamKernel(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32]);
  const [g, m, v, w, out, n4] = [0, 1, 2, 3, 4, 5];
  const scalars = [6, 7, 8, 9, 10, 11, 12, 13];
  const [b1, b2, omb1, omb2, oma1, oma2, eps, negRate] = scalars.map(() => f.local(V128));
  const [gp, mp, vp, wp, op, k] = Array.from({ length: 6 }, () => f.local(I32));
  const [gk, mk, vk] = [f.local(V128), f.local(V128), f.local(V128)];
  scalars.forEach((param, i) => f.get(param).simd(SIMD.f32x4Splat).set([b1, b2, omb1, omb2, oma1, oma2, eps, negRate][i]));
  f.get(g).set(gp).get(m).set(mp).get(v).set(vp).get(w).set(wp).get(out).set(op).get(n4).set(k);
  f.whileNonZero(k, () => {
    f.get(gp).simd(SIMD.load, MEM).set(gk);
    // m = m b1 + g (1 - b1)
    f.get(mp).simd(SIMD.load, MEM).get(b1).simd(SIMD.f32x4Mul).get(gk).get(omb1).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(mk);
    // v = v b2 + (g g)(1 - b2)
    f.get(vp).simd(SIMD.load, MEM).get(b2).simd(SIMD.f32x4Mul).get(gk).get(gk).simd(SIMD.f32x4Mul).get(omb2).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(vk);
    f.get(mp).get(mk).simd(SIMD.store, MEM);
    f.get(vp).get(vk).simd(SIMD.store, MEM);
    // out = ((m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)) (-rate) + w
    f.get(op);
    f.get(mk).get(oma1).simd(F32X4_DIV);
    f.get(vk).get(oma2).simd(F32X4_DIV).simd(F32X4_SQRT).get(eps).simd(SIMD.f32x4Add);
    f.simd(F32X4_DIV).get(negRate).simd(SIMD.f32x4Mul);
    f.get(wp).simd(SIMD.load, MEM).simd(SIMD.f32x4Add);
    f.simd(SIMD.store, MEM);
    for (const p of [gp, mp, vp, wp, op]) f.get(p).i32(16).emit(I32_ADD).set(p);
    f.decrement(k);
  });
  return f;
}

