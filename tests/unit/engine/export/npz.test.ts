/**
 * .npy/.npz writer: the .npy header checked byte by byte (numpy format 1.0, data on a 64-byte boundary),
 * the .npz a stored (uncompressed) zip of `<name>.npy` entries. numpy itself reads the exporter's .npz files
 * in python.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { writeNpy, writeNpz } from '@/engine/export/npz';

describe('writeNpy', () => {
  it('writes magic, version, a padded dict header ending in a newline, then little-endian float32', () => {
    // Byte for byte what numpy 1.24's np.save(f, np.array([1, 2, -2], dtype='<f4')) writes.
    const bytes = writeNpy([3], new Float32Array([1, 2, -2]));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    expect(bytes[8] + 256 * bytes[9]).toBe(118); // 10 + 118 = 128, a multiple of 64
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
    expect(new TextDecoder().decode(bytes.subarray(10, 128))).toBe(`${dict}${' '.repeat(118 - dict.length - 1)}\n`);
    expect(Array.from(bytes.subarray(128))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0, 0xc0]);
  });

  it('writes shapes of any rank as Python tuples', () => {
    const header = (shape: number[]) => new TextDecoder().decode(writeNpy(shape, new Float32Array(shape.reduce((a, b) => a * b, 1))).subarray(10, 128));
    expect(header([3, 3, 1, 8])).toContain("'shape': (3, 3, 1, 8), }");
    expect(header([2, 5])).toContain("'shape': (2, 5), }");
  });
});

describe('writeNpz', () => {
  it('is a zip of stored <name>.npy entries', () => {
    const bytes = writeNpz([
      { name: 'conv2d/0', shape: [1, 2], data: new Float32Array([1, 2]) },
      { name: 'conv2d/1', shape: [2], data: new Float32Array([3, 4]) },
    ]);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual(['conv2d/0.npy', 'conv2d/1.npy']);
    expect(entries['conv2d/1.npy']).toEqual(writeNpy([2], new Float32Array([3, 4])));
    // Local file header: compression method (offset 8) 0 = stored.
    expect(bytes[8] + 256 * bytes[9]).toBe(0);
  });
});
