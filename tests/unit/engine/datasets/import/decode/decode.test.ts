import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage, probeImage } from '../../../../../../engine/datasets/import/decode/decode';
import { sniffFormat } from '../../../../../../engine/datasets/import/decode/sniff';
import { HAS_REAL_DATA, realBytes } from '../realdata';
import { encodePng } from './pngFixture';
import { encodeTiff } from './tiffFixture';

/** A smooth 16x8 RGB gradient as RGBA (JPEG keeps smooth images close to the original). */
function gradientRgba(width = 16, height = 8): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([x * 16, y * 32, 128, 255], (y * width + x) * 4);
  return data;
}

function jpegFile(): Uint8Array {
  return new Uint8Array(encodeJpeg({ width: 16, height: 8, data: gradientRgba() }, 95).data);
}

describe('sniffFormat', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0]],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['tiff', [0x49, 0x49, 0x2a, 0x00]],
    ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
    ['bmp', [0x42, 0x4d, 0, 0]],
    [null, [0x25, 0x50, 0x44, 0x46]], // %PDF
    [null, []],
  ])('%s from %j', (format, bytes) => {
    expect(sniffFormat(Uint8Array.from(bytes))).toBe(format);
  });
});

describe('decodeImage chooses the decoder by content', () => {
  it('decodes a JPEG to RGB close to the original', () => {
    const img = decodeImage(jpegFile());
    expect([img.format, img.mode, img.width, img.height, img.channels]).toEqual(['jpeg', 'RGB', 16, 8, 3]);
    const src = gradientRgba();
    let worst = 0;
    for (let i = 0; i < 16 * 8; i++) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(img.data[i * 3 + c] - src[i * 4 + c]));
    expect(worst).toBeLessThan(12); // quality 95 on a smooth gradient
  });

  it('decodes a PNG whatever the file would be called', () => {
    const png = new PNG({ width: 16, height: 8 });
    png.data = Buffer.from(gradientRgba());
    const img = decodeImage(new Uint8Array(PNG.sync.write(png, { colorType: 2 })));
    expect([img.format, img.channels]).toEqual(['png', 3]);
    expect([...img.data.subarray(3 * 17, 3 * 18)]).toEqual([16, 32, 128]); // pixel (1, 1), lossless
  });

  it('decodes LGG-shaped TIFFs: 3-sample images and 1-sample masks', () => {
    const rgb = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const img = decodeImage(encodeTiff(2, 3, 3, rgb));
    expect([img.format, img.mode, img.width, img.height, img.channels]).toEqual(['tiff', 'RGB', 2, 3, 3]);
    expect([...img.data]).toEqual([...rgb]);
    const mask = decodeImage(encodeTiff(2, 2, 1, Uint8Array.of(0, 255, 255, 0)));
    expect([mask.mode, mask.channels, ...mask.data]).toEqual(['gray', 1, 0, 255, 255, 0]);
  });

  it('reads headers without decoding', () => {
    expect(probeImage(jpegFile())).toEqual({ format: 'jpeg', width: 16, height: 8, mode: 'RGB' });
    expect(probeImage(encodeTiff(2, 3, 1, new Uint8Array(6)))).toEqual({ format: 'tiff', width: 2, height: 3, mode: 'gray' });
    expect(probeImage(encodePng({ width: 3, height: 1, colorType: 0, depth: 8, samples: [1, 2, 3] }))).toEqual({ format: 'png', width: 3, height: 1, mode: 'gray' });
  });
});

describe('decodeImage explains what it cannot read', () => {
  const jpeg = jpegFile();
  const tiff = encodeTiff(4, 4, 3, new Uint8Array(48));
  it.each([
    ['an empty file', new Uint8Array(0), /file is empty/],
    ['text', new TextEncoder().encode('lesion_id,image_id\n'), /not a JPEG, PNG or TIFF/],
    ['a BMP', Uint8Array.of(0x42, 0x4d, 1, 2, 3), /BMP images are not supported/],
    ['a JPEG cut after its headers', jpeg.slice(0, jpeg.length - 40), /JPEG is truncated|JPEG does not decode/],
    ['a JPEG cut inside its headers', jpeg.slice(0, 30), /JPEG is truncated/],
    // byte 20 is just after the 16-byte APP0 segment, where the next marker should start
    ['a JPEG whose markers are garbled', (() => { const b = jpeg.slice(); b.fill(0x11, 20, 40); return b; })(), /JPEG marker expected at byte 20/],
    ['a TIFF cut short', tiff.slice(0, tiff.length - 10), /TIFF is truncated/],
  ])('%s', (_name, bytes, reason) => {
    expect(() => decodeImage(bytes)).toThrow(reason);
  });
});

describe.skipIf(!HAS_REAL_DATA)('decodeImage on the real sample files', () => {
  it('decodes a grayscale Brain Tumor MRI JPEG to one channel', async () => {
    const img = decodeImage(await realBytes('brain_mri_cls/Training/glioma/Tr-gl_0121.jpg'));
    expect([img.mode, img.channels, img.width, img.height, img.data.length]).toEqual(['gray', 1, 512, 512, 512 * 512]);
  });

  it('decodes an LGG image (3 x uint8) and its mask (0/255 only)', async () => {
    const img = decodeImage(await realBytes('brain_mri_seg/kaggle_3m/TCGA_CS_4941_19960909/TCGA_CS_4941_19960909_12.tif'));
    expect([img.format, img.mode, img.width, img.height, img.channels]).toEqual(['tiff', 'RGB', 256, 256, 3]);
    const mask = decodeImage(await realBytes('brain_mri_seg/kaggle_3m/TCGA_CS_4941_19960909/TCGA_CS_4941_19960909_12_mask.tif'));
    expect([mask.mode, mask.channels]).toEqual(['gray', 1]);
    expect([...new Set(mask.data)].sort((a, b) => a - b)).toEqual([0, 255]);
  });
});
