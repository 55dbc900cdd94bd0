import { describe, expect, it } from 'vitest';
import { batchIndices, DEFAULT_AUGMENT, epochOrder, makeBatch, planBatch, renderBatch, renderImage } from '../../../../engine/datasets/batches';
import { createRng } from '../../../../engine/datasets/rng';
import type { Dataset } from '../../../../engine/datasets/types';

function dataset(images: number[], h: number, w: number, c: number, labels: number[], masks?: number[]): Dataset {
  const count = labels.length;
  return {
    taskId: 't', kind: masks ? 'segmentation' : 'classification', classes: ['bg', 'one', 'two'],
    height: h, width: w, channels: c, count, images: Uint8Array.from(images), labels: Int32Array.from(labels),
    masks: masks ? Uint8Array.from(masks) : undefined, groups: labels.map((_, i) => `g${i}`),
    ids: labels.map((_, i) => `i${i}`), source: 'test', credit: '',
  };
}

/** n x n images whose pixel value is 255 exactly where the mask is 1: an L-shaped object, off-centre. */
function encoded(n: number, count: number): Dataset {
  const images: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < count; i++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const on = (x >= 3 && x < 8 && y >= 2 && y < 12) || (x >= 3 && x < 12 && y >= 9 && y < 12);
        images.push(on ? 255 : 0);
        masks.push(on ? 1 : 0);
      }
    }
  }
  return dataset(images, n, n, 1, new Array(count).fill(1), masks);
}

describe('epochOrder and batchIndices', () => {
  it('shuffles into a permutation, the same per (seed, epoch), different across epochs', () => {
    const idx = Array.from({ length: 50 }, (_, i) => i * 2);
    const e0 = epochOrder(idx, 1, 0);
    expect([...e0].sort((a, b) => a - b)).toEqual(idx);
    expect(epochOrder(idx, 1, 0)).toEqual(e0);
    expect(epochOrder(idx, 1, 1)).not.toEqual(e0);
    expect(epochOrder(idx, 2, 0)).not.toEqual(e0);
  });

  it.each([
    [10, 4, false, [4, 4, 2]],
    [10, 4, true, [4, 4]],
    [8, 4, true, [4, 4]],
    [3, 5, false, [3]],
  ])('%d items in batches of %d (dropLast %s) -> sizes %j', (n, size, drop, want) => {
    const b = batchIndices(Array.from({ length: n }, (_, i) => i), size, drop);
    expect(b.map((x) => x.length)).toEqual(want);
    expect(b.flat()).toEqual(Array.from({ length: want.reduce((a, c) => a + c, 0) }, (_, i) => i));
  });
});

