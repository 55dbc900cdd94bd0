/** Axis permutation of row-major tensors, checked on hand-written arrays. */
import { describe, expect, it } from 'vitest';
import { float32LittleEndian, sizeOf, transpose } from '@/engine/export/tensor';

describe('transpose', () => {
  it('transposes a 2x3 matrix (Dense kernel [in, out] -> PyTorch [out, in])', () => {
    const t = transpose({ shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }, [1, 0]);
    expect(t.shape).toEqual([3, 2]);
    expect(Array.from(t.data)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('turns a conv kernel [kh, kw, in, out] into [out, in, kh, kw]', () => {
    // kernel[h][w][i][o] = 1000h + 100w + 10i + o, shape [2, 2, 2, 3].
    const shape = [2, 2, 2, 3];
    const data = new Float32Array(sizeOf(shape));
    let n = 0;
    for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) for (let i = 0; i < 2; i++) for (let o = 0; o < 3; o++) data[n++] = 1000 * h + 100 * w + 10 * i + o;
    const t = transpose({ shape, data }, [3, 2, 0, 1]);
    expect(t.shape).toEqual([3, 2, 2, 2]);
    // out[o][i][h][w] at index ((o*2 + i)*2 + h)*2 + w.
    const at = (o: number, i: number, h: number, w: number) => t.data[((o * 2 + i) * 2 + h) * 2 + w];
    expect(at(2, 1, 0, 1)).toBe(112);
    expect(at(0, 0, 1, 1)).toBe(1100);
    expect(at(1, 1, 1, 0)).toBe(1011);
  });

  it('refuses a permutation of the wrong length', () => {
    expect(() => transpose({ shape: [2, 2], data: new Float32Array(4) }, [0])).toThrow(/1 axes for a rank-2/);
  });
});

describe('float32LittleEndian', () => {
  it('writes IEEE 754 single precision, least significant byte first', () => {
    expect(Array.from(float32LittleEndian(new Float32Array([1, -0.5])))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xbf]);
  });
});
