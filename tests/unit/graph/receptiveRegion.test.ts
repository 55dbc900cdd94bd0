import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellRegion, receptiveRegions, type NodeRegion } from '@/graph/receptiveRegion';
import { inferShapes } from '@/graph/shapes';
import type { Params } from '@/graph/types';
import { chain, graphOf, type Spec } from './build';

const skin = { id: 'skin-lesions' };
const input = (size: number): Spec => ['in', 'Input', { height: size, width: size, channels: 1 }];
const conv = (id: string, p: Params = {}): Spec => [id, 'Conv2D', { filters: 1, kernelSize: 3, padding: 'valid', activation: 'linear', ...p }];

function regionOf(specs: Spec[], id: string): NodeRegion {
  const r = receptiveRegions(chain(specs), skin)[id];
  if (!r) throw new Error(`no region for ${id}`);
  return r;
}

describe('receptiveRegions: hand values', () => {
  const textbook = [input(14), conv('c1'), conv('c2'), ['p', 'MaxPooling2D', { poolSize: 2 }] as Spec, conv('c3')];

  it.each([
    // [node, start, size, jump]: r = 1 + 2 + 2 + 1 + 2*2 = 10, j = 2 after the pool.
    ['in', 0, 1, 1],
    ['c1', 0, 3, 1],
    ['c2', 0, 5, 1],
    ['p', 0, 6, 2],
    ['c3', 0, 10, 2],
  ] as const)('conv3 -> conv3 -> pool2 -> conv3 valid: %s starts at %i, size %i, jump %i', (id, start, size, jump) => {
    const r = regionOf(textbook, id);
    expect(r.rows).toEqual({ start, size, jump });
    expect(r.cols).toEqual({ start, size, jump });
  });

  it('depthwise and separable convolutions widen the field like a Conv2D: 1 + 2 + 2*2 = 7 after dw3/2 then sep3', () => {
    const specs: Spec[] = [
      input(16),
      ['dw', 'DepthwiseConv2D', { kernelSize: 3, strides: 2, padding: 'same' }],
      ['sep', 'SeparableConv2D', { filters: 2, kernelSize: 3, padding: 'valid' }],
    ];
    const report = inferShapes(chain(specs), skin);
    // 'same' at stride 2 on 16 pads 0 before (TensorFlow puts the odd pixel after): cell 0 starts at pixel 0.
    expect(regionOf(specs, 'dw').rows).toEqual({ start: 0, size: 3, jump: 2 });
    expect(regionOf(specs, 'sep').rows).toEqual({ start: 0, size: 7, jump: 2 });
    expect(report.nodes.sep.field).toMatchObject({ size: 7, jump: 2 });
    expect(report.nodes.sep.shape).toEqual([null, 6, 6, 2]);
  });

  it('agrees with inferShapes on size and jump', () => {
    const g = chain(textbook);
    const report = inferShapes(g, skin);
    const regions = receptiveRegions(g, skin, report);
    for (const id of ['c1', 'c2', 'p', 'c3']) {
      expect(regions[id]?.rows.size).toBe(report.nodes[id].field?.size);
      expect(regions[id]?.rows.jump).toBe(report.nodes[id].field?.jump);
    }
  });

  it('cell (0,0) of the valid chain covers input [0, 9]; cell (1,2) is shifted by the jump', () => {
    const r = regionOf(textbook, 'c3');
    expect(r.outHeight).toBe(3);
    expect(cellRegion(r, 0, 0)).toEqual({ rect: { top: 0, left: 0, bottom: 9, right: 9 }, unclipped: { top: 0, left: 0, bottom: 9, right: 9 }, clipped: false });
    expect(cellRegion(r, 1, 2).rect).toEqual({ top: 2, left: 4, bottom: 11, right: 13 });
  });

  it("with 'same' padding the region starts before the border and is clipped", () => {
    const specs = [input(14), conv('c1', { padding: 'same' }), conv('c2', { padding: 'same' }), ['p', 'MaxPooling2D', { poolSize: 2 }] as Spec, conv('c3', { padding: 'same' })];
    const r = regionOf(specs, 'c3');
    // Two 3x3 same convs pad 1 each (start -2); the same conv after the pool pads 1 step of 2 (start -4).
    expect(r.rows).toEqual({ start: -4, size: 10, jump: 2 });
    const cell = cellRegion(r, 0, 0);
    expect(cell.unclipped).toEqual({ top: -4, left: -4, bottom: 5, right: 5 });
    expect(cell.rect).toEqual({ top: 0, left: 0, bottom: 5, right: 5 });
    expect(cell.clipped).toBe(true);
    // The last cell (6, 6) runs past the far border: -4 + 12 = 8 .. 17, clipped to 13.
    expect(cellRegion(r, 6, 6).rect).toEqual({ top: 8, left: 8, bottom: 13, right: 13 });
  });

  it('ZeroPadding2D shifts the start; Add takes the union of its branches', () => {
    const g = graphOf(
      [input(10), ['z', 'ZeroPadding2D', { padding: 2 }], conv('a', { kernelSize: 5, padding: 'same' }), conv('b', { kernelSize: 1 }), ['add', 'Add']],
      [['in', 'z'], ['z', 'a'], ['z', 'b'], ['a', 'add'], ['b', 'add']],
    );
    const r = receptiveRegions(g, skin);
    expect(r.z?.rows).toEqual({ start: -2, size: 1, jump: 1 });
    // 'same' 5x5 pads 2 more: cell 0 of a sees padded pixels -4..0, of b pixel -2; the sum sees -4..0.
    expect(r.a?.rows).toEqual({ start: -4, size: 5, jump: 1 });
    expect(r.b?.rows).toEqual({ start: -2, size: 1, jump: 1 });
    expect(r.add?.rows).toEqual({ start: -4, size: 5, jump: 1 });
  });

  it('vectors and upsampled maps have no region', () => {
    const g = chain([input(8), conv('c1'), ['up', 'UpSampling2D', { size: 2 }], conv('c2'), ['gap', 'GlobalAveragePooling2D']]);
    const r = receptiveRegions(g, skin);
    expect(r.c1).not.toBeNull();
    expect(r.up).toBeNull();
    expect(r.c2).toBeNull();
    expect(r.gap).toBeNull();
  });
});

