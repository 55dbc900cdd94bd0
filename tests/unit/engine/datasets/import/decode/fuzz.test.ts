/**
 * Fuzzing the image decoders and the zip reader (issue 13): mutated sample files (real ones from
 * ../shared/realdata when present, plus small files the test writes) and crafted headers. Every case must
 * end in an image that matches its header or a thrown Error with a reason; never a hang, a crash, a
 * non-Error throw or an image beyond the decode budget. Counts and times are printed per suite.
 */
import fc from 'fast-check';
import { encode as encodeJpeg } from 'jpeg-js';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DECODE_BUDGET } from '../../../../../../engine/datasets/import/budget';
import { bitmapDecoder, type BitmapApi } from '../../../../../../engine/datasets/import/decode/bitmap';
import { decodeImage, probeImage } from '../../../../../../engine/datasets/import/decode/decode';
import { crc32 } from '../../../../../../engine/datasets/import/decode/png';
import type { RawImage } from '../../../../../../engine/datasets/import/decode/types';
import { zipSource } from '../../../../../../engine/datasets/import/source';
import { fuzz, mutatedFrom } from '../../../../fuzz/mutate';
import { HAS_REAL_DATA, realBytes, SKIP_REASON } from '../realdata';
import { encodePng } from './pngFixture';
import { encodeTiff } from './tiffFixture';

type Base = { name: string; bytes: Uint8Array; weight?: number };

/** Real samples, or none (then the suites run on the generated files alone and say so). */
async function real(files: string[], weight: number): Promise<Base[]> {
  if (!HAS_REAL_DATA) {
    console.warn(`${SKIP_REASON}; fuzzing generated files only`);
    return [];
  }
  return Promise.all(files.map(async (f) => ({ name: `real ${f}`, bytes: await realBytes(f), weight })));
}

function checkImage(img: RawImage): void {
  expect(img.width).toBeGreaterThan(0);
  expect(img.height).toBeGreaterThan(0);
  expect(img.width * img.height).toBeLessThanOrEqual(DECODE_BUDGET.maxPixels);
  expect([1, 3]).toContain(img.channels);
  expect(img.data.length).toBe(img.width * img.height * img.channels);
}

/** Decodes (and probes) one input: an image that fits its header, or an Error. */
async function decodeCase({ bytes }: { bytes: Uint8Array }): Promise<void> {
  let probed: { width: number; height: number } | undefined;
  try {
    probed = probeImage(bytes);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
  }
  const img = decodeImage(bytes);
  checkImage(img);
  if (probed && img.format !== 'jpeg') expect([img.width, img.height]).toEqual([probed.width, probed.height]);
}

/** Rewrites every whole chunk's CRC, so a mutation reaches the inflater and the unfilter step instead of the CRC check. */
function fixPngCrcs(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  for (let pos = 8; pos + 12 <= out.length; ) {
    const end = pos + 8 + v.getUint32(pos);
    if (end + 4 > out.length) break;
    v.setUint32(end, crc32(out, pos + 4, end));
    pos = end + 4;
  }
  return out;
}

const gradient = (n: number, k = 1) => Array.from({ length: n }, (_, i) => (i * 37 * k) % 256);
const jpegOf = (width: number, height: number, quality: number) =>
  new Uint8Array(encodeJpeg({ width, height, data: Buffer.from(gradient(width * height * 4, 3)) }, quality).data);

/** Crafted headers: a valid frame/IHDR/IFD with its numbers pushed to the limits. */
const craftedPng = fc.record({ w: fc.constantFrom(0, 1, 7, 0x7fffffff, 0xffffffff, 70000), h: fc.constantFrom(0, 1, 9, 70000, 0xffffffff), depth: fc.constantFrom(1, 8, 16, 3), color: fc.constantFrom(0, 2, 3, 6, 5) });

