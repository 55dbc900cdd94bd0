import type { SkippedFile } from '../report';
import { HAM_CLASSES, HAM_CREDIT } from './ham10000';
import { baseOf, dirOf } from './paths';
import type { Plan, PlanItem, ScanContext } from './types';

/** `hmnist_<height>_<width>_<L|RGB>.csv`, the pre-shrunk HAM10000 tables of the Kaggle "Skin Cancer MNIST". */
export const HMNIST_FILE = /^hmnist_(\d+)_(\d+)_(L|RGB)\.csv$/i;

/**
 * The hmnist `label` column (0..6) as HAM10000 `dx` codes: HMNIST_LABELS[label].
 *
 * Not alphabetical, and documented nowhere in the files, so it was derived from the data: counting labels in
 * the full hmnist_8_8_L.csv (10015 rows) gives 0: 327, 1: 514, 2: 1099, 3: 115, 4: 6705, 5: 142, 6: 1113, and
 * the HAM10000 metadata's dx counts are akiec 327, bcc 514, bkl 1099, df 115, mel 1113, nv 6705, vasc 142.
 * All seven counts differ, so the match is unique: 0 akiec, 1 bcc, 2 bkl, 3 df, 4 nv, 5 vasc, 6 mel.
 * Image by image it agrees too: each of the 14 sample JPEGs in ../shared/realdata, shrunk to 8x8 gray here,
 * lies 1.0 to 3.5 grey levels (rms) from exactly one hmnist row (the next nearest is 6.2 or more away), and
 * that row's label maps to the image's metadata dx for all 14, covering all seven classes.
 * tests/unit/engine/datasets/import/formats/hmnist.test.ts checks both.
 */
export const HMNIST_LABELS = ['akiec', 'bcc', 'bkl', 'df', 'nv', 'vasc', 'mel'] as const;

/** Image shape promised by an hmnist file name, or undefined when the name is not one. */
export function hmnistShape(path: string): { height: number; width: number; channels: 1 | 3 } | undefined {
  const m = HMNIST_FILE.exec(baseOf(path));
  if (!m) return undefined;
  return { height: Number(m[1]), width: Number(m[2]), channels: m[3].toUpperCase() === 'L' ? 1 : 3 };
}

/**
 * Which hmnist file to read when several sit together: the smallest side at least the wanted size (so
 * images shrink rather than blur), preferring the wanted channel count; with no wish, the largest.
 */
export function pickHmnist(paths: string[], want: { size?: number; channels?: 1 | 3 }): string {
  const scored = paths.map((path) => {
    const s = hmnistShape(path) ?? { height: 0, width: 0, channels: 1 };
    const side = Math.min(s.height, s.width);
    const big = want.size === undefined ? true : side >= want.size;
    return { path, side, big, channelsMatch: want.channels === undefined || s.channels === want.channels };
  });
  scored.sort(
    (a, b) =>
      Number(b.big) - Number(a.big) ||
      Number(b.channelsMatch) - Number(a.channelsMatch) ||
      (want.size === undefined || !a.big ? b.side - a.side : a.side - b.side) ||
      (a.path < b.path ? -1 : 1),
  );
  return scored[0].path;
}

/**
 * Parses the pixel rows straight from bytes (a 28x28 RGB file is 10015 x 2353 numbers; splitting it into
 * strings would cost far more memory than the pixels). Pixel columns are in the file's order, which for the
 * RGB files is height x width x channel interleaved (a NumPy HxWx3 array flattened).
 */
export async function scanHmnist(ctx: ScanContext, path: string): Promise<Plan> {
  const shape = hmnistShape(path);
  if (!shape) throw new Error(`${path} is not named hmnist_<height>_<width>_<L|RGB>.csv`);
  const bytes = await ctx.source.read(path);
  let headerEnd = bytes.indexOf(0x0a);
  if (headerEnd < 0) headerEnd = bytes.length;
  const header = new TextDecoder().decode(bytes.subarray(0, headerEnd)).replace(/\r$/, '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const pixelColumns = header.filter((h) => /^pixel\d+$/i.test(h)).length;
  const labelColumn = header.findIndex((h) => h.toLowerCase() === 'label');
  const pixels = shape.height * shape.width * shape.channels;
  if (labelColumn < 0) throw new Error(`${path} has no "label" column`);
  if (pixelColumns !== pixels || header.length !== pixels + 1)
    throw new Error(`${path} has ${pixelColumns} pixel columns (${header.length} in all); its name promises ${shape.height}x${shape.width}x${shape.channels} = ${pixels} plus a label`);

  const skipped: SkippedFile[] = [];
  const rowsData: Uint8Array[] = [];
  const rowLabels: number[] = [];
  const rowNumbers: number[] = [];
  const rowPixels = new Uint8Array(pixels);
  let row = 1;
  let pos = headerEnd + 1;
  const remap = HMNIST_LABELS.map((dx) => HAM_CLASSES.indexOf(dx));
  while (pos < bytes.length) {
    let field = 0;
    let value = 0;
    let digits = 0;
    let problem = '';
    let label = -1;
    const endField = () => {
      if (!problem) {
        if (digits === 0) problem = `column ${field + 1} is empty or not a number`;
        else if (field === labelColumn) {
          if (value > 6) problem = `label ${value} is outside 0..6`;
          label = value;
        } else if (value > 255) problem = `pixel value ${value} in column ${field + 1} is outside 0..255`;
        else if (field < pixels + 1) rowPixels[field < labelColumn ? field : field - 1] = value;
      }
      field++;
      value = 0;
      digits = 0;
    };
    let c = bytes[pos];
    for (; pos < bytes.length && c !== 0x0a; c = bytes[++pos]) {
      if (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        digits++;
      } else if (c === 0x2c) endField();
      else if (c !== 0x0d && c !== 0x20 && c !== 0x22 && !problem) problem = `column ${field + 1} holds "${String.fromCharCode(c)}", not a whole number`;
    }
    pos++;
    if (field === 0 && digits === 0 && !problem) {
      row++;
      continue; // blank line
    }
    endField();
    if (!problem && field !== pixels + 1) problem = `row has ${field} values, expected ${pixels + 1}`;
    if (problem) skipped.push({ file: `${path} row ${row}`, reason: problem });
    else {
      rowsData.push(rowPixels.slice());
      rowLabels.push(remap[label]);
      rowNumbers.push(row);
    }
    row++;
  }

  const format = 'csv';
  const mode = shape.channels === 1 ? 'gray' : 'RGB';
  const items: PlanItem[] = rowsData.map((data, i) => ({
    id: `${path}#${rowNumbers[i]}`,
    label: rowLabels[i],
    group: `${path}#${rowNumbers[i]}`,
    load: async () => ({ width: shape.width, height: shape.height, channels: shape.channels, data, format, mode }),
  }));
  return {
    format: 'hmnist-csv',
    title: `HMNIST CSV (${baseOf(path)})`,
    root: dirOf(path),
    kind: 'classification',
    classes: [...HAM_CLASSES],
    items,
    skipped,
    missingIds: [],
    duplicates: 0,
    groupBy: 'image',
    notes: [
      'hmnist CSVs carry no lesion_id: each row is its own group, so images of one lesion may straddle train and test ' +
        '(HAM10000 has several images of many lesions). Prefer the metadata + JPEG layout for honest test scores.',
      `Labels 0..6 read as ${HMNIST_LABELS.map((dx, i) => `${i}=${dx}`).join(', ')} (derived from the class counts).`,
    ],
    credit: HAM_CREDIT,
  };
}
