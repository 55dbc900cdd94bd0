/**
 * A 3x3, stride-1 convolution by Winograd's F(4x4, 3x3) where the output divides in 4x4 tiles, else
 * F(2x2, 3x3) (the transforms: winograd4Kernels.ts, winogradKernels.ts), in place on the wasm heap: 36
 * matrix products of (tiles x Cin) by (Cin x Cout) per 4x4 output tile (16 per 2x2 tile) instead of 144
 * (36) multiply-adds per tile and channel pair, run on convKernel.ts' microkernel as 1x1 convolutions (a
 * matrix product is one). At the channel counts of the models people build here (16-64) the transforms
 * cost a fifth to a third of what the products save. Measured in Chromium, F(4x4) ran the reference
 * models' 3x3 layers 1.28-1.40x faster than F(2x2) forward and 1.34-1.57x for the filter gradient.
 *
 * The work goes in blocks of a few tile rows of one image, or of several small images, so the transformed
 * input (36 or 16 planes) and the products stay in the core's cache between the three passes. Rounding
 * differs from the direct convolution's by a few float steps with 2x2 tiles (the transforms add and
 * subtract; G has halves) and by some tens with 4x4 (coefficients up to 8 and sixths; relative error
 * below 1e-5 in the tests).
 *
 * The same layer's filter gradient goes the Winograd way too ({@link filterGradWinograd}); its input
 * gradient is a convolution of dy with the reversed filter, so it comes here through Conv2D.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapAddress, heapF32, release, type Info } from '../wasmCall';
import { convKernelsByTile, padded, type ConvGeometry } from './conv';
import { CONV_MAX_MR, depthUnroll } from './convKernel';
import { inputChannelTile } from './filterGrad';
import { matrixProduct, view } from './matrixProduct';
import type { SimdKernels } from './module';

/**
 * Bytes of transformed input and products a block aims for: half of a 2 MB L2. Measured in Chromium on the
 * reference models' layers: 64-256 KB blocks ran up to 1.7x slower (more, shorter matrix products), 1 MB
 * as fast as 2 MB or a little faster.
 */
const BLOCK_BYTES = 1024 * 1024;

/**
 * Bytes between two of the 16 planes: at least `bytes`, in whole cache lines, an odd number of them. The
 * transforms read or write all 16 planes at once; at a multiple of 4 KB apart (the usual block size) the 16
 * streams would share one set of the 12-way L1 cache and evict each other.
 */
export function planeStride(bytes: number): number {
  const lines = Math.ceil(bytes / 64);
  return (lines % 2 === 0 ? lines + 1 : lines) * 64;
}

let enabled = true;
let largestTile: 2 | 4 = 4;

/** Turns the Winograd path on or off (benchmarks and tests compare it with the direct convolution). */
export function setConvWinograd(on: boolean): void {
  enabled = on;
}

/**
 * The largest output tile the forward pass may use: 4 (F(4x4, 3x3) where the output is a multiple of 4,
 * else F(2x2, 3x3)) or 2 (always F(2x2, 3x3); benchmarks and tests compare the two).
 */
export function setWinogradTile(tile: 2 | 4): void {
  largestTile = tile;
}

/** The forward pass's output tile for a geometry {@link winogradSupports} takes: 4 where it divides the output. */
export function winogradTile(info: ConvGeometry): 2 | 4 {
  return largestTile === 4 && info.outHeight % 4 === 0 && info.outWidth % 4 === 0 ? 4 : 2;
}

/**
 * Whether a convolution goes the Winograd way: a 3x3 filter at stride and dilation 1, an even output, the
 * padded input exactly two larger than it, and channels in fours, at least 8 in and out (below that the
 * transforms cost more than the products save).
 */
export function winogradSupports(info: ConvGeometry): boolean {
  const { padInfo: p } = info;
  return (
    enabled &&
    info.filterHeight === 3 &&
    info.filterWidth === 3 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.outHeight % 2 === 0 &&
    info.outWidth % 2 === 0 &&
    info.inHeight + p.top + p.bottom === info.outHeight + 2 &&
    info.inWidth + p.left + p.right === info.outWidth + 2 &&
    info.inChannels % 4 === 0 &&
    info.outChannels % 4 === 0 &&
    info.inChannels >= 8 &&
    info.outChannels >= 8
  );
}

