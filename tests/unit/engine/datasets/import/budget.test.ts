/**
 * The decode budget (engine/datasets/import/budget.ts) against the reproducers of issue 13: each hostile
 * file ends in a clear reason, fast, and an import around it skips it and goes on. The files are made by
 * ./hostile.ts; the CLI's memory on the full-size ones is measured outside the tests (see the note in
 * budget.ts' commit).
 */
import { unzipSync, zipSync } from 'fflate';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../../../../scripts/cli/data';
import { DECODE_BUDGET, jpegMemoryMB } from '../../../../../engine/datasets/import/budget';
import { decodeImage, probeImage } from '../../../../../engine/datasets/import/decode/decode';
import { inflateCapped } from '../../../../../engine/datasets/import/decode/inflate';
import { importDataset } from '../../../../../engine/datasets/import/importDataset';
import { inspectSource } from '../../../../../engine/datasets/import/inspect';
import { fileListSource, zipSource } from '../../../../../engine/datasets/import/source';
import { readZipDirectory } from '../../../../../engine/datasets/import/zip';
import { scratchDirs } from '../../../scripts/cli/harness';
import { encodePng } from '../../../../../scripts/cli/generate';
import { deflatedZeros, hugeCountTiff, jpegHeaderBomb, pngBomb, selfLoopTiff, zipBomb } from './hostile';

const scratch = scratchDirs('convas-budget-');
const png8 = () => new Uint8Array(encodePng(8, 8, 1, new Uint8Array(64).fill(100)));

describe('inflateCapped', () => {
  it('stops at the limit and says the data held more', () => {
    const data = deflatedZeros(5 << 20, 'zlib');
    const capped = inflateCapped(data, 1000, 'zlib');
    expect(capped.bytes.length).toBe(1000);
    expect(capped.overflow).toBe(true);
    const whole = inflateCapped(deflatedZeros(1000, 'raw'), 1000, 'raw');
    expect([whole.bytes.length, whole.overflow, whole.ended]).toEqual([1000, false, true]);
  });
});

describe('hostile images end in a clear reason', () => {
  it('a 1x1 PNG whose data inflates to 64 MB is refused after 2 bytes (the issue\'s was 256 MB)', () => {
    const bomb = pngBomb(64 << 20);
    expect(bomb.length).toBeLessThan(80_000);
    const t0 = performance.now();
    expect(() => decodeImage(bomb)).toThrow(/inflates to more than the 2 bytes a 1x1 image needs/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a PNG header claiming more pixels than its data could ever hold is refused before inflating', () => {
    expect(() => decodeImage(pngBomb(1000, 7000, 7000))).toThrow(/claims 7000x7000 but holds only \d+ bytes/);
  });

  it('a 103-byte TIFF whose directory points to itself (utif2 looped forever)', () => {
    const tiff = selfLoopTiff();
    expect(tiff.length).toBe(103);
    expect(() => decodeImage(tiff)).toThrow(/directories form a loop/);
    expect(() => probeImage(tiff)).toThrow(/directories form a loop/);
  });

  it('a TIFF field claiming 4 billion values', () => {
    expect(() => decodeImage(hugeCountTiff())).toThrow(/claims 4294967295 values/);
  });

  it('a 7000x7000 JPEG header of a few hundred bytes is refused before jpeg-js allocates', () => {
    const jpeg = jpegHeaderBomb();
    expect(jpeg.length).toBeLessThan(700);
    expect(() => decodeImage(jpeg)).toThrow(/claims 7000x7000 but holds only \d+ bytes of image data/);
  });

  it('the pixel limit and jpeg-js memory follow from one budget', () => {
    expect(() => probeImage(pngBomb(10, 10_000, 5_001))).toThrow(/larger than the 50 megapixel limit/);
    expect(DECODE_BUDGET.maxPixels).toBe(50_000_000);
    // A HAM10000 image (600x450, 4:2:0) needs a few MB; the largest allowed image stays under about 1.3 GB.
    expect(jpegMemoryMB(600, 450, [[2, 2], [1, 1], [1, 1]])).toBeLessThan(10);
    expect(jpegMemoryMB(7071, 7071, [[1, 1], [1, 1], [1, 1]])).toBeLessThan(1400);
  });
});

describe('zip entries are inflated one at a time within the budget', () => {
  it('a zip bomb (4 x 10 MB of zeros in 40 KB; the issue\'s held 347 MB) is refused per entry by its ratio, without inflating', async () => {
    const bomb = zipBomb(4, 10 << 20);
    expect(bomb.length).toBeLessThan(50_000);
    const source = zipSource(bomb, 'bomb.zip');
    expect((await source.list()).map((e) => e.size)).toEqual([10 << 20, 10 << 20, 10 << 20, 10 << 20]);
    await expect(source.read('Training/glioma/bomb_0.png')).rejects.toThrow(/would expand \d+ times .* decompression bomb/);
  });

  it('an entry that inflates past the size it declares is refused', async () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(5000).fill(65) });
    const dir = readZipDirectory(zip);
    // Lower the declared size in the central directory: the entry now holds more than it says.
    const view = new DataView(zip.buffer, zip.byteOffset);
    const central = zip.length - 22 - (46 + 5);
    view.setUint32(central + 24, 100, true);
    expect(dir[0].size).toBe(5000);
    await expect(zipSource(zip).read('a.txt')).rejects.toThrow(/inflates to more than the 100 bytes it declares/);
  });

  it('an entry declaring more than one file may take is refused before reading', async () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(10) });
    const central = zip.length - 22 - (46 + 5);
    new DataView(zip.buffer, zip.byteOffset).setUint32(central + 24, DECODE_BUDGET.maxFileBytes + 1, true);
    await expect(zipSource(zip).read('a.txt')).rejects.toThrow(/more than the \d+ MB one file may take/);
  });

  it('bytes that are not a zip fail with a reason', async () => {
    await expect(zipSource(new TextEncoder().encode('PK but no zip')).list()).rejects.toThrow(/not a readable .zip archive/);
  });
});

