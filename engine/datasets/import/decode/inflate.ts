import { Inflate, Unzlib } from 'fflate';

/**
 * Inflates zlib (PNG) or raw deflate (zip) data, stopping at `limit` output bytes, so a small file cannot
 * expand into a large allocation: input is fed in 16 KB pieces (at most about 16 MB of output each), and
 * memory never exceeds `limit` plus one piece. Returns the output and whether the data held more than
 * `limit` bytes (`overflow`); the caller decides whether extra data is an error.
 * Throws with fflate's reason when the data is corrupt.
 * Example: inflateCapped(idat, 4 * (3 * 64 + 1) * 64, 'zlib')
 */
export function inflateCapped(data: Uint8Array, limit: number, wrapper: 'zlib' | 'raw'): { bytes: Uint8Array; overflow: boolean; ended: boolean } {
  const out = new Uint8Array(limit);
  let length = 0;
  let overflow = false;
  let ended = false;
  const onData = (chunk: Uint8Array, final: boolean) => {
    const room = limit - length;
    if (chunk.length > room) overflow = true;
    out.set(room < chunk.length ? chunk.subarray(0, room) : chunk, length);
    length += Math.min(room, chunk.length);
    if (final) ended = true;
  };
  const stream = wrapper === 'zlib' ? new Unzlib(onData) : new Inflate(onData);
  const PIECE = 16 * 1024;
  for (let i = 0; i < data.length && !overflow && !ended; i += PIECE) {
    const end = Math.min(data.length, i + PIECE);
    stream.push(data.subarray(i, end), end === data.length);
  }
  return { bytes: length === limit ? out : out.subarray(0, length), overflow, ended };
}
