import { decodeImage } from './decode/decode';
import type { ImageDecoder } from './decode/types';
import { scanBrainTumorMri } from './formats/brainTumorMri';
import { chooseLayout } from './formats/detect';
import { scanHam10000 } from './formats/ham10000';
import { scanHmnist } from './formats/hmnist';
import { scanLggKaggle3m } from './formats/lggKaggle3m';
import type { Plan, ScanContext } from './formats/types';
import type { DatasetFormat } from './report';
import { type FileSource, isJunkPath } from './source';

/** Options shared by inspecting and importing. */
export interface ScanOptions {
  /** Read this layout even when others are present (otherwise it is detected). */
  format?: DatasetFormat;
  /** Decoder for image files; default: the built-in JPEG/PNG/TIFF decoders. */
  decoder?: ImageDecoder;
  /** Wanted input size and channels, used to choose among hmnist variants. */
  want?: { size?: number; channels?: 1 | 3 };
}

/**
 * Lists the source, recognises its layout and asks that format's scanner what to read. Reads metadata and
 * CSV files but no image. Throws ImportError when no layout (or more than one) is recognised.
 */
export async function planSource(source: FileSource, opts: ScanOptions = {}): Promise<Plan> {
  const entries = (await source.list()).filter((e) => !isJunkPath(e.path));
  const choice = chooseLayout(entries, source.label, { format: opts.format, want: opts.want });
  const ctx: ScanContext = { source, entries, decode: opts.decoder ?? decodeImage, want: opts.want ?? {} };
  let plan: Plan;
  switch (choice.format) {
    case 'ham10000':
      plan = await scanHam10000(ctx, choice.root, choice.file);
      break;
    case 'hmnist-csv':
      plan = await scanHmnist(ctx, choice.file ?? '');
      break;
    case 'brain-tumor-mri':
      plan = await scanBrainTumorMri(ctx, choice.root);
      break;
    case 'lgg-kaggle3m':
      plan = await scanLggKaggle3m(ctx, choice.root);
      break;
  }
  plan.notes.unshift(...choice.notes);
  return plan;
}