describe('makeBatch without augmentation', () => {
  it('classification: x = bytes / 255 in NHWC order, y one-hot', () => {
    // Two 1x2 RGB images. Shapes: x [2, 1, 2, 3], y [2, 3].
    const ds = dataset([0, 51, 255, 10, 20, 30, 255, 0, 102, 1, 2, 3], 1, 2, 3, [2, 0]);
    const b = makeBatch(ds, [1, 0]);
    expect(b.batchSize).toBe(2);
    expect([b.height, b.width, b.channels, b.yChannels]).toEqual([1, 2, 3, 3]);
    expect([...b.x].map((v) => Math.round(v * 255))).toEqual([255, 0, 102, 1, 2, 3, 0, 51, 255, 10, 20, 30]);
    expect(b.x[2]).toBeCloseTo(0.4, 6);
    expect([...b.y]).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('segmentation: binary [B, H, W, 1] and multiclass one-hot [B, H, W, K]', () => {
    // One 2x2 grey image, mask classes 0, 1, 2, 0.
    const ds = dataset([0, 100, 200, 255], 2, 2, 1, [1], [0, 1, 2, 0]);
    const bin = makeBatch(ds, [0], { maskMode: 'binary' });
    expect(bin.yChannels).toBe(1);
    expect([...bin.y]).toEqual([0, 1, 1, 0]);
    const multi = makeBatch(ds, [0], { maskMode: 'multiclass', numClasses: 3 });
    expect(multi.yChannels).toBe(3);
    expect([...multi.y]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('makes a batch in reused arrays: the same values as new ones, last labels cleared, grown when too small', () => {
    const ds = dataset([0, 51, 255, 10, 20, 30, 255, 0, 102, 1, 2, 3], 1, 2, 3, [2, 0]);
    const into = {};
    const first = makeBatch(ds, [1, 0], { into });
    const memory = first.x.buffer;
    // The second batch's labels differ (0 then 2): a one-hot left over from the first would show as a 1.
    const again = makeBatch(ds, [0], { into });
    expect(again.x.buffer).toBe(memory);
    expect([...again.x]).toEqual([...makeBatch(ds, [0]).x]);
    expect([...again.y]).toEqual([0, 0, 1]);
    const grown = makeBatch(ds, [0, 1, 0], { into });
    expect(grown.x.buffer).not.toBe(memory);
    expect([...grown.y]).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 1]);
  });

  it('rejects bad indices, missing masks and augmentation without an rng', () => {
    const ds = dataset([0], 1, 1, 1, [0]);
    expect(() => makeBatch(ds, [1])).toThrow(/outside/);
    expect(() => makeBatch(ds, [0], { kind: 'segmentation' })).toThrow(/no masks/);
    expect(() => makeBatch(ds, [0], { augment: true })).toThrow(/rng/);
  });
});

describe('makeBatch with augmentation', () => {
  const ds = encoded(16, 64);
  const all = Array.from({ length: 64 }, (_, i) => i);

  it('moves the image and its mask identically (nearest sampling: exact agreement)', () => {
    const b = makeBatch(ds, all, {
      augment: { flipHorizontal: true, flipVertical: true, rotate90: true, rotateDegrees: 30, zoom: [0.8, 1.3], interpolation: 'nearest' },
      rng: createRng(1),
    });
    let moved = 0;
    let disagree = 0;
    for (let i = 0; i < 64; i++) {
      let same = true;
      for (let p = 0; p < 256; p++) {
        const k = i * 256 + p;
        if ((b.x[k] > 0.5 ? 1 : 0) !== b.y[k]) disagree++;
        if (b.y[k] !== ds.masks![p]) same = false;
      }
      if (!same) moved++;
    }
    expect(disagree).toBe(0);
    // The augmentation really did something to nearly every image.
    expect(moved).toBeGreaterThan(55);
  });

  it('keeps bilinear images aligned with nearest-sampled masks up to the object border', () => {
    const b = makeBatch(ds, all, { augment: { rotateDegrees: 40, zoom: [0.8, 1.3] }, rng: createRng(2) });
    let agree = 0;
    for (let k = 0; k < b.y.length; k++) if ((b.x[k] >= 0.5 ? 1 : 0) === b.y[k]) agree++;
    expect(agree / b.y.length).toBeGreaterThan(0.97);
  });

  it('flips and quarter turns permute pixels exactly, with no interpolation blur', () => {
    const b = makeBatch(ds, all, { augment: { flipHorizontal: true, flipVertical: true, rotate90: true }, rng: createRng(3) });
    const src = [...ds.images.subarray(0, 256)].sort((a, c) => a - c);
    const shapes = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const out = [...b.x.subarray(i * 256, (i + 1) * 256)].map((v) => v * 255);
      expect([...out].sort((a, c) => a - c)).toEqual(src);
      shapes.add(out.join());
    }
    // 8 symmetries of the square (4 rotations x flip); the L shape is asymmetric, so all 8 appear.
    expect(shapes.size).toBe(8);
  });

  it('applies brightness and contrast to images only, staying in [0, 1]', () => {
    const b = makeBatch(ds, all, { augment: { brightness: 0.3, contrast: 0.5 }, rng: createRng(4) });
    let changed = 0;
    let outOfRange = 0;
    let maskMoved = 0;
    for (let k = 0; k < b.x.length; k++) {
      if (b.x[k] < 0 || b.x[k] > 1) outOfRange++;
      if (Math.abs(b.x[k] - ds.images[k % 256] / 255) > 1e-6) changed++;
      if (b.y[k] !== ds.masks![k % 256]) maskMoved++;
    }
    expect(outOfRange).toBe(0);
    expect(maskMoved).toBe(0);
    expect(changed).toBeGreaterThan(b.x.length / 2);
  });

  it('uses the default ranges for augment: true, reproducibly from the rng', () => {
    expect(DEFAULT_AUGMENT.flipHorizontal).toBe(true);
    const a = makeBatch(ds, [0, 1, 2], { augment: true, rng: createRng(5) });
    const b = makeBatch(ds, [0, 1, 2], { augment: true, rng: createRng(5) });
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
  });
});

describe('planBatch and renderBatch (how data-parallel replicas share the making of a batch)', () => {
  const ds = encoded(16, 12);
  const multiclass: Dataset = { ...ds, masks: ds.masks!.map((v, i) => (v ? 1 + (i % 2) : 0)) };
  const indices = [3, 0, 7, 7, 11, 2];
  const augment = { flipHorizontal: true, rotateDegrees: 25, zoom: [0.9, 1.2] as const, brightness: 0.2, contrast: 0.3 };

  for (const [name, data, options] of [
    ['classification', { ...ds, kind: 'classification' as const, labels: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]) }, { kind: 'classification' as const }],
    ['multiclass segmentation', multiclass, { maskMode: 'multiclass' as const }],
  ] as const) {
    it(`renders shards in any order, over stale memory, to makeBatch's bits (${name})`, () => {
      const whole = makeBatch(data, indices, { ...options, augment, rng: createRng(9) });
      // Holders that still hold another batch's values, as the training loop's alternating holders do.
      const into = { x: new Float32Array(whole.x.length).fill(7), y: new Float32Array(whole.y.length).fill(7) };
      const planned = planBatch(data, indices, { ...options, augment, rng: createRng(9), into });
      renderBatch(planned, 4, 6);
      renderBatch(planned, 0, 4);
      expect([...planned.x]).toEqual([...whole.x]);
      expect([...planned.y]).toEqual([...whole.y]);
    });
  }

  it('renders an image from a copy of its own bytes, as a helper replica gets them', () => {
    const planned = planBatch(multiclass, indices, { maskMode: 'multiclass', augment, rng: createRng(10) });
    renderBatch(planned);
    const b = 4;
    const pixels = 16 * 16;
    const idx = indices[b];
    const x = new Float32Array(planned.x.length);
    const y = new Float32Array(planned.y.length);
    const source = {
      images: multiclass.images.slice(idx * pixels, (idx + 1) * pixels),
      at: 0,
      masks: multiclass.masks!.slice(idx * pixels, (idx + 1) * pixels),
      maskAt: 0,
      label: multiclass.labels[idx],
    };
    renderImage(planned.spec, planned.plans[b], source, b, x, y);
    expect([...x.subarray(b * pixels, (b + 1) * pixels)]).toEqual([...planned.x.subarray(b * pixels, (b + 1) * pixels)]);
    const yPer = pixels * 3;
    expect([...y.subarray(b * yPer, (b + 1) * yPer)]).toEqual([...planned.y.subarray(b * yPer, (b + 1) * yPer)]);
    // Something really moved: the rendered image is not the source's.
    expect([...x.subarray(b * pixels, (b + 1) * pixels)].map((v) => Math.round(v * 255))).not.toEqual([...source.images]);
  });
});
