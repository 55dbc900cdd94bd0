import { describe, expect, it } from 'vitest';
import {
  axisLayout,
  effectiveKernel,
  formulaText,
  outputSize,
  receptiveCells,
  tapIndices,
  usageCounts,
  type WindowConfig,
} from '@/graph/learn/geometry';
import { cfg } from './windowConfig';

describe('axisLayout', () => {
  // [n, k, s, padding, d] -> out, padBefore, padAfter; each worked by hand from floor((n + 2p - d(k-1) - 1)/s) + 1
  // or, for 'same', ceil(n/s) with total padding max(0, (out-1)s + d(k-1) + 1 - n), the smaller half first.
  const table: [WindowConfig, number, number, number][] = [
    [cfg(5, 3, 1, 'valid'), 3, 0, 0], // floor(2/1)+1
    [cfg(5, 3, 2, 'valid'), 2, 0, 0], // floor(2/2)+1
    [cfg(5, 3, 1, 1), 5, 1, 1], // floor(4/1)+1
    [cfg(5, 3, 2, 1), 3, 1, 1], // floor(4/2)+1
    [cfg(6, 3, 3, 2), 3, 2, 2], // floor(7/3)+1
    [cfg(5, 3, 1, 'valid', 2), 1, 0, 0], // effective 5: floor(0)+1
    [cfg(7, 3, 1, 0, 2), 3, 0, 0], // floor(2/1)+1
    [cfg(5, 3, 1, 'same'), 5, 1, 1], // total 4+3-5 = 2
    [cfg(5, 3, 2, 'same'), 3, 1, 1], // total 4+3-5 = 2
    [cfg(6, 3, 2, 'same'), 3, 0, 1], // total 4+3-6 = 1: the odd pixel goes after
    [cfg(6, 2, 2, 'same'), 3, 0, 0], // total 4+2-6 = 0
    [cfg(5, 4, 1, 'same'), 5, 1, 2], // total 4+4-5 = 3
    [cfg(7, 3, 1, 'same', 3), 7, 3, 3], // effective 7: total 6+7-7 = 6
    [cfg(4, 5, 1, 'valid'), 0, 0, 0], // floor(-1/1)+1 = 0: the kernel does not fit
  ];
  it.each(table)('%o -> out %i, pad %i/%i', (c, out, before, after) => {
    expect(axisLayout(c)).toEqual({ out, padBefore: before, padAfter: after });
    expect(outputSize(c)).toBe(out);
  });

  it('effective kernel is d(k-1)+1', () => {
    expect([effectiveKernel(3, 1), effectiveKernel(3, 2), effectiveKernel(5, 3), effectiveKernel(1, 4)]).toEqual([3, 5, 13, 1]);
  });
});

describe('tapIndices and receptiveCells', () => {
  it.each([
    // output index, config -> input indices (negative = padding)
    [0, cfg(5, 3, 1, 'valid'), [0, 1, 2]],
    [2, cfg(5, 3, 1, 'valid'), [2, 3, 4]],
    [1, cfg(5, 3, 2, 0), [2, 3, 4]],
    [0, cfg(5, 3, 1, 1), [-1, 0, 1]],
    [4, cfg(5, 3, 1, 1), [3, 4, 5]],
    [0, cfg(7, 3, 1, 'valid', 2), [0, 2, 4]],
    [2, cfg(6, 3, 2, 'same'), [4, 5, 6]], // padBefore 0, 1 after: the last tap is padding
  ] as const)('output %i of %o reads %o', (o, c, expected) => {
    expect(tapIndices(o, c)).toEqual(expected);
  });

  it('lists k*k cells in kernel order and marks padding cells', () => {
    const cells = receptiveCells(0, 0, cfg(5, 3, 1, 1));
    expect(cells).toHaveLength(9);
    expect(cells[0]).toEqual({ row: -1, col: -1, kr: 0, kc: 0, inside: false });
    expect(cells[4]).toEqual({ row: 0, col: 0, kr: 1, kc: 1, inside: true });
    expect(cells.filter((c) => c.inside).map((c) => [c.row, c.col])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });
});

describe('usageCounts', () => {
  it('5x5 input, 3x3 kernel, valid: corner used once, edge middle 3 times, centre 9 times', () => {
    const u = usageCounts(cfg(5, 3, 1, 'valid'));
    expect([u[0][0], u[0][4], u[4][4], u[0][2], u[2][2]]).toEqual([1, 1, 1, 3, 9]);
  });

  it('with padding 1: corner used 4 times, edge middle 6, centre 9', () => {
    const u = usageCounts(cfg(5, 3, 1, 1));
    expect([u[0][0], u[4][0], u[0][2], u[2][2]]).toEqual([4, 4, 6, 9]);
  });

  it("'same' on 5x5 with a 3x3 kernel pads 1 each side, so it matches padding 1", () => {
    expect(usageCounts(cfg(5, 3, 1, 'same'))).toEqual(usageCounts(cfg(5, 3, 1, 1)));
  });

  it('stride 2, valid: rows read [1,1,2,1,1] times, so the centre is used 4 times', () => {
    expect(usageCounts(cfg(5, 3, 2, 'valid'))[2]).toEqual([2, 2, 4, 2, 2]);
  });

  it.each([cfg(5, 3, 1, 'valid'), cfg(6, 3, 2, 'same'), cfg(7, 3, 1, 2, 2), cfg(6, 2, 3, 1), cfg(5, 5, 1, 'same')])(
    'matches a brute-force count over every window of %o',
    (c) => {
      const brute = Array.from({ length: c.size }, () => new Array<number>(c.size).fill(0));
      const out = outputSize(c);
      for (let r = 0; r < out; r++) {
        for (let q = 0; q < out; q++) for (const cell of receptiveCells(r, q, c)) if (cell.inside) brute[cell.row][cell.col]++;
      }
      expect(usageCounts(c)).toEqual(brute);
    },
  );
});

describe('formulaText', () => {
  it.each([
    [cfg(5, 3, 1, 'valid'), 'floor((5 + 2*0 - 1*(3-1) - 1) / 1) + 1 = 3'],
    [cfg(7, 3, 2, 1, 1), 'floor((7 + 2*1 - 1*(3-1) - 1) / 2) + 1 = 4'],
    [cfg(7, 3, 1, 0, 2), 'floor((7 + 2*0 - 2*(3-1) - 1) / 1) + 1 = 3'],
    [cfg(6, 3, 2, 'same'), 'same: ceil(n / s) = ceil(6 / 2) = 3  (tfjs pads 0 before, 1 after)'],
  ] as const)('%o', (c, text) => {
    expect(formulaText(c)).toBe(text);
  });
});
