import { TASK_CATALOGUE } from '../catalogue';
import { createRng } from '../rng';
import type { Dataset } from '../types';
import type { GenerateOptions } from './options';
import { planImages } from './plan';
import { addNoise, createRaster, writeBytes } from './raster';

type Opts = Required<Pick<GenerateOptions, 'count' | 'size' | 'seed'>> & GenerateOptions;

/**
 * Test tasks that any working model learns in a few steps, so a failure points at the pipeline rather
 * than the data. 'random-classify': a = dark with one small bright square, b = mid-grey with horizontal
 * bright bars, c = bright with a large disc (brightness alone nearly separates them, shape fully does).
 * 'random-segment': a bright disc or rectangle on a dark noisy background, its exact mask; one image in
 * ten is empty. One image per group.
 */
export function generateRandom(taskId: 'random-classify' | 'random-segment', opts: Opts): Dataset {
  const { count, size, seed } = opts;
  const entry = TASK_CATALOGUE[taskId];
  const root = createRng(`${taskId}:${seed}`);
  const plan = planImages(entry.frequencies, count, [1], root.fork('plan'));
  const segment = taskId === 'random-segment';
  const pixels = size * size;
  const images = new Uint8Array(count * pixels);
  const masks = segment ? new Uint8Array(count * pixels) : undefined;
  const labels = new Int32Array(count);
  const groups: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const cls = plan.images[i].classIndex;
    const rng = root.fork(`image:${i}`);
    const r = createRaster(size, size, 1);
    const d = r.data;
    // Each painter returns whether pixel centre (x, y) is inside the object, and its brightness.
    let background = 0.15;
    let inside: (x: number, y: number) => boolean = () => false;
    let level = 0.85;
    if (!segment && cls === 0) {
      const side = size * rng.uniform(0.2, 0.3);
      const x0 = rng.uniform(0, size - side), y0 = rng.uniform(0, size - side);
      background = 0.1;
      inside = (x, y) => x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
    } else if (!segment && cls === 1) {
      const period = size * rng.uniform(0.22, 0.32);
      const phase = rng.uniform(0, period);
      background = 0.35;
      inside = (_x, y) => (y + phase) % period < period * 0.4;
      level = 0.75;
    } else if (!segment && cls === 2) {
      const rad = size * rng.uniform(0.28, 0.38);
      const cx = size / 2 + rng.uniform(-0.1, 0.1) * size, cy = size / 2 + rng.uniform(-0.1, 0.1) * size;
      background = 0.55;
      level = 0.95;
      inside = (x, y) => (x - cx) ** 2 + (y - cy) ** 2 < rad * rad;
    } else if (segment && cls === 1) {
      const cx = rng.uniform(0.25, 0.75) * size, cy = rng.uniform(0.25, 0.75) * size;
      const a = size * rng.uniform(0.12, 0.3), b = size * rng.uniform(0.12, 0.3);
      level = rng.uniform(0.65, 0.9);
      inside = rng.bool(0.5)
        ? (x, y) => ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 < 1
        : (x, y) => Math.abs(x - cx) < a && Math.abs(y - cy) < b;
    }
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const hit = inside(x + 0.5, y + 0.5);
        d[y * size + x] = hit ? level : background;
        if (masks && hit) masks[i * pixels + y * size + x] = 1;
      }
    }
    addNoise(r, 0.05, rng);
    writeBytes(r, images, i * pixels);
    labels[i] = cls;
    groups.push(`R${String(i).padStart(6, '0')}`);
    ids.push(`R${String(i).padStart(6, '0')}`);
    if (opts.onProgress && (i % 200 === 199 || i === count - 1)) opts.onProgress(i + 1, count, 'Generating test images');
  }
  return {
    taskId,
    kind: segment ? 'segmentation' : 'classification',
    classes: entry.classes.map((c) => c.name),
    height: size,
    width: size,
    channels: 1,
    count,
    images,
    labels,
    ...(masks ? { masks } : {}),
    groups,
    ids,
    source: 'generated',
    credit: entry.credit,
  };
}
