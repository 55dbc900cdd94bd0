import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng, probePng } from '../../../../../../engine/datasets/import/decode/png';
import { encodePng } from './pngFixture';

/** A 5x3 RGBA test card with distinct values everywhere. */
function card(width = 5, height = 3): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 17) % 256, (i * 31 + 7) % 256, (i * 53 + 11) % 256, 255 - i], i * 4);
  return data;
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    // CRC-32 of "123456789" is 0xCBF43926 (the catalogue check value).
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('decodePng against pngjs-written files', () => {
  // colour type x filter strategy; a 5x3 image so Sub/Up/Avg/Paeth all see neighbours
  const cases = [0, 2, 4, 6].flatMap((colorType) => [0, 1, 2, 3, 4].map((filterType) => ({ colorType, filterType })));
  it.each(cases)('colour type $colorType, filter $filterType', ({ colorType, filterType }) => {
    const png = new PNG({ width: 5, height: 3 });
    png.data = card();
    const file = new Uint8Array(PNG.sync.write(png, { colorType: colorType as 0 | 2 | 4 | 6, filterType }));
    // pngjs reading its own file is the reference (its gray is its own RGB->gray mix of the card).
    const reference = PNG.sync.read(Buffer.from(file));
    const img = decodePng(file);
    const gray = colorType === 0 || colorType === 4;
    expect(img.channels).toBe(gray ? 1 : 3);
    expect(img.mode).toBe({ 0: 'gray', 2: 'RGB', 4: 'gray+alpha', 6: 'RGBA' }[colorType]);
    for (let i = 0; i < 15; i++) {
      if (gray) expect(img.data[i]).toBe(reference.data[i * 4]);
      else expect([...img.data.subarray(i * 3, i * 3 + 3)]).toEqual([...reference.data.subarray(i * 4, i * 4 + 3)]);
    }
  });
});

describe('decodePng on hand-made files', () => {
  it('expands a palette', () => {
    // 3x1, indices 2 0 1 into red, green, blue
    const file = encodePng({ width: 3, height: 1, colorType: 3, depth: 8, samples: [2, 0, 1], palette: [255, 0, 0, 0, 255, 0, 0, 0, 255] });
    expect([...decodePng(file).data]).toEqual([0, 0, 255, 255, 0, 0, 0, 255, 0]);
  });

  it('unpacks 1-bit gray and scales it to 0/255, and 2-bit palettes', () => {
    // 10 pixels of 1 bit cross a byte boundary: 1 0 1 1 0 0 1 0 | 1 1
    const bits = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1];
    expect([...decodePng(encodePng({ width: 10, height: 1, colorType: 0, depth: 1, samples: bits })).data]).toEqual(bits.map((b) => b * 255));
    // 2-bit gray 0..3 -> 0, 85, 170, 255
    expect([...decodePng(encodePng({ width: 4, height: 1, colorType: 0, depth: 2, samples: [0, 1, 2, 3] })).data]).toEqual([0, 85, 170, 255]);
    const pal = encodePng({ width: 3, height: 1, colorType: 3, depth: 2, samples: [3, 1, 0], palette: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect([...decodePng(pal).data]).toEqual([10, 11, 12, 4, 5, 6, 1, 2, 3]);
  });

  it('keeps the high byte of 16-bit samples', () => {
    // RGB16 (0x1234, 0xabcd, 0xff00) -> (0x12, 0xab, 0xff); gray16 0x8001 -> 0x80
    const rgb = decodePng(encodePng({ width: 1, height: 1, colorType: 2, depth: 16, samples: [0x1234, 0xabcd, 0xff00] }));
    expect([...rgb.data]).toEqual([0x12, 0xab, 0xff]);
    expect(rgb.mode).toBe('RGB 16-bit');
    expect([...decodePng(encodePng({ width: 1, height: 1, colorType: 0, depth: 16, samples: [0x8001] })).data]).toEqual([0x80]);
  });

  it('de-interlaces Adam7 to the same pixels as a plain file', () => {
    // 11x9 gray with value 10x + y: every pass is non-empty and some are partial
    const samples: number[] = [];
    for (let y = 0; y < 9; y++) for (let x = 0; x < 11; x++) samples.push(10 * x + y);
    for (const filter of [0, 1, 2] as const) {
      const interlaced = decodePng(encodePng({ width: 11, height: 9, colorType: 0, depth: 8, samples, interlace: true, filter }));
      expect([...interlaced.data]).toEqual(samples);
    }
    // and a 1-pixel image, where passes 2..7 are empty
    expect([...decodePng(encodePng({ width: 1, height: 1, colorType: 0, depth: 8, samples: [42], interlace: true })).data]).toEqual([42]);
  });

  it('reads the header alone', () => {
    expect(probePng(encodePng({ width: 7, height: 2, colorType: 6, depth: 8, samples: new Array(56).fill(0) }))).toEqual({
      format: 'png',
      width: 7,
      height: 2,
      mode: 'RGBA',
    });
  });
});

describe('decodePng and damaged ancillary chunks', () => {
  it('drops an ancillary chunk with a bad CRC, as libpng does', () => {
    const good = encodePng({ width: 1, height: 1, colorType: 0, depth: 8, samples: [77] });
    // Insert a tEXt chunk with a wrong CRC after IHDR (8 signature + 25 IHDR bytes).
    const text = Uint8Array.of(0, 0, 0, 1, 0x74, 0x45, 0x58, 0x74, 0x41, 0xde, 0xad, 0xbe, 0xef);
    const bytes = new Uint8Array(good.length + text.length);
    bytes.set(good.subarray(0, 33));
    bytes.set(text, 33);
    bytes.set(good.subarray(33), 33 + text.length);
    expect([...decodePng(bytes).data]).toEqual([77]);
  });
});

describe('decodePng rejects damaged files with a reason', () => {
  const good = encodePng({ width: 4, height: 4, colorType: 2, depth: 8, samples: Array.from({ length: 48 }, (_, i) => i * 5) });
  const idat = good.findIndex((_, i) => String.fromCharCode(...good.subarray(i, i + 4)) === 'IDAT');
  it.each([
    ['truncated in the middle', good.slice(0, idat + 10), /truncated inside its IDAT chunk/],
    ['no IEND', good.slice(0, good.length - 12), /no IEND/],
    ['a flipped byte in the pixel data', (() => { const b = good.slice(); b[idat + 8] ^= 0xff; return b; })(), /IDAT chunk fails its CRC check/],
    ['header only', good.slice(0, 20), /truncated before its header/],
    ['an impossible colour type', (() => { const b = encodePng({ width: 1, height: 1, colorType: 0, depth: 8, samples: [1] }); b[25] = 5; return b; })(), /colour type 5/],
  ])('%s', (_name, bytes, reason) => {
    expect(() => decodePng(bytes)).toThrow(reason);
  });
});