describe('an import skips files over budget and goes on', () => {
  it('inspect lists each hostile file with its reason and reads the good ones', async () => {
    const files = [
      { path: 'Training/glioma/good.png', read: async () => png8() },
      { path: 'Training/glioma/loop.tif', read: async () => selfLoopTiff() },
      { path: 'Training/meningioma/bomb.png', read: async () => pngBomb(8 << 20) },
      { path: 'Training/notumor/huge.jpg', read: async () => jpegHeaderBomb() },
      { path: 'Testing/pituitary/good.png', read: async () => png8() },
    ];
    const report = await inspectSource(fileListSource(files));
    expect(report.images).toBe(2);
    expect(report.skipped.map((s) => s.file)).toEqual(['Training/glioma/loop.tif', 'Training/meningioma/bomb.png', 'Training/notumor/huge.jpg']);
    expect(report.skipped.every((s) => s.reason.length > 20)).toBe(true);
  });

  it('convas data inspect on a folder of the reproducers and on a zip bomb reports each file with its reason', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'Training', 'glioma'), { recursive: true });
    await writeFile(join(dir, 'Training', 'glioma', 'loop.tif'), selfLoopTiff());
    await writeFile(join(dir, 'Training', 'glioma', 'bomb.png'), pngBomb(8 << 20));
    await writeFile(join(dir, 'Training', 'glioma', 'huge.jpg'), jpegHeaderBomb());
    await writeFile(join(dir, 'bomb.zip'), zipBomb(2, 8 << 20));
    for (const quick of [[], ['--quick']]) {
      const out: string[] = [];
      const code = await run(['inspect', join(dir, 'Training', '..'), '--format', 'brain-tumor-mri', '--json', ...quick], { out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code, out.join('\n')).toBe(0);
      const report = JSON.parse(out.join('\n'));
      // --quick reads headers only: the PNG bomb's header is plausible; the TIFF loop and the JPEG's size are caught.
      expect(report.images).toBe(quick.length ? 1 : 0);
      expect(report.skipped.length).toBe(quick.length ? 2 : 3);
      expect(report.skipped.map((s: { reason: string }) => s.reason).join('\n')).toMatch(/form a loop[^]*claims 7000x7000|claims 7000x7000[^]*form a loop/);
    }
    const out: string[] = [];
    expect(await run(['inspect', join(dir, 'bomb.zip'), '--json'], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(0);
    const zipReport = JSON.parse(out.join('\n'));
    expect(zipReport.images).toBe(0);
    expect(zipReport.skipped.map((s: { reason: string }) => s.reason)).toEqual([expect.stringMatching(/decompression bomb/), expect.stringMatching(/decompression bomb/)]);
  });
});

