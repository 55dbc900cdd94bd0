import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '@/graph/document/base64url';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base64url', () => {
  // RFC 4648 section 10 test vectors, without padding; then the two characters base64url changes (+/ -> -_).
  it.each<[Uint8Array, string]>([
    [bytes(''), ''],
    [bytes('f'), 'Zg'],
    [bytes('fo'), 'Zm8'],
    [bytes('foo'), 'Zm9v'],
    [bytes('foob'), 'Zm9vYg'],
    [bytes('fooba'), 'Zm9vYmE'],
    [bytes('foobar'), 'Zm9vYmFy'],
    [new Uint8Array([0xfb, 0xff]), '-_8'],
    [new Uint8Array([0xff, 0xff, 0xff]), '____'],
    [new Uint8Array([0, 0, 0]), 'AAAA'],
  ])('%j <-> %j', (raw, text) => {
    expect(encodeBase64url(raw)).toBe(text);
    expect(decodeBase64url(text)).toEqual({ ok: true, bytes: raw });
  });

  it('round-trips every length from 0 to 300 bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const raw = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n * 11) & 0xff);
      const text = encodeBase64url(raw);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text.length).toBe(Math.ceil((n * 4) / 3));
      expect(decodeBase64url(text)).toEqual({ ok: true, bytes: raw });
    }
  });

  it('tolerates trailing = padding', () => {
    expect(decodeBase64url('Zg==')).toEqual({ ok: true, bytes: bytes('f') });
  });

  it.each([
    ['a character outside the alphabet', 'Zm9v$mFy', { ok: false, index: 4, char: '$' }],
    ['standard base64 +', 'Zm+v', { ok: false, index: 2, char: '+' }],
    ['standard base64 /', '/m9v', { ok: false, index: 0, char: '/' }],
    ['a non-ASCII character', 'Zm9é', { ok: false, index: 3, char: 'é' }],
    ['padding in the middle', 'Zg==Zg', { ok: false, index: 2, char: '=' }],
    ['a length of 4n + 1', 'Zm9vY', { ok: false, index: 5, char: null }],
  ])('rejects %s', (_what, text, expected) => {
    expect(decodeBase64url(text)).toEqual(expected);
  });
});
