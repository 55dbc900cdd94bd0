/**
 * A minimal PNG writer for tests: packs samples into scanlines (filter type chosen by the caller), optionally
 * Adam7-interlaced, with real CRCs. pngjs cannot write palettes, low bit depths or interlacing, and those are
 * exactly the paths the decoder must get right.
 */
import { zlibSync } from 'fflate';
import { crc32 } from '../../../../../../engine/datasets/import/decode/png';

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

export interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Samples per pixel in row-major order (values up to 2^depth - 1). */
  samples: number[];
  palette?: number[];
  interlace?: boolean;
  /** Filter type for every row (0 none, 1 sub, 2 up); default 0. */
  filter?: 0 | 1 | 2;
}

const PER_PIXEL: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** One PNG chunk: length, type, data and the CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function packRow(spec: PngSpec, xs: number[], y: number): Uint8Array {
  const n = PER_PIXEL[spec.colorType];
  const bits = xs.length * n * spec.depth;
  const row = new Uint8Array(Math.ceil(bits / 8));
  let bit = 0;
  for (const x of xs)
    for (let s = 0; s < n; s++) {
      const v = spec.samples[(y * spec.width + x) * n + s];
      if (spec.depth === 16) {
        row[bit >> 3] = v >> 8;
        row[(bit >> 3) + 1] = v & 0xff;
      } else if (spec.depth === 8) row[bit >> 3] = v;
      else row[bit >> 3] |= v << (8 - spec.depth - (bit & 7));
      bit += spec.depth;
    }
  return row;
}

function filterRows(rows: Uint8Array[], bpp: number, filter: 0 | 1 | 2): Uint8Array[] {
  return rows.map((row, y) => {
    const out = new Uint8Array(row.length + 1);
    out[0] = filter;
    for (let x = 0; x < row.length; x++) {
      const pred = filter === 1 ? (x >= bpp ? row[x - bpp] : 0) : filter === 2 ? (y > 0 ? rows[y - 1][x] : 0) : 0;
      out[x + 1] = (row[x] - pred) & 0xff;
    }
    return out;
  });
}

/** The PNG file for a spec. */
export function encodePng(spec: PngSpec): Uint8Array {
  const bpp = Math.max(1, (PER_PIXEL[spec.colorType] * spec.depth) >> 3);
  const passes = spec.interlace ? ADAM7 : [[0, 0, 1, 1]];
  const parts: Uint8Array[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const xs: number[] = [];
    for (let x = x0; x < spec.width; x += dx) xs.push(x);
    if (xs.length === 0) continue;
    const rows: Uint8Array[] = [];
    for (let y = y0; y < spec.height; y += dy) rows.push(packRow(spec, xs, y));
    parts.push(...filterRows(rows, bpp, spec.filter ?? 0));
  }
  const raw = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    raw.set(p, o);
    o += p.length;
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, spec.width);
  v.setUint32(4, spec.height);
  ihdr.set([spec.depth, spec.colorType, 0, 0, spec.interlace ? 1 : 0], 8);
  const chunks = [pngChunk('IHDR', ihdr)];
  if (spec.palette) chunks.push(pngChunk('PLTE', Uint8Array.from(spec.palette)));
  chunks.push(pngChunk('IDAT', zlibSync(raw)), pngChunk('IEND', new Uint8Array(0)));
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const file = new Uint8Array(8 + chunks.reduce((s, c) => s + c.length, 0));
  file.set(signature);
  o = 8;
  for (const c of chunks) {
    file.set(c, o);
    o += c.length;
  }
  return file;
}
