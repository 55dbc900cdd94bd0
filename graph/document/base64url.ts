/**
 * base64url (RFC 4648 section 5) without padding: the alphabet A-Z a-z 0-9 - _, safe in a URL fragment
 * unescaped. Written here rather than with btoa/Buffer so graph/ stays free of DOM and Node APIs.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as base64url text without `=` padding (4 characters per 3 bytes, rounded up). */
export function encodeBase64url(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out.push(ALPHABET[v >> 18], ALPHABET[(v >> 12) & 63], ALPHABET[(v >> 6) & 63], ALPHABET[v & 63]);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out.push(ALPHABET[v >> 18], ALPHABET[(v >> 12) & 63]);
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out.push(ALPHABET[v >> 18], ALPHABET[(v >> 12) & 63], ALPHABET[(v >> 6) & 63]);
  }
  return out.join('');
}

/** Result of {@link decodeBase64url}: the bytes, or the first bad character and its 0-based index. */
export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; index: number; char: string | null };

/**
 * Decodes base64url text. Trailing `=` padding is tolerated; any other character outside the alphabet,
 * or a length that no byte count produces (4n + 1), is an error (`char` null for the length case).
 */
export function decodeBase64url(text: string): Base64Result {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  if (end % 4 === 1) return { ok: false, index: end, char: null };
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? VALUE[code] : -1;
    if (v < 0) return { ok: false, index: i, char: text[i] };
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
