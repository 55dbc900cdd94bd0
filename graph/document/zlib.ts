import { Inflate } from 'fflate';

/**
 * Zlib (RFC 1950) unwrapping with the checks fflate's unzlibSync leaves out: a size limit enforced while
 * inflating (a few hundred bytes of deflate data can expand to gigabytes) and the Adler-32 checksum
 * (so a damaged link is reported as damaged, not parsed as whatever garbage it inflates to).
 */

/** Adler-32 of `bytes` (RFC 1950 section 8.2), as an unsigned 32-bit number. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // zlib's NMAX: the most bytes summed before b could pass 2^32; reducing that often keeps the sums exact.
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'corrupt'; detail: string }
  | { ok: false; reason: 'too-large'; limit: number };

/** Compressed bytes fed to the inflater per step: deflate expands at most ~1032x, so a step overshoots the limit by at most ~1 MB. */
const STEP = 1024;

/**
 * Inflates zlib data, stopping as soon as the output exceeds `limit` bytes. Never throws.
 */
export function unzlibLimited(data: Uint8Array, limit: number): InflateResult {
  if (data.length < 7) return { ok: false, reason: 'corrupt', detail: 'it is too short' };
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) {
    return { ok: false, reason: 'corrupt', detail: 'its header is not zlib data' };
  }
  const body = data.subarray(2, data.length - 4);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
  });
  try {
    for (let i = 0; i < body.length && total <= limit; i += STEP) {
      const end = Math.min(i + STEP, body.length);
      inflater.push(body.subarray(i, end), end === body.length);
    }
  } catch (e) {
    return { ok: false, reason: 'corrupt', detail: e instanceof Error ? e.message : String(e) };
  }
  if (total > limit) return { ok: false, reason: 'too-large', limit };

  const bytes = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  const t = data.length - 4;
  const expected = ((data[t] << 24) | (data[t + 1] << 16) | (data[t + 2] << 8) | data[t + 3]) >>> 0;
  if (adler32(bytes) !== expected) return { ok: false, reason: 'corrupt', detail: 'its checksum does not match' };
  return { ok: true, bytes };
}
