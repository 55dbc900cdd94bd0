import { describe, expect, it } from 'vitest';
import { layerNames, sanitizeLayerName } from '@/engine/compile';

describe('sanitizeLayerName', () => {
  it.each([
    ['conv2d_1', 'conv2d_1'],
    ['conv 1 (3x3)', 'conv_1_3x3'],
    ['_hidden', 'hidden'],
    ['a/b', 'a_b'],
    ['Ünïcode', 'n_code'],
    ['!!!', 'Conv2D'],
    ['', 'Conv2D'],
    ['x.y-z', 'x.y-z'],
  ])('%j -> %j', (name, expected) => {
    expect(sanitizeLayerName(name, 'Conv2D')).toBe(expected);
  });
});

describe('layerNames', () => {
  it('keeps names unique by numbering repeats, in node order', () => {
    const nodes = [
      { id: 'a', name: 'conv', type: 'Conv2D' as const },
      { id: 'b', name: 'conv!', type: 'Conv2D' as const },
      { id: 'c', name: 'conv_2', type: 'Conv2D' as const },
      { id: 'd', name: '', type: 'Dense' as const },
    ];
    expect(Object.fromEntries(layerNames(nodes))).toEqual({ a: 'conv', b: 'conv_2', c: 'conv_2_2', d: 'Dense' });
  });
});