describe('fuzz: image decoders', () => {
  it('PNG: 1,000 mutated and crafted files', async () => {
    const bases: Base[] = [
      { name: 'gray 8x8', bytes: encodePng({ width: 8, height: 8, colorType: 0, depth: 8, samples: gradient(64) }) },
      { name: 'palette 2-bit', bytes: encodePng({ width: 5, height: 3, colorType: 3, depth: 2, samples: gradient(15).map((v) => v % 4), palette: gradient(12) }) },
      { name: 'RGBA 16-bit interlaced', bytes: encodePng({ width: 6, height: 6, colorType: 6, depth: 16, samples: gradient(144).map((v) => v * 257), interlace: true }) },
      { name: 'RGB sub filter', bytes: encodePng({ width: 4, height: 4, colorType: 2, depth: 8, samples: gradient(48), filter: 1 }) },
    ];
    if (HAS_REAL_DATA) {
      // No real PNG in the samples: a 48x48 crop of a real LGG slice, written as PNG.
      const slice = decodeImage(await realBytes('brain_mri_seg/kaggle_3m/TCGA_CS_4941_19960909/TCGA_CS_4941_19960909_14.tif'));
      const crop: number[] = [];
      for (let y = 100; y < 148; y++) for (let x = 100; x < 148; x++) for (let c = 0; c < 3; c++) crop.push(slice.data[(y * 256 + x) * 3 + c]);
      bases.push({ name: 'real LGG crop', bytes: encodePng({ width: 48, height: 48, colorType: 2, depth: 8, samples: crop, filter: 2 }), weight: 2 });
    }
    const crafted = craftedPng.map(({ w, h, depth, color }) => {
      const b = bases[0].bytes.slice();
      const v = new DataView(b.buffer);
      v.setUint32(16, w);
      v.setUint32(20, h);
      b[24] = depth;
      b[25] = color;
      return { base: 'crafted IHDR', bytes: b };
    });
    const crcFixed = mutatedFrom(bases).map(({ base, bytes }) => ({ base: `${base}, CRCs fixed`, bytes: fixPngCrcs(bytes) }));
    const arbitrary = fc.oneof({ arbitrary: mutatedFrom(bases), weight: 2 }, { arbitrary: crcFixed, weight: 3 }, { arbitrary: crafted.map(({ bytes, base }) => ({ base, bytes: fixPngCrcs(bytes) })), weight: 1 });
    const r = await fuzz('PNG', arbitrary, decodeCase, { seed: 1 });
    expect(r.ok).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
  });

  it('JPEG: 1,000 mutated and crafted files', async () => {
    const bases: Base[] = [
      { name: 'RGB 16x16', bytes: jpegOf(16, 16, 80), weight: 3 },
      { name: 'RGB 24x8 q20', bytes: jpegOf(24, 8, 20), weight: 3 },
      ...(await real(['brain_mri_cls/Training/notumor/Tr-no_0010.jpg'], 1)),
    ];
    // Frame headers claiming other sizes over the same data.
    const crafted = fc.record({ w: fc.constantFrom(0, 1, 8, 7000, 65535), h: fc.constantFrom(0, 1, 8, 7000, 65535), comps: fc.constantFrom(1, 3, 4, 2, 0) }).map(({ w, h, comps }) => {
      const b = bases[0].bytes.slice();
      for (let i = 2; i + 9 < b.length; i++)
        if (b[i] === 0xff && b[i + 1] === 0xc0) {
          b.set([h >> 8, h & 0xff, w >> 8, w & 0xff], i + 5);
          b[i + 9] = comps;
          break;
        }
      return { base: 'crafted SOF0', bytes: b };
    });
    const r = await fuzz('JPEG', fc.oneof({ arbitrary: mutatedFrom(bases), weight: 4 }, { arbitrary: crafted, weight: 1 }), decodeCase, { seed: 2 });
    expect(r.ok).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
  });

  it('TIFF: 1,000 mutated and crafted files', async () => {
    const bases: Base[] = [
      { name: 'RGB 8x8', bytes: encodeTiff(8, 8, 3, new Uint8Array(gradient(192))), weight: 2 },
      { name: 'gray 8x8', bytes: encodeTiff(8, 8, 1, new Uint8Array(gradient(64))), weight: 2 },
      ...(await real(['brain_mri_seg/kaggle_3m/TCGA_CS_4941_19960909/TCGA_CS_4941_19960909_14_mask.tif'], 1)),
    ];
    // Directory entries with boundary counts, types and offsets; next-directory pointers to anywhere.
    const crafted = fc
      .record({ entry: fc.nat(9), type: fc.integer({ min: 0, max: 14 }), count: fc.constantFrom(0, 1, 3, 0xffff, 0xffffffff), value: fc.constantFrom(0, 8, 10, 0xffffffff), next: fc.constantFrom(0, 8, 10, 0xffffffff) })
      .map(({ entry, type, count, value, next }) => {
        const b = bases[1].bytes.slice();
        const v = new DataView(b.buffer);
        const at = 10 + entry * 12;
        v.setUint16(at + 2, type, true);
        v.setUint32(at + 4, count, true);
        v.setUint32(at + 8, value, true);
        v.setUint32(10 + 10 * 12, next, true);
        return { base: 'crafted IFD', bytes: b };
      });
    const r = await fuzz('TIFF', fc.oneof({ arbitrary: mutatedFrom(bases), weight: 3 }, { arbitrary: crafted, weight: 2 }), decodeCase, { seed: 3 });
    expect(r.ok).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
  });

  it('BMP and the browser decoder (bitmapDecoder with a stand-in canvas): 1,000 files', async () => {
    const bmp = new Uint8Array(70);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setUint32(18, 4, true);
    new DataView(bmp.buffer).setUint32(22, 4, true);
    // The browser's decoder, played by a canvas that reports the header's size and blank pixels.
    const api: BitmapApi = {
      async createImageBitmap(blob) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const { width, height } = probeImage(bytes);
        return { width, height };
      },
      createCanvas: (w, h) => ({ getContext: () => ({ drawImage() {}, getImageData: () => ({ data: new Uint8ClampedArray(w * h * 4) }) }) }),
    };
    const decode = bitmapDecoder(api);
    const bases: Base[] = [
      { name: 'BMP header', bytes: bmp },
      { name: 'JPEG 16x16', bytes: jpegOf(16, 16, 60), weight: 2 },
      { name: 'PNG 8x8', bytes: encodePng({ width: 8, height: 8, colorType: 0, depth: 8, samples: gradient(64) }) },
    ];
    const r = await fuzz('BMP + bitmapDecoder', mutatedFrom(bases), async ({ bytes }) => {
      if (bytes[0] === 0x42 && bytes[1] === 0x4d) expect(() => decodeImage(bytes)).toThrow(/BMP images are not supported/);
      checkImage(await decode(bytes));
    }, { seed: 4 });
    expect(r.ok).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
  });
});

