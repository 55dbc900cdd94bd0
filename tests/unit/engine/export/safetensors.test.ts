/**
 * safetensors writer: byte layout checked by hand on a tiny file (8-byte little-endian header length, JSON
 * header padded with spaces to a multiple of 8, raw little-endian float32 data), and a round trip.
 */
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '@/engine/export/safetensors';

describe('writeSafetensors', () => {
  it('lays out header length, padded JSON header and little-endian data exactly', () => {
    const bytes = writeSafetensors([{ name: 'a', shape: [2], data: new Float32Array([1, -2]) }]);
    const json = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'; // 54 characters -> padded to 56
    expect(json.length).toBe(54);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([56, 0, 0, 0, 0, 0, 0, 0]);
    expect(new TextDecoder().decode(bytes.subarray(8, 64))).toBe(`${json}  `);
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, little-endian.
    expect(Array.from(bytes.subarray(64))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
    expect(bytes.length).toBe(72);
  });

  it('writes tensors in name order with consecutive offsets, and reads back what it wrote', () => {
    const bytes = writeSafetensors(
      [
        { name: 'fc.weight', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
        { name: 'conv.bias', shape: [1], data: new Float32Array([0.5]) },
      ],
      { format: 'pt' },
    );
    const { tensors, metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    expect(tensors.map((t) => t.name)).toEqual(['conv.bias', 'fc.weight']);
    expect(Array.from(tensors[1].data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensors[1].shape).toEqual([2, 3]);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header['conv.bias'].data_offsets).toEqual([0, 4]);
    expect(header['fc.weight'].data_offsets).toEqual([4, 28]);
  });

  it('refuses duplicate names and data that does not fit the shape', () => {
    const t = { name: 'x', shape: [2], data: new Float32Array(2) };
    expect(() => writeSafetensors([t, t])).toThrow(/twice/);
    expect(() => writeSafetensors([{ ...t, shape: [3] }])).toThrow(/2 values for shape \[3\]/);
  });
});
