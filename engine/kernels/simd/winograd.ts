/**
 * A 3x3, stride-1 convolution by Winograd's F(2x2, 3x3) (the transforms: winogradKernels.ts), in place on
 * the wasm heap: 16 matrix products of (tiles x Cin) by (Cin x Cout) instead of 36 multiply-adds per 2x2
 * output tile and channel pair, run on convKernel.ts' microkernel as 1x1 convolutions (a matrix product is
 * one). At the channel counts of the models people build here (16-64) the transforms cost a fifth to a third
 * of what the products save.
 *
 * The work goes in blocks of a few tile rows of one image, so the transformed input (16 planes) and the
 * products stay in the core's cache between the three passes. Rounding differs from the direct
 * convolution's by a few float steps (the transforms add and subtract; G has halves).
 *
 * The same layer's filter gradient goes the Winograd way too ({@link filterGradWinograd}); its input
 * gradient is a convolution of dy with the reversed filter, so it comes here through Conv2D.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapAddress, heapF32, release, type Info } from '../wasmCall';
import { padded, type ConvGeometry } from './conv';
import { CONV_MAX_MR, depthUnroll } from './convKernel';
import { inputChannelTile } from './filterGrad';
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

/** Turns the Winograd path on or off (benchmarks and tests compare it with the direct convolution). */
export function setConvWinograd(on: boolean): void {
  enabled = on;
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
 * How a layer's tiles go in blocks: tiles per row and tile rows in all, tile rows per block (about
 * BLOCK_BYTES of transformed input and products), the bytes between the 16 planes of V (Cin) and M (Cout),
 * and between rows and images of the padded input.
 */
function blocking(info: ConvGeometry) {
  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow } = info;
  const tilesPerRow = ow / 2;
  const tileRowsAll = oh / 2;
  const blockRows = Math.max(1, Math.min(tileRowsAll, Math.floor(BLOCK_BYTES / (16 * tilesPerRow * (cin + cout) * 4))));
  const blockTiles = blockRows * tilesPerRow;
  return {
    tilesPerRow,
    tileRowsAll,
    blockRows,
    vPlane: planeStride(blockTiles * cin * 4),
    mPlane: planeStride(blockTiles * cout * 4),
    xRowBytes: (ow + 2) * cin * 4,
    xImageBytes: (oh + 2) * (ow + 2) * cin * 4,
  };
}

/** Runs `body` for every block of every image: the image, the block's first tile row, its tile rows and tiles. */
function eachBlock(batchSize: number, b: ReturnType<typeof blocking>, body: (n: number, row: number, rows: number, tiles: number) => void): void {
  for (let n = 0; n < batchSize; n++) {
    for (let row = 0; row < b.tileRowsAll; row += b.blockRows) {
      const rows = Math.min(b.blockRows, b.tileRowsAll - row);
      body(n, row, rows, rows * b.tilesPerRow);
    }
  }
}

/** G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]: U[xi = 4a + b][ci][co] = (G g G^T)[a][b] for each channel pair. */
function transformFilter(backend: BackendWasm, filter: Info, cin: number, cout: number): Info {
  const u = allocF32(backend, [16, cin, cout]);
  const src = heapF32(backend, filter);
  const dst = heapF32(backend, u);
  const pair = cin * cout;
  const gg = new Float64Array(12);
  for (let k = 0; k < pair; k++) {
    // G g: 4 rows x 3 columns; then (G g) G^T: 4 x 4.
    for (let col = 0; col < 3; col++) {
      const g0 = src[col * pair + k];
      const g1 = src[(3 + col) * pair + k];
      const g2 = src[(6 + col) * pair + k];
      gg[col] = g0;
      gg[3 + col] = 0.5 * (g0 + g1 + g2);
      gg[6 + col] = 0.5 * (g0 - g1 + g2);
      gg[9 + col] = g2;
    }
    for (let a = 0; a < 4; a++) {
      const [h0, h1, h2] = [gg[3 * a], gg[3 * a + 1], gg[3 * a + 2]];
      dst[(4 * a) * pair + k] = h0;
      dst[(4 * a + 1) * pair + k] = 0.5 * (h0 + h1 + h2);
      dst[(4 * a + 2) * pair + k] = 0.5 * (h0 - h1 + h2);
      dst[(4 * a + 3) * pair + k] = h2;
    }
  }
  return u;
}

