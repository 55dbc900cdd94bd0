import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { adler32, unzlibLimited } from '@/graph/document/zlib';

const bytes = (s: string) => new TextEncoder().encode(s);

/** Adler-32 straight from the definition, one modulo per byte. */
function naiveAdler(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return b * 65536 + a;
}

describe('adler32', () => {
  it.each([
    ['', 1],
    ['a', 0x00620062],
    ['abc', 0x024d0127],
    ['Wikipedia', 0x11e60398],
  ])('adler32(%j) = %i', (s, expected) => {
    expect(adler32(bytes(s))).toBe(expected);
  });

  it('matches the definition on 100 000 bytes of 0xff (many NMAX blocks)', () => {
    const data = new Uint8Array(100_000).fill(0xff);
    expect(adler32(data)).toBe(naiveAdler(data));
  });
});

describe('unzlibLimited', () => {
  const text = bytes('{"format":"convas-graph"} '.repeat(200));
  const packed = zlibSync(text, { level: 9 });

  it('inflates what zlibSync packed', () => {
    expect(unzlibLimited(packed, 1_000_000)).toEqual({ ok: true, bytes: text });
  });

  it('accepts output of exactly the limit and refuses one byte more', () => {
    expect(unzlibLimited(packed, text.length).ok).toBe(true);
    expect(unzlibLimited(packed, text.length - 1)).toEqual({ ok: false, reason: 'too-large', limit: text.length - 1 });
  });

  it('stops a 20 MB zip bomb early', () => {
    const bomb = zlibSync(new Uint8Array(20_000_000), { level: 9 });
    expect(bomb.length).toBeLessThan(30_000);
    expect(unzlibLimited(bomb, 5_000_000)).toEqual({ ok: false, reason: 'too-large', limit: 5_000_000 });
  });

  const withByte = (i: number, v: number) => {
    const copy = packed.slice();
    copy[i] = v;
    return copy;
  };
  it.each<[string, Uint8Array, string]>([
    ['too short', packed.subarray(0, 5), 'it is too short'],
    ['not a zlib header', withByte(0, 0x1f), 'its header is not zlib data'],
    ['header check bits wrong', withByte(1, packed[1] ^ 1), 'its header is not zlib data'],
    ['a preset dictionary', Uint8Array.of(0x78, 0xbb, 0, 0, 0, 0, 0, 0), 'its header is not zlib data'],
    ['reserved block type', Uint8Array.of(0x78, 0x9c, 0x07, 0, 0, 0, 0, 0), 'invalid block type'],
    ['cut short', packed.subarray(0, packed.length - 12), 'unexpected EOF'],
    ['wrong checksum', withByte(packed.length - 1, packed[packed.length - 1] ^ 0x40), 'its checksum does not match'],
  ])('reports corrupt data: %s', (_what, data, detail) => {
    expect(unzlibLimited(data, 1_000_000)).toEqual({ ok: false, reason: 'corrupt', detail });
  });
});
