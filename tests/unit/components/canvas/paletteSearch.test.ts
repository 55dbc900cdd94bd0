import { describe, expect, it } from 'vitest';
import { paletteGroups } from '@/components/canvas/paletteSearch';
import { NODE_TYPES } from '@/graph/types';

describe('palette groups', () => {
  it('lists every node type once, in the eight categories in palette order', () => {
    const groups = paletteGroups('');
    expect(groups.map((g) => g.title)).toEqual([
      'Input / Output',
      'Convolution',
      'Activation',
      'Pooling',
      'Dense & reshaping',
      'Merge',
      'Regularisation',
      'Upsampling',
    ]);
    const types = groups.flatMap((g) => g.types);
    expect([...types].sort()).toEqual([...NODE_TYPES].sort());
  });

  it.each([
    // query: the types found, in palette order (groups in category order, best match first in a group)
    ['relu', ['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Activation', 'LeakyReLU', 'Dense', 'Conv2DTranspose']],
    ['mobilenet', ['DepthwiseConv2D', 'SeparableConv2D']],
    ['pool', ['MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D']],
    ['max pool', ['MaxPooling2D', 'GlobalMaxPooling2D']],
    ['CONCAT', ['Concatenate']],
    // Abbreviations people type.
    ['gap', ['GlobalAveragePooling2D']],
    ['bn', ['BatchNormalization']],
    ['fc', ['Dense']],
    // No name matches: the doc text is searched ("halves" appears in the docs of strided layers).
    ['halves', ['Conv2D', 'AveragePooling2D']],
    ['zzz', []],
  ])('finds %s', (query, expected) => {
    expect(paletteGroups(query).flatMap((g) => g.types)).toEqual(expected);
  });

  it('puts a label match before a match in the options', () => {
    // "leaky" starts LeakyReLU's label and is inside one of Activation's options (leakyRelu).
    const activation = paletteGroups('leaky').find((g) => g.category === 'activation');
    expect(activation?.types).toEqual(['LeakyReLU', 'Activation']);
    const conv = paletteGroups('conv').find((g) => g.category === 'convolution');
    expect(conv?.types[0]).toBe('Conv2D');
  });
});
