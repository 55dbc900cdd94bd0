/**
 * Convas' SIMD kernels, compiled once per wasm backend and bound to its memory, so they read and write
 * tfjs tensors in place (addresses are the tensors' `memoryOffset`s on the backend's heap).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { buildModule, FunctionBuilder, V128 } from './assembler';
import { adamKernel } from './adamKernel';
import { convKernel, type ConvKernelShape } from './convKernel';
import { filterGradKernel, MAX_MR, RELAXED_MADD } from './filterGradKernel';
import { winogradGradOutKernel, winogradInKernel, winogradOutKernel, type WinogradGradOutShape, type WinogradInShape, type WinogradOutShape } from './winogradKernels';
import { winograd4GradOutKernel, winograd4InKernel, winograd4OutKernel } from './winograd4Kernels';
import { batchNormGradInputKernel, batchNormGradSumsKernel, normalizeKernel, sumSquaredDeviationKernel } from './batchNormKernels';
import { copyRowsKernel, copyVecRowsKernel, maxPool2x2GradKernel, maxPoolGradKernel, padRowsKernel, reluGradKernel, reluGradSumKernel, sumPool2x2Kernel, sumRowsKernel, upsample2xKernel } from './elementKernels';

export { MAX_MR };

/** The kernels' exports, typed. */
export interface SimdKernels {
  /**
   * filterGrad[mr][nr]: see filterGradKernel.ts; mr in 1..MAX_MR, nr 4 or 8. With relaxed_madd where the
   * engine runs relaxed SIMD (see setFilterGradFma).
   */
  readonly filterGrad: Record<number, Record<4 | 8, (...args: number[]) => void>>;
  /**
   * Whether the relaxed_madd kernels run (the engine has relaxed SIMD and setFilterGradFma allows): also
   * a sign of an optimising compiler that keeps 15 vectors in registers, which the filter gradient's 6-wide
   * tiles need (Node 20's spills them: 6-wide tiles ran 15% slower there).
   */
  readonly fma: boolean;
  /**
   * The direct-convolution kernel of convKernel.ts specialised to `shape`, compiled on first use and kept
   * (a layer's few shapes each get one small module); relaxed_madd where the engine runs relaxed SIMD and
   * setFilterGradFma allows.
   */
  conv(shape: Omit<ConvKernelShape, 'fma'>): (...args: number[]) => void;
  /** The Winograd transforms of winogradKernels.ts specialised to `shape`, compiled on first use and kept. */
  winogradIn(shape: WinogradInShape): (x: number, v: number, tileRows: number, tilesPerRow: number) => void;
  winogradOut(shape: WinogradOutShape): (m: number, out: number, bias: number, tileRows: number, tilesPerRow: number) => void;
  winogradGradOut(shape: WinogradGradOutShape): (dy: number, out: number, tileRows: number, tilesPerRow: number) => void;
  /** The F(4x4, 3x3) transforms of winograd4Kernels.ts (same parameters as the F(2x2, 3x3) ones above). */
  winograd4In(shape: WinogradInShape): (x: number, v: number, tileRows: number, tilesPerRow: number) => void;
  winograd4Out(shape: WinogradOutShape): (m: number, out: number, bias: number, tileRows: number, tilesPerRow: number) => void;
  winograd4GradOut(shape: WinogradGradOutShape): (dy: number, out: number, tileRows: number, tilesPerRow: number) => void;
  /** See elementKernels.ts. */
  maxPool2x2Grad: (...args: number[]) => void;
  /** elementKernels.ts' maxPoolGradKernel: any window and stride, x padded by the caller. */
  maxPoolGrad: (...args: number[]) => void;
  sumPool2x2: (...args: number[]) => void;
  sumRows: (x: number, out: number, rows: number, c4: number) => void;
  /** Strided row copies: v128 loops for short runs in whole vectors (one pixel's channels), else memory.copy. */
  copyRows: (dst: number, src: number, rows: number, bytes: number, dstStride: number, srcStride: number) => void;
  /** Row copies with zeroed margins (see elementKernels.ts' padRowsKernel). */
  padRows: (dst: number, src: number, rows: number, bytes: number, dstStride: number, srcStride: number, left: number, right: number) => void;
  /** Nearest-neighbour upsampling by 2 (see elementKernels.ts). */
  upsample2x: (src: number, dst: number, rows: number, cols: number, c4: number) => void;
  reluGrad: (dy: number, y: number, out: number, n4: number) => void;
  reluGradSum: (dy: number, y: number, out: number, sum: number, rows: number, c4: number) => void;
  /** The per-channel passes of a training BatchNormalization (see batchNormKernels.ts). */
  sumSquaredDeviation: (x: number, mean: number, sum: number, rows: number, c4: number) => void;
  normalize: (x: number, mean: number, scale: number, shift: number, out: number, rows: number, c4: number) => void;
  batchNormGradSums: (dy: number, x: number, mean: number, sumDy: number, sumDyX: number, rows: number, c4: number) => void;
  batchNormGradInput: (dy: number, x: number, mean: number, a: number, b: number, c: number, out: number, rows: number, c4: number) => void;
  /** Adam's update of 4 x n4 values (see adamKernel.ts). */
  adam: (g: number, m: number, v: number, w: number, out: number, n4: number, ...constants: number[]) => void;
}