describe('fuzz: zip reader', () => {
  it('1,000 mutated archives: every entry reads to its declared size or fails with a reason', async () => {
    const text = new TextEncoder().encode('lesion_id,image_id,dx\nHAM_1,ISIC_1,nv\n'.repeat(20));
    const files: Record<string, Uint8Array | [Uint8Array, { level: 0 | 6 }]> = {
      'HAM10000_metadata.csv': text,
      'HAM10000_images_part_1/ISIC_1.jpg': [jpegOf(16, 16, 70), { level: 0 }],
      'HAM10000_images_part_1/': new Uint8Array(0),
    };
    if (HAS_REAL_DATA) files['HAM10000_images_part_2/real.jpg'] = await realBytes('brain_mri_cls/Training/notumor/Tr-no_0010.jpg');
    else console.warn(`${SKIP_REASON}; fuzzing generated archives only`);
    const bases: Base[] = [
      { name: 'zip', bytes: zipSync(files, { level: 6 }), weight: 3 },
      { name: 'zip of one stored file', bytes: zipSync({ 'a.txt': [text, { level: 0 }] }) },
    ];
    const r = await fuzz('zip', mutatedFrom(bases), async ({ bytes }) => {
      const source = zipSource(bytes);
      const entries = await source.list();
      for (const e of entries.slice(0, 6)) {
        try {
          const data = await source.read(e.path);
          expect(data.length).toBe(e.size);
        } catch (err) {
          if (!(err instanceof Error) || err.name === 'AssertionError') throw err;
          expect(err.message.length).toBeGreaterThan(10);
        }
      }
    }, { seed: 5 });
    expect(r.ok).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
  });
});