/**
 * A stored-only zip in zip64 form (as archives over 4 GB are written: sizes and offsets 0xFFFFFFFF, the real
 * values in zip64 extra fields, a zip64 end record and locator), small enough for a test.
 */
function zip64Of(files: Record<string, Uint8Array>): Uint8Array {
  const parts: number[] = [];
  /** Appends little-endian fields, each [bits, value]. */
  const put = (...fields: [16 | 32 | 64, number][]) => {
    for (const [bits, v] of fields) for (let i = 0; i < bits / 8; i++) parts.push(Math.floor(v / 2 ** (8 * i)) & 0xff);
  };
  const MAX = 0xffffffff;
  const central: { name: Uint8Array; size: number; offset: number }[] = [];
  for (const [path, data] of Object.entries(files)) {
    const name = new TextEncoder().encode(path);
    const offset = parts.length;
    put([32, 0x04034b50], [16, 45], [16, 0x800], [16, 0], [16, 0], [16, 0], [32, 0], [32, MAX], [32, MAX], [16, name.length], [16, 20]);
    parts.push(...name);
    put([16, 1], [16, 16], [64, data.length], [64, data.length]);
    parts.push(...data);
    central.push({ name, size: data.length, offset });
  }
  const dirStart = parts.length;
  for (const e of central) {
    put([32, 0x02014b50], [16, 45], [16, 45], [16, 0x800], [16, 0], [16, 0], [16, 0], [32, 0], [32, MAX], [32, MAX]);
    put([16, e.name.length], [16, 28], [16, 0], [16, 0], [16, 0], [32, 0], [32, MAX]);
    parts.push(...e.name);
    put([16, 1], [16, 24], [64, e.size], [64, e.size], [64, e.offset]);
  }
  const dirSize = parts.length - dirStart;
  const z64 = parts.length;
  put([32, 0x06064b50], [64, 44], [16, 45], [16, 45], [32, 0], [32, 0], [64, central.length], [64, central.length], [64, dirSize], [64, dirStart]);
  put([32, 0x07064b50], [32, 0], [64, z64], [32, 1]);
  put([32, 0x06054b50], [16, 0], [16, 0], [16, 0xffff], [16, 0xffff], [32, MAX], [32, MAX], [16, 0]);
  return Uint8Array.from(parts);
}

describe('zip64 archives (HAM10000 downloads are over 4 GB)', () => {
  it('lists and reads entries whose sizes and offsets live in zip64 fields', async () => {
    const zip = zip64Of({ 'a/b.txt': new TextEncoder().encode('hello'), 'c.bin': new Uint8Array(300).fill(7) });
    // fflate, which reads zip64, agrees on the archive (so the builder above writes a real zip64).
    expect(Object.keys(unzipSync(zip))).toEqual(['a/b.txt', 'c.bin']);
    const source = zipSource(zip);
    expect(await source.list()).toEqual([
      { path: 'a/b.txt', size: 5 },
      { path: 'c.bin', size: 300 },
    ]);
    expect(new TextDecoder().decode(await source.read('a/b.txt'))).toBe('hello');
    expect((await source.read('c.bin')).every((v) => v === 7)).toBe(true);
  });
});

describe('file and dataset sizes are checked before reading', () => {
  it('a file larger than one file may take is refused without reading it', async () => {
    const read = vi.fn(async () => new Uint8Array(0));
    const source = fileListSource([{ path: 'Training/glioma/big.png', size: DECODE_BUDGET.maxFileBytes + 1, read }]);
    await expect(source.read('Training/glioma/big.png')).rejects.toThrow(/more than the \d+ MB one file may take/);
    expect(read).not.toHaveBeenCalled();
  });

  it('an import that would not fit in memory is refused before any image is read', async () => {
    const read = vi.fn(async () => png8());
    const files = Array.from({ length: 15_000 }, (_, i) => ({ path: `Training/glioma/${i}.png`, size: 100, read }));
    await expect(importDataset(fileListSource(files), { size: 224, channels: 3 })).rejects.toThrow(/15,000 images at 224x224 would take \d+ MB, more than the 2048 MB/);
    expect(read).not.toHaveBeenCalled();
  });
});
