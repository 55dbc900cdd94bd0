/** Export archives: every file back out of the zip, reproducible bytes, weights stored, code deflated. */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { zipFiles } from '@/engine/export/zip';

const FILES = [
  { path: 'model.py', content: 'import torch\n'.repeat(50) },
  { path: 'weights.safetensors', content: new Uint8Array([1, 2, 3, 4]) },
];

/** Compression method of each local file header, by name (0 stored, 8 deflated). */
function methods(zip: Uint8Array): Record<string, number> {
  const out: Record<string, number> = {};
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    out[strFromU8(zip.subarray(at + 30, at + 30 + nameLength))] = view.getUint16(at + 8, true);
    at += 30 + nameLength + extra + size;
  }
  return out;
}

describe('zipFiles', () => {
  it('holds every file, text deflated and binary stored, with the same bytes every time', () => {
    const zip = zipFiles(FILES);
    const back = unzipSync(zip);
    expect(strFromU8(back['model.py'])).toBe(FILES[0].content);
    expect(Array.from(back['weights.safetensors'])).toEqual([1, 2, 3, 4]);
    expect(methods(zip)).toEqual({ 'model.py': 8, 'weights.safetensors': 0 });
    expect(zipFiles(FILES)).toEqual(zip);
  });

  it('stores everything with level 0 and refuses a path twice', () => {
    expect(methods(zipFiles(FILES, 0))).toEqual({ 'model.py': 0, 'weights.safetensors': 0 });
    expect(() => zipFiles([FILES[0], FILES[0]])).toThrow(/twice/);
  });
});
