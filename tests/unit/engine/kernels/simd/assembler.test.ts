import { describe, expect, it } from 'vitest';
import { buildModule, FunctionBuilder, I32, sleb, uleb } from '@/engine/kernels/simd/assembler';

describe('LEB128', () => {
  it.each([
    [0, [0]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [624485, [0xe5, 0x8e, 0x26]], // the Wikipedia example
  ])('unsigned %i', (n, bytes) => expect(uleb(n)).toEqual(bytes));

  it.each([
    [0, [0]],
    [63, [0x3f]],
    [64, [0xc0, 0x00]],
    [-1, [0x7f]],
    [-64, [0x40]],
    [-65, [0xbf, 0x7f]],
    [-123456, [0xc0, 0xbb, 0x78]], // the Wikipedia example
  ])('signed %i', (n, bytes) => expect(sleb(n)).toEqual(bytes));
});

describe('buildModule', () => {
  it('emits a valid module whose loop runs', () => {
    // sum(n) = n + (n-1) + ... + 1 with whileNonZero, written to memory[0] as i32
    const f = new FunctionBuilder([I32], [I32]);
    const acc = f.local(I32);
    f.whileNonZero(0, () => f.addTo(acc, 0).decrement(0));
    f.i32(0).get(acc).mem(0x36, 2, 0); // i32.store
    f.get(acc);
    const bytes = buildModule({ sum: f });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    expect((instance.exports.sum as (n: number) => number)(10)).toBe(55);
    expect(new Int32Array(memory.buffer)[0]).toBe(55);
  });
});