let relaxedSupport: boolean | null = null;

/** Whether this engine runs relaxed SIMD (Chromium does; Node 20 only with --experimental-wasm-relaxed-simd). */
export function relaxedSimdSupported(): boolean {
  if (relaxedSupport === null) {
    const probe = new FunctionBuilder([V128, V128, V128], [V128]).get(0).get(1).get(2).simd(RELAXED_MADD);
    relaxedSupport = WebAssembly.validate(buildModule({ probe }));
  }
  return relaxedSupport;
}

let useFma = true;

/**
 * Whether the filter-gradient kernels use relaxed_madd where supported (default on; benchmarks and tests
 * compare both: where relaxed SIMD runs, both variants are bound and this picks one per call).
 */
export function setFilterGradFma(on: boolean): void {
  useFma = on;
}

/** Module bytes: every kernel variant (`fma`: also the filter-gradient kernels with relaxed_madd). */
export function simdModuleBytes(fma = false): Uint8Array<ArrayBuffer> {
  const fns: Record<string, FunctionBuilder> = {};
  for (let mr = 1; mr <= MAX_MR; mr++) {
    for (const nr of [4, 8] as const) {
      fns[`filterGrad_${mr}_${nr}`] = filterGradKernel(mr, nr);
      if (fma) fns[`filterGradFma_${mr}_${nr}`] = filterGradKernel(mr, nr, true);
    }
  }
  fns.maxPool2x2Grad = maxPool2x2GradKernel();
  fns.maxPoolGrad = maxPoolGradKernel();
  fns.sumRows = sumRowsKernel();
  fns.sumPool2x2 = sumPool2x2Kernel();
  fns.copyRows = copyRowsKernel();
  fns.copyVecRows = copyVecRowsKernel();
  fns.upsample2x = upsample2xKernel();
  fns.padRows = padRowsKernel();
  fns.reluGrad = reluGradKernel();
  fns.reluGradSum = reluGradSumKernel();
  fns.adam = adamKernel();
  fns.sumSquaredDeviation = sumSquaredDeviationKernel();
  fns.normalize = normalizeKernel();
  fns.batchNormGradSums = batchNormGradSumsKernel();
  fns.batchNormGradInput = batchNormGradInputKernel();
  return buildModule(fns);
}

/** Runs up to this many bytes copy faster in v128 loops than through a memory.copy call each (V8 calls out). */
const SHORT_RUN = 512;