/** A tfjs layer for one spec of the brute-force graphs: kernels of ones, so every tap passes a change on. */
function layerFor([, type, p = {}]: Spec): tf.layers.Layer {
  if (type === 'Conv2D') {
    return tf.layers.conv2d({
      filters: 1,
      kernelSize: Number(p.kernelSize ?? 3),
      strides: Number(p.strides ?? 1),
      dilationRate: Number(p.dilationRate ?? 1),
      padding: p.padding as 'same' | 'valid',
      useBias: false,
      kernelInitializer: 'ones',
    });
  }
  if (type === 'MaxPooling2D') {
    const k = Number(p.poolSize ?? 2);
    return tf.layers.maxPooling2d({ poolSize: k, strides: Number(p.strides || k), padding: (p.padding ?? 'valid') as 'same' | 'valid' });
  }
  if (type === 'ZeroPadding2D') return tf.layers.zeroPadding2d({ padding: Number(p.padding ?? 1) });
  throw new Error(`no brute-force layer for ${type}`);
}

/**
 * For every output cell, the bounding box of the input pixels whose change (+100 on an image of ones) changes
 * that cell, by running the unperturbed image and one perturbed image per pixel in one batch.
 */
function bruteForce(size: number, specs: Spec[]): { rect: { top: number; left: number; bottom: number; right: number } | null }[][] {
  {
    let x: tf.SymbolicTensor = tf.input({ shape: [size, size, 1] });
    const inp = x;
    for (const s of specs) x = layerFor(s).apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: inp, outputs: x });
    const n = size * size;
    const batch = new Float32Array((n + 1) * n).fill(1);
    for (let p = 0; p < n; p++) batch[(p + 1) * n + p] += 100;
    const xs = tf.tensor4d(batch, [n + 1, size, size, 1]);
    const yt = model.predict(xs) as tf.Tensor;
    const y = yt.arraySync() as number[][][][];
    tf.dispose([xs, yt]);
    model.dispose();
    const h = y[0].length;
    const w = y[0][0].length;
    const out = Array.from({ length: h }, () => Array.from({ length: w }, () => ({ rect: null as null | { top: number; left: number; bottom: number; right: number } })));
    for (let p = 0; p < n; p++) {
      const py = Math.floor(p / size);
      const px = p % size;
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          if (Math.abs(y[p + 1][r][c][0] - y[0][r][c][0]) < 1e-3) continue;
          const cell = out[r][c];
          cell.rect = cell.rect
            ? { top: Math.min(cell.rect.top, py), left: Math.min(cell.rect.left, px), bottom: Math.max(cell.rect.bottom, py), right: Math.max(cell.rect.right, px) }
            : { top: py, left: px, bottom: py, right: px };
        }
      }
    }
    return out;
  }
}

describe('receptiveRegions against a brute-force tfjs check', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['valid textbook chain', 12, [conv('c1'), conv('c2'), ['p', 'MaxPooling2D', { poolSize: 2 }] as Spec, conv('c3')]],
    ['same convs with stride 2', 9, [conv('c1', { padding: 'same', strides: 2 }), conv('c2', { padding: 'same' })]],
    [
      'padding, dilation and a same pool',
      8,
      [['z', 'ZeroPadding2D', { padding: 1 }] as Spec, conv('c1', { padding: 'same', dilationRate: 2 }), ['p', 'MaxPooling2D', { poolSize: 3, strides: 2, padding: 'same' }] as Spec],
    ],
  ] as const)('%s: every output cell sees exactly its predicted rectangle', (_name, size, specs) => {
    const all = [input(size), ...specs] as Spec[];
    const last = all[all.length - 1][0];
    const region = regionOf(all, last);
    const truth = bruteForce(size, all.slice(1));
    expect(truth.length).toBe(region.outHeight);
    expect(truth[0].length).toBe(region.outWidth);
    let cells = 0;
    for (let r = 0; r < region.outHeight; r++) {
      for (let c = 0; c < region.outWidth; c++) {
        expect({ r, c, rect: cellRegion(region, r, c).rect }).toEqual({ r, c, rect: truth[r][c].rect });
        cells++;
      }
    }
    expect(cells).toBeGreaterThan(3);
  });
});
