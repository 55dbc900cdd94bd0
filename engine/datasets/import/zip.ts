import { DECODE_BUDGET } from './budget';
import { inflateCapped } from './decode/inflate';

/**
 * A .zip reader that inflates one entry at a time, on demand, within DECODE_BUDGET: the central directory is
 * read once (zip64 included); an entry is refused, with its reason, when it declares more than
 * `maxFileBytes`, when it would expand more than `maxZipRatio` times (beyond a small grace size), when the
 * archive's entries together pass `maxZipTotalBytes`, or when it inflates to more than it declared.
 * fflate's unzipSync would inflate every entry at once, whatever they declare.
 */

/** One file entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
  encrypted: boolean;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

function notZip(why: string): never {
  throw new Error(`not a readable .zip archive: ${why}`);
}

/**
 * The entries of a zip's central directory (directories included, names ending in '/').
 * Throws when the bytes are not a zip or the directory lies outside them.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) notZip('no end-of-central-directory record');
  let count = u16(bytes, eocd + 10);
  let dirSize = u32(bytes, eocd + 12);
  let dirOffset = u32(bytes, eocd + 16);
  if ((count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) && eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const z64 = u64(bytes, eocd - 12);
    if (z64 + 56 > bytes.length || u32(bytes, z64) !== 0x06064b50) notZip('its zip64 directory record is missing');
    count = u64(bytes, z64 + 32);
    dirSize = u64(bytes, z64 + 40);
    dirOffset = u64(bytes, z64 + 48);
  }
  if (dirOffset + dirSize > bytes.length) notZip('its central directory lies past the end of the file (truncated?)');
  if (count > dirSize / 46) notZip(`it claims ${count} entries in a ${dirSize}-byte directory`);
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  const utf8 = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) notZip(`central directory entry ${k + 1} is damaged`);
    const flags = u16(bytes, p + 8);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > bytes.length) notZip(`central directory entry ${k + 1} is cut short`);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const entry: ZipEntry = {
      name: flags & 0x800 ? utf8.decode(rawName) : latin1(rawName),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      offset: u32(bytes, p + 42),
      encrypted: (flags & 1) === 1,
    };
    // zip64 extra field: the 64-bit values, in this order, of the fields that say 0xFFFFFFFF.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          const v = q + 8 <= e + 4 + len ? u64(bytes, q) : 0xffffffff;
          q += 8;
          return v;
        };
        if (entry.size === 0xffffffff) entry.size = take();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
        if (entry.offset === 0xffffffff) entry.offset = take();
      }
      e += 4 + len;
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Running total of bytes inflated from one archive, shared by its entries' reads. */
export interface ZipBudget {
  inflated: number;
}

/**
 * The bytes of one entry, inflated within the budget. Throws with the reason a file is skipped.
 * Example: readZipEntry(bytes, readZipDirectory(bytes)[0], { inflated: 0 })
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: ZipBudget): Uint8Array {
  const B = DECODE_BUDGET;
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  if (entry.encrypted) throw new Error('the zip entry is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`the zip entry uses compression method ${entry.method} (only stored and deflated entries can be read)`);
  if (entry.size > B.maxFileBytes) throw new Error(`the zip entry would inflate to ${mb(entry.size)}, more than the ${mb(B.maxFileBytes)} one file may take`);
  if (entry.size > B.zipRatioGraceBytes && entry.size > entry.compressedSize * B.maxZipRatio)
    throw new Error(`the zip entry would expand ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times (${entry.compressedSize} bytes to ${mb(entry.size)}), more than the ${B.maxZipRatio}x allowed: a decompression bomb?`);
  if (budget.inflated + entry.size > B.maxZipTotalBytes) throw new Error(`the archive's files together inflate to more than ${mb(B.maxZipTotalBytes)}`);
  const h = entry.offset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) throw new Error('the zip entry\'s local header is missing (archive is damaged)');
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new Error('the zip entry runs past the end of the archive (truncated?)');
  const data = bytes.subarray(start, end);
  budget.inflated += entry.size;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new Error('the stored zip entry\'s sizes disagree (archive is damaged)');
    return data;
  }
  let out: ReturnType<typeof inflateCapped>;
  try {
    out = inflateCapped(data, entry.size, 'raw');
  } catch (e) {
    throw new Error(`the zip entry does not inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (out.overflow) throw new Error(`the zip entry inflates to more than the ${entry.size} bytes it declares (archive is damaged or hostile)`);
  if (out.bytes.length !== entry.size) throw new Error(`the zip entry inflates to ${out.bytes.length} bytes, not the ${entry.size} it declares (archive is damaged)`);
  return out.bytes;
}