/**
 * relu?(conv2d(x, filter) + bias) for a geometry {@link winogradSupports} takes: x [B,H,W,Cin], filter
 * [3,3,Cin,Cout], bias [Cout] or null. Returns a new heap tensor [B,OH,OW,Cout].
 */
export function conv2dWinograd(backend: BackendWasm, kernels: SimdKernels, x: Info, filter: Info, bias: Info | null, info: ConvGeometry, relu: boolean): Info {
  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow, batchSize } = info;
  const xp = padded(backend, kernels, x, info);
  const f = 4;
  const blocks = blocking(info);
  const { tilesPerRow, vPlane, mPlane, xRowBytes, xImageBytes } = blocks;

  const u = transformFilter(backend, filter, cin, cout);
  const v = allocF32(backend, [(16 * vPlane) / f]);
  const m = allocF32(backend, [(16 * mPlane) / f]);
  const zeros = allocF32(backend, [Math.max(cout, 4)]);
  heapF32(backend, zeros).fill(0);
  const b = bias ?? zeros;
  const out = allocF32(backend, [batchSize, oh, ow, cout]);

  const oRowBytes = ow * cout * f;
  const transformIn = kernels.winogradIn({ channels: cin, rowBytes: xRowBytes, plane: vPlane });
  const transformOut = kernels.winogradOut({ channels: cout, rowBytes: oRowBytes, plane: mPlane, relu });
  const unroll = depthUnroll(cin);
  const product = new Map<number, (...args: number[]) => void>();
  const gemm = (mr: number, nr: 4 | 8) => {
    let k = product.get(mr * 8 + nr);
    if (!k) product.set(mr * 8 + nr, (k = kernels.conv({ mr, nr, xPix: cin * f, outPix: cout * f, wStep: cout * f, taps: [{ x: 0, w: 0 }], unroll, relu: false })));
    return k;
  };

  const xAddr = heapAddress(backend, xp);
  const uAddr = heapAddress(backend, u);
  const vAddr = heapAddress(backend, v);
  const mAddr = heapAddress(backend, m);
  const zAddr = heapAddress(backend, zeros);
  const oAddr = heapAddress(backend, out);
  const bAddr = heapAddress(backend, b);
  const oImage = oh * oRowBytes;
  eachBlock(batchSize, blocks, (n, row, rows, tiles) => {
    transformIn(xAddr + n * xImageBytes + 2 * row * xRowBytes, vAddr, rows, tilesPerRow);
    const full = Math.floor(tiles / CONV_MAX_MR);
    const rest = tiles - full * CONV_MAX_MR;
    for (let xi = 0; xi < 16; xi++) {
      for (let co = 0; co < cout; ) {
        const nr = cout - co >= 8 ? 8 : 4;
        const run = (mr: number, tile: number, count: number) =>
          gemm(mr, nr)(vAddr + xi * vPlane + tile * cin * f, uAddr + (xi * cin * cout + co) * f, mAddr + xi * mPlane + (tile * cout + co) * f, zAddr, 1, count, 0, 0, cin / unroll);
        if (full > 0) run(CONV_MAX_MR, 0, full);
        if (rest > 0) run(rest, full * CONV_MAX_MR, 1);
        co += nr;
      }
    }
    transformOut(mAddr, oAddr + n * oImage + 2 * row * oRowBytes, bAddr, rows, tilesPerRow);
  });
  release(backend, u, v, m, zeros);
  if (xp !== x) release(backend, xp);
  return out;
}