/**
 * How a layer's tiles (`tile` x `tile` outputs) go in blocks of about BLOCK_BYTES of transformed input and
 * products: tiles per row and tile rows in all, tile rows per block, or whole images per block when an image
 * is smaller than a block (a 16x16 output is only 16 tiles of 4x4: alone, its matrix products would be too
 * short to run fast); the planes ((tile + 2)^2) and the bytes between the planes of V (Cin) and M (Cout), and
 * between rows and images of the padded input.
 */
function blocking(info: ConvGeometry, tile: 2 | 4) {
  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow, batchSize } = info;
  const planes = (tile + 2) ** 2;
  const tilesPerRow = ow / tile;
  const tileRowsAll = oh / tile;
  const fit = Math.floor(BLOCK_BYTES / (planes * tilesPerRow * (cin + cout) * 4));
  const blockRows = Math.max(1, Math.min(tileRowsAll, fit));
  const blockImages = blockRows === tileRowsAll ? Math.max(1, Math.min(batchSize, Math.floor(fit / tileRowsAll))) : 1;
  const blockTiles = blockRows * tilesPerRow * blockImages;
  return {
    tile,
    planes,
    tilesPerRow,
    tileRowsAll,
    blockRows,
    blockImages,
    vPlane: planeStride(blockTiles * cin * 4),
    mPlane: planeStride(blockTiles * cout * 4),
    xRowBytes: (ow + 2) * cin * 4,
    xImageBytes: (oh + 2) * (ow + 2) * cin * 4,
  };
}

/** Tile rows `row` .. `row + rows` of image `n`, from tile `first` of their block on. */
interface BlockPart {
  n: number;
  row: number;
  rows: number;
  first: number;
}

/** Runs `body` for every block: its parts (one per image it covers) and its tiles in all. */
function eachBlock(batchSize: number, b: ReturnType<typeof blocking>, body: (parts: BlockPart[], tiles: number) => void): void {
  const perImage = b.tileRowsAll * b.tilesPerRow;
  if (b.blockImages > 1) {
    for (let n = 0; n < batchSize; n += b.blockImages) {
      const count = Math.min(b.blockImages, batchSize - n);
      body(Array.from({ length: count }, (_, i) => ({ n: n + i, row: 0, rows: b.tileRowsAll, first: i * perImage })), count * perImage);
    }
    return;
  }
  for (let n = 0; n < batchSize; n++) {
    for (let row = 0; row < b.tileRowsAll; row += b.blockRows) {
      const rows = Math.min(b.blockRows, b.tileRowsAll - row);
      body([{ n, row, rows, first: 0 }], rows * b.tilesPerRow);
    }
  }
}

/** Winograd's G ((tile + 2) x 3, row-major) for each output tile: F(2x2, 3x3)'s and F(4x4, 3x3)'s. */
const G: Record<2 | 4, readonly number[]> = {
  2: [1, 0, 0, 1 / 2, 1 / 2, 1 / 2, 1 / 2, -1 / 2, 1 / 2, 0, 0, 1],
  4: [1 / 4, 0, 0, -1 / 6, -1 / 6, -1 / 6, -1 / 6, 1 / 6, -1 / 6, 1 / 24, 1 / 12, 1 / 6, 1 / 24, -1 / 12, 1 / 6, 0, 0, 1],
};

/**
 * kron(G, G) rounded to float32, (tile + 2)^2 rows of 9: row (alpha a + b), column (3 i + j) holds
 * G[a][i] G[b][j] (worked in float64). The filter transform is then one matrix product for every channel
 * pair at once, U = C g, and the filter gradient's dW = C^T dU.
 */
const KRON: Record<2 | 4, { forward: Float32Array; backward: Float32Array }> = { 2: kronG(2), 4: kronG(4) };

function kronG(tile: 2 | 4): { forward: Float32Array; backward: Float32Array } {
  const g = G[tile];
  const alpha = tile + 2;
  const planes = alpha * alpha;
  const forward = new Float32Array(planes * 9);
  const backward = new Float32Array(9 * planes);
  for (let a = 0; a < alpha; a++) {
    for (let b = 0; b < alpha; b++) {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const c = g[3 * a + i] * g[3 * b + j];
          forward[(alpha * a + b) * 9 + 3 * i + j] = c;
          backward[(3 * i + j) * planes + alpha * a + b] = c;
        }
      }
    }
  }
  return { forward, backward };
}

