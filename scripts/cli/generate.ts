/**
 * `npm run convas -- generate --task <id> [--count N] [--size S] [--seed K] [--mask-mode binary|multiclass]
 * --out <dir>`: generate a bundled task's images and write them as PNG files with a labels.csv, plus a
 * per-class gallery.png (masks overlaid for segmentation), so people can look at the data before training.
 * Exit codes: 0 written, 2 usage error.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { catalogueEntry } from '../../engine/datasets/catalogue';
import { galleryGrid, galleryIndices, type RgbaImage } from '../../engine/datasets/gallery';
import { generateDataset, GENERATED_TASKS, type MaskMode } from '../../engine/datasets/generate';
import type { Dataset } from '../../engine/datasets/types';
import { DATA_LIMITS, TRAINING_LIMITS } from '../../graph/document';
import { numberFlag, parseArgs, rangeFlag, requireFlag } from './args';
import { consoleIO, type CliIO } from './io';

const USAGE = `Usage: npm run convas -- generate --task <${GENERATED_TASKS.join('|')}> --out <dir>
       [--count N (default 100)] [--size S (default: the task's)] [--seed K (default 1)]
       [--mask-mode binary|multiclass (segmentation, default multiclass)]
Writes <dir>/images/*.png, <dir>/masks/*.png (segmentation; pixel = class * floor(255 / (classes - 1))),
<dir>/labels.csv and <dir>/gallery.png.`;

/** PNG bytes of an 8-bit grey (channels 1) or RGB (channels 3) image. */
export function encodePng(width: number, height: number, channels: number, pixels: Uint8Array): Buffer {
  const png = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) png.data[p * 4 + k] = pixels[p * channels + (channels === 3 ? k : 0)];
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: channels === 3 ? 2 : 0 });
}

function encodeRgba(img: RgbaImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data.set(img.data);
  return PNG.sync.write(png, { colorType: 2 });
}

/** A CSV field, quoted when it holds a comma, quote or newline. */
function csv(value: string | number): string {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write the dataset's files under dir; returns the labels.csv text. */
export async function writeDataset(ds: Dataset, dir: string): Promise<string> {
  const { width: w, height: h, channels: c } = ds;
  await mkdir(join(dir, 'images'), { recursive: true });
  if (ds.masks) await mkdir(join(dir, 'masks'), { recursive: true });
  // Spread mask classes over 0..255 so they are visible in an image viewer (binary masks: 0 / 255).
  const maskScale = Math.floor(255 / Math.max(1, ds.classes.length - 1));
  const rows = [ds.masks ? 'file,label,class,group,mask' : 'file,label,class,group'];
  for (let i = 0; i < ds.count; i++) {
    const file = `images/${ds.ids[i]}.png`;
    await writeFile(join(dir, file), encodePng(w, h, c, ds.images.subarray(i * w * h * c, (i + 1) * w * h * c)));
    const cells: (string | number)[] = [file, ds.labels[i], ds.classes[ds.labels[i]] ?? '', ds.groups[i]];
    if (ds.masks) {
      const mask = ds.masks.subarray(i * w * h, (i + 1) * w * h).map((v) => v * maskScale);
      const maskFile = `masks/${ds.ids[i]}_mask.png`;
      await writeFile(join(dir, maskFile), encodePng(w, h, 1, mask));
      cells.push(maskFile);
    }
    rows.push(cells.map(csv).join(','));
  }
  const text = `${rows.join('\n')}\n`;
  await writeFile(join(dir, 'labels.csv'), text);
  await writeFile(join(dir, 'gallery.png'), encodeRgba(galleryGrid(ds, galleryIndices(ds, 8), true)));
  return text;
}

/** The command: parse flags, generate, write, summarise. */
export async function run(argv: string[], io: CliIO = consoleIO): Promise<number> {
  const args = parseArgs(argv, ['help']);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  let ds: Dataset;
  let out: string;
  try {
    const task = requireFlag(args, 'task');
    out = requireFlag(args, 'out');
    const mode = args['mask-mode'] ?? 'multiclass';
    if (mode !== 'binary' && mode !== 'multiclass') throw new Error(`--mask-mode wants binary or multiclass, got "${String(mode)}".`);
    const entry = catalogueEntry(task);
    if (!entry) throw new Error(`Unknown task "${task}".`);
    const t0 = performance.now();
    ds = generateDataset(task, {
      count: rangeFlag(args, 'count', 100, { min: 1, max: DATA_LIMITS.maxImages, integer: true }),
      // generateDataset checks the size against the task's range and says it.
      size: numberFlag(args, 'size', entry.input[0]),
      seed: rangeFlag(args, 'seed', 1, TRAINING_LIMITS.seed),
      maskMode: mode as MaskMode,
    });
    io.out(`Generated ${ds.count} ${ds.width}x${ds.height}x${ds.channels} images of "${task}" in ${((performance.now() - t0) / 1000).toFixed(2)} s.`);
    io.out(entry.notice);
    io.out(entry.credit);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    io.err(USAGE);
    return 2;
  }
  await writeDataset(ds, out);
  const counts = ds.classes.map(() => 0);
  for (const l of ds.labels) counts[l]++;
  io.out(`Wrote ${out}/images/ (${ds.count} PNG)${ds.masks ? `, ${out}/masks/` : ''}, ${out}/labels.csv and ${out}/gallery.png.`);
  io.out(`Per class: ${ds.classes.map((c, k) => `${c} ${counts[k]}`).join(', ')}; ${new Set(ds.groups).size} groups.`);
  return 0;
}