function copyRowsBy(memoryCopy: (...args: number[]) => void, vectors: (...args: number[]) => void): SimdKernels['copyRows'] {
  return (dst, src, rows, bytes, dstStride, srcStride) => {
    if (bytes % 16 === 0 && bytes <= SHORT_RUN) vectors(dst, src, rows, bytes / 16, dstStride, srcStride);
    else memoryCopy(dst, src, rows, bytes, dstStride, srcStride);
  };
}

const instances = new WeakMap<object, SimdKernels | null>();

/**
 * The kernels bound to `backend`'s memory, or null when they cannot be (no exported memory, no SIMD):
 * callers then use the composed XNNPACK kernels.
 */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  const cached = instances.get(backend);
  if (cached !== undefined) return cached;
  let kernels: SimdKernels | null = null;
  try {
    // tfjs-backend-wasm's emscripten module exports its memory as asm.memory (single-threaded builds).
    const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
    if (memory instanceof WebAssembly.Memory) {
      const fma = relaxedSimdSupported();
      const instance = new WebAssembly.Instance(new WebAssembly.Module(simdModuleBytes(fma)), { env: { memory } });
      const fn = (name: string) => instance.exports[name] as (...args: number[]) => void;
      const table = (prefix: string) => {
        const out: SimdKernels['filterGrad'] = {};
        for (let mr = 1; mr <= MAX_MR; mr++) out[mr] = { 4: fn(`${prefix}_${mr}_4`), 8: fn(`${prefix}_${mr}_8`) };
        return out;
      };
      const plain = table('filterGrad');
      const fused = fma ? table('filterGradFma') : null;
      // One small module per layer shape, compiled on first use: every kernel specialised to its constants.
      const specialised = new Map<string, (...args: number[]) => void>();
      const compiled = (name: string, shape: object, build: () => FunctionBuilder) => {
        const key = name + JSON.stringify(shape);
        let kernel = specialised.get(key);
        if (!kernel) {
          const module = new WebAssembly.Module(buildModule({ [name]: build() }));
          kernel = new WebAssembly.Instance(module, { env: { memory } }).exports[name] as (...args: number[]) => void;
          specialised.set(key, kernel);
        }
        return kernel;
      };
      kernels = {
        get filterGrad() {
          return useFma && fused ? fused : plain;
        },
        get fma() {
          return useFma && fused !== null;
        },
        conv: (shape) => {
          const full = { ...shape, fma: fma && useFma };
          return compiled('conv', full, () => convKernel(full));
        },
        winogradIn: (shape) => compiled('winogradIn', shape, () => winogradInKernel(shape)),
        winogradOut: (shape) => compiled('winogradOut', shape, () => winogradOutKernel(shape)),
        winogradGradOut: (shape) => compiled('winogradGradOut', shape, () => winogradGradOutKernel(shape)),
        winograd4In: (shape) => compiled('winograd4In', shape, () => winograd4InKernel(shape)),
        winograd4Out: (shape) => compiled('winograd4Out', shape, () => winograd4OutKernel(shape)),
        winograd4GradOut: (shape) => compiled('winograd4GradOut', shape, () => winograd4GradOutKernel(shape)),
        maxPool2x2Grad: fn('maxPool2x2Grad'),
        maxPoolGrad: fn('maxPoolGrad'),
        sumPool2x2: fn('sumPool2x2'),
        sumRows: fn('sumRows'),
        copyRows: copyRowsBy(fn('copyRows'), fn('copyVecRows')),
        upsample2x: fn('upsample2x'),
        padRows: fn('padRows'),
        reluGrad: fn('reluGrad'),
        reluGradSum: fn('reluGradSum'),
        adam: fn('adam'),
        sumSquaredDeviation: fn('sumSquaredDeviation'),
        normalize: fn('normalize'),
        batchNormGradSums: fn('batchNormGradSums'),
        batchNormGradInput: fn('batchNormGradInput'),
      };
    }
  } catch {
    kernels = null;
  }
  instances.set(backend, kernels);
  return kernels;
}