/**
 * `coefficients` [rows, inner] x `src` [inner, pairs] on the SIMD matrix product: the same linear map of
 * every channel pair's `inner` values, read in place from src's planes (a filter [3,3,Cin,Cout] is 9 planes
 * of Cin x Cout). Done per pair in JavaScript with float64 in between, the two filter transforms were 5% and
 * 4% of a 2-worker reference CNN step in Chromium, paid in full by every replica whatever its shard.
 */
function transformPairs(backend: BackendWasm, kernels: SimdKernels, coefficients: Float32Array, src: Info, rows: number, inner: number, pairs: number, shape: number[]): Info {
  const c = allocF32(backend, [rows, inner]);
  heapF32(backend, c).set(coefficients);
  const out = matrixProduct(backend, kernels, c, src, rows, inner, pairs);
  release(backend, c);
  return view(out, shape);
}

/** U[xi = alpha a + b][ci][co] = (G g G^T)[a][b] for each channel pair (alpha = tile + 2): the filter in the transformed domain. */
function transformFilter(backend: BackendWasm, kernels: SimdKernels, filter: Info, cin: number, cout: number, tile: 2 | 4): Info {
  const planes = (tile + 2) ** 2;
  return transformPairs(backend, kernels, KRON[tile].forward, filter, planes, 9, cin * cout, [planes, cin, cout]);
}

/**
 * relu?(conv2d(x, filter) + bias) for a geometry {@link winogradSupports} takes: x [B,H,W,Cin], filter
 * [3,3,Cin,Cout], bias [Cout] or null. Returns a new heap tensor [B,OH,OW,Cout]. F(4x4, 3x3) where the
 * output divides in 4x4 tiles ({@link winogradTile}), else F(2x2, 3x3).
 */
export function conv2dWinograd(backend: BackendWasm, kernels: SimdKernels, x: Info, filter: Info, bias: Info | null, info: ConvGeometry, relu: boolean): Info {
  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow, batchSize } = info;
  const xp = padded(backend, kernels, x, info);
  const f = 4;
  const blocks = blocking(info, winogradTile(info));
  const { tile, planes, tilesPerRow, vPlane, mPlane, xRowBytes, xImageBytes } = blocks;

  const u = transformFilter(backend, kernels, filter, cin, cout, tile);
  const v = allocF32(backend, [(planes * vPlane) / f]);
  const m = allocF32(backend, [(planes * mPlane) / f]);
  const zeros = allocF32(backend, [Math.max(cout, 4)]);
  heapF32(backend, zeros).fill(0);
  const b = bias ?? zeros;
  const out = allocF32(backend, [batchSize, oh, ow, cout]);

  const oRowBytes = ow * cout * f;
  const transformIn = (tile === 4 ? kernels.winograd4In : kernels.winogradIn)({ channels: cin, rowBytes: xRowBytes, plane: vPlane });
  const transformOut = (tile === 4 ? kernels.winograd4Out : kernels.winogradOut)({ channels: cout, rowBytes: oRowBytes, plane: mPlane, relu });
  const unroll = depthUnroll(cin);
  const gemm = convKernelsByTile(kernels, { xPix: cin * f, outPix: cout * f, wStep: cout * f, taps: [{ x: 0, w: 0 }], unroll, relu: false });

  const xAddr = heapAddress(backend, xp);
  const uAddr = heapAddress(backend, u);
  const vAddr = heapAddress(backend, v);
  const mAddr = heapAddress(backend, m);
  const zAddr = heapAddress(backend, zeros);
  const oAddr = heapAddress(backend, out);
  const bAddr = heapAddress(backend, b);
  const oImage = oh * oRowBytes;
  eachBlock(batchSize, blocks, (parts, tiles) => {
    for (const { n, row, rows, first } of parts) transformIn(xAddr + n * xImageBytes + tile * row * xRowBytes, vAddr + first * cin * f, rows, tilesPerRow);
    const full = Math.floor(tiles / CONV_MAX_MR);
    const rest = tiles - full * CONV_MAX_MR;
    // Plain loops, no closure per (plane, column block): this runs thousands of times a step, and every
    // closure (and boxed address) it allocated was most of a training step's garbage.
    const restTile = full * CONV_MAX_MR;
    for (let xi = 0; xi < planes; xi++) {
      const vBase = vAddr + xi * vPlane;
      for (let co = 0; co < cout; ) {
        const nr = cout - co >= 8 ? 8 : 4;
        const uAt = uAddr + (xi * cin * cout + co) * f;
        const mBase = mAddr + xi * mPlane + co * f;
        if (full > 0) gemm(CONV_MAX_MR, nr)(vBase, uAt, mBase, zAddr, 1, full, 0, 0, cin / unroll);
        if (rest > 0) gemm(rest, nr)(vBase + restTile * cin * f, uAt, mBase + restTile * cout * f, zAddr, 1, 1, 0, 0, cin / unroll);
        co += nr;
      }
    }
    for (const { n, row, rows, first } of parts) transformOut(mAddr + first * cout * f, oAddr + n * oImage + tile * row * oRowBytes, bAddr, rows, tilesPerRow);
  });
  release(backend, u, v, m, zeros);
  if (xp !== x) release(backend, xp);
  return out;
}