/** dW[k][l] = sum over a, b of G[a][k] dU[a][b] G[b][l] for each channel pair: the 3x3 gradient from the 4x4. */
function filterFromTransformed(backend: BackendWasm, du: Info, cin: number, cout: number): Info {
  const dw = allocF32(backend, [3, 3, cin, cout]);
  const src = heapF32(backend, du);
  const dst = heapF32(backend, dw);
  const pair = cin * cout;
  const h = new Float64Array(12);
  for (let k = 0; k < pair; k++) {
    // G^T dU: 3 rows x 4 columns (G's columns: [1 1/2 1/2 0], [0 1/2 -1/2 0], [0 1/2 1/2 1]).
    for (let b = 0; b < 4; b++) {
      const u0 = src[b * pair + k];
      const u1 = src[(4 + b) * pair + k];
      const u2 = src[(8 + b) * pair + k];
      const u3 = src[(12 + b) * pair + k];
      h[b] = u0 + 0.5 * (u1 + u2);
      h[4 + b] = 0.5 * (u1 - u2);
      h[8 + b] = 0.5 * (u1 + u2) + u3;
    }
    for (let row = 0; row < 3; row++) {
      const [h0, h1, h2, h3] = [h[4 * row], h[4 * row + 1], h[4 * row + 2], h[4 * row + 3]];
      dst[(3 * row) * pair + k] = h0 + 0.5 * (h1 + h2);
      dst[(3 * row + 1) * pair + k] = 0.5 * (h1 - h2);
      dst[(3 * row + 2) * pair + k] = 0.5 * (h1 + h2) + h3;
    }
  }
  return dw;
}

/**
 * The filter gradient of a convolution {@link winogradSupports} takes, the Winograd way: with V = B^T d B
 * (as forward) and dM = A dy A^T per tile, dU[xi] = sum over tiles of V[xi]^T dM[xi] (16 reductions on the
 * filter-gradient kernel, as 1x1 filter gradients), then dW = G^T dU G. x [B,H,W,Cin], dy [B,OH,OW,Cout];
 * returns dW [3,3,Cin,Cout].
 */
export function filterGradWinograd(backend: BackendWasm, kernels: SimdKernels, x: Info, dy: Info, info: ConvGeometry): Info {
  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow, batchSize } = info;
  const xp = padded(backend, kernels, x, info);
  const f = 4;
  const blocks = blocking(info);
  const { tilesPerRow, vPlane, mPlane, xRowBytes, xImageBytes } = blocks;
  const v = allocF32(backend, [(16 * vPlane) / f]);
  const dm = allocF32(backend, [(16 * mPlane) / f]);
  const du = allocF32(backend, [16, cin, cout]);
  heapF32(backend, du).fill(0);

  const dyRowBytes = ow * cout * f;
  const transformIn = kernels.winogradIn({ channels: cin, rowBytes: xRowBytes, plane: vPlane });
  const transformDy = kernels.winogradGradOut({ channels: cout, rowBytes: dyRowBytes, plane: mPlane });
  const ciTile = inputChannelTile(cin, kernels.fma);
  const xAddr = heapAddress(backend, xp);
  const dyAddr = heapAddress(backend, dy);
  const vAddr = heapAddress(backend, v);
  const mAddr = heapAddress(backend, dm);
  const uAddr = heapAddress(backend, du);
  eachBlock(batchSize, blocks, (n, row, rows, tiles) => {
    transformIn(xAddr + n * xImageBytes + 2 * row * xRowBytes, vAddr, rows, tilesPerRow);
    transformDy(dyAddr + n * oh * dyRowBytes + 2 * row * dyRowBytes, mAddr, rows, tilesPerRow);
    for (let xi = 0; xi < 16; xi++) {
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
  const dw = filterFromTransformed(backend, du, cin, cout);
  release(backend, v, dm, du);
  if (xp !== x) release(backend, xp);
  return dw;
}
