import { describe, expect, it } from 'vitest';
import { formatBytes, formatCompact, formatShape } from '@/components/format';
import { formatCount } from '@/graph/issues';

describe('formatting', () => {
  it.each([
    [[null, 64, 64, 32], '64x64x32'],
    [[null, 7], '7'],
    [[null, null, 8, 3], '?x8x3'],
    [null, '?'],
  ] as const)('formatShape(%j) = %s', (shape, text) => {
    expect(formatShape(shape)).toBe(text);
  });

  it.each([
    [0, '0'],
    [9999, '9,999'],
    [12_300, '12.3k'],
    [1_048_640, '1.05M'],
    [7.1e9, '7.1G'],
  ])('formatCompact(%d) = %s', (n, text) => {
    expect(formatCompact(n)).toBe(text);
  });

  it('groups thousands and prints binary units', () => {
    expect(formatCount(1_049_543)).toBe('1,049,543');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    // 64x64x16 float32 activations for a batch of 32: 64*64*16*4*32 = 8 MiB.
    expect(formatBytes(64 * 64 * 16 * 4 * 32)).toBe('8 MiB');
  });
});