/** dW[k][l] = sum over a, b of G[a][k] dU[a][b] G[b][l] for each channel pair: the 3x3 filter gradient from the transformed one. */
function filterFromTransformed(backend: BackendWasm, kernels: SimdKernels, du: Info, cin: number, cout: number, tile: 2 | 4): Info {
  const planes = (tile + 2) ** 2;
  return transformPairs(backend, kernels, KRON[tile].backward, du, 9, planes, cin * cout, [3, 3, cin, cout]);
}

/**
 * The filter gradient of a convolution {@link winogradSupports} takes, the Winograd way: with V = B^T d B
 * (as forward) and dM = A dy A^T per tile, dU[xi] = sum over tiles of V[xi]^T dM[xi] (16 reductions on the
 * filter-gradient kernel, as 1x1 filter gradients), then dW = G^T dU G. x [B,H,W,Cin], dy [B,OH,OW,Cout];
 * returns dW [3,3,Cin,Cout]. F(4x4, 3x3) (36 reductions) where the output divides in 4x4 tiles, as forward.
 */
export function filterGradWinograd(backend: BackendWasm, kernels: SimdKernels, x: Info, dy: Info, info: ConvGeometry): Info {
  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow, batchSize } = info;
  const xp = padded(backend, kernels, x, info);
  const f = 4;
  const blocks = blocking(info, winogradTile(info));
  const { tile, planes, tilesPerRow, vPlane, mPlane, xRowBytes, xImageBytes } = blocks;
  const v = allocF32(backend, [(planes * vPlane) / f]);
  const dm = allocF32(backend, [(planes * mPlane) / f]);
  const du = allocF32(backend, [planes, cin, cout]);
  heapF32(backend, du).fill(0);

  const dyRowBytes = ow * cout * f;
  const transformIn = (tile === 4 ? kernels.winograd4In : kernels.winogradIn)({ channels: cin, rowBytes: xRowBytes, plane: vPlane });
  const transformDy = (tile === 4 ? kernels.winograd4GradOut : kernels.winogradGradOut)({ channels: cout, rowBytes: dyRowBytes, plane: mPlane });
  const ciTile = inputChannelTile(cin, kernels.fma);
  const xAddr = heapAddress(backend, xp);
  const dyAddr = heapAddress(backend, dy);
  const vAddr = heapAddress(backend, v);
  const mAddr = heapAddress(backend, dm);
  const uAddr = heapAddress(backend, du);
  eachBlock(batchSize, blocks, (parts, tiles) => {
    for (const { n, row, rows, first } of parts) {
      transformIn(xAddr + n * xImageBytes + tile * row * xRowBytes, vAddr + first * cin * f, rows, tilesPerRow);
      transformDy(dyAddr + n * oh * dyRowBytes + tile * row * dyRowBytes, mAddr + first * cout * f, rows, tilesPerRow);
    }
    for (let xi = 0; xi < planes; xi++) {
      for (let ci = 0; ci < cin; ci += ciTile) {
        const mr = Math.min(ciTile, cin - ci);
        for (let co = 0; co < cout; ) {
          const nr = cout - co >= 8 ? 8 : 4;
          kernels.filterGrad[mr][nr](
            vAddr + xi * vPlane + ci * f,
            mAddr + xi * mPlane + co * f,
            uAddr + ((xi * cin + ci) * cout + co) * f,
            1,
            1,
            tiles,
            0,
            0,
            cin * f,
            0,
            0,
            cout * f,
            cout * f,
          );
          co += nr;
        }
      }
    }
  });
  const dw = filterFromTransformed(backend, kernels, du, cin, cout, tile);
  release(backend, v, dm, du);
  if (xp !== x) release(backend, xp);
  return dw;
}
