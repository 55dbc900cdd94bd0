import { describe, expect, it } from 'vitest';
import { cellColour, cellRole, matrixView, relativeLuminance } from '@/components/training/confusionView';
import { DEFAULT_MATRIX_OPTIONS, type MatrixViewOptions } from '@/components/store/training/types';
import { CASE3, CASE7 } from './cases';

const opts = (patch: Partial<MatrixViewOptions> = {}): MatrixViewOptions => ({ ...DEFAULT_MATRIX_OPTIONS, ...patch });

describe('matrixView orientation', () => {
  it('draws rows = predicted, columns = true by default (the teaching material)', () => {
    const v = matrixView(CASE3.m, CASE3.names, opts());
    expect([v.rowAxis, v.colAxis]).toEqual(['predicted', 'true']);
    // cell [row 0][col 1]: predicted a, truly b = m[1][0] = 2
    expect(v.cells[0][1]).toMatchObject({ predictedClass: 0, trueClass: 1, count: 2, text: '2' });
    // rows sum the predictions: predicted a 7+2, b 1+3, c 1; columns the truth: 8, 6, 0
    expect(v.rowTotals).toEqual([9, 4, 1]);
    expect(v.colTotals).toEqual([8, 6, 0]);
    expect(v.total).toBe(14);
  });

  it('transposes to rows = true (scikit-learn)', () => {
    const v = matrixView(CASE3.m, CASE3.names, opts({ orientation: 'rows-true' }));
    expect([v.rowAxis, v.colAxis]).toEqual(['true', 'predicted']);
    expect(v.cells.map((row) => row.map((c) => c.count))).toEqual(CASE3.m);
    expect(v.rowTotals).toEqual([8, 6, 0]);
  });

  it('keeps 7x7 counts whole: 49 cells summing to 52 images', () => {
    const v = matrixView(CASE7.m, CASE7.names, opts());
    const counts = v.cells.flat().map((c) => c.count);
    expect(counts).toHaveLength(49);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(52);
    expect(v.labels).toEqual(CASE7.names);
    // predicted df (row 3), truly nv (column 5): the one nv image called df
    expect(v.cells[3][5]).toMatchObject({ count: 1, title: '1 image of class nv predicted as df' });
  });
});

describe('matrixView normalisation', () => {
  // Columns are the true classes by default: a column-normalised diagonal is sensitivity.
  it.each([
    // [normalisation, row, col, text]: 3x3 case, rows predicted
    ['columns', 0, 0, '87.5%'], // 7 of the 8 true a
    ['columns', 1, 1, '50.0%'], // 3 of the 6 true b
    ['columns', 2, 2, '-'], // no true c: undefined, not NaN
    ['rows', 0, 0, '77.8%'], // 7 of the 9 predicted a: precision of a
    ['rows', 2, 1, '100.0%'], // the one predicted c was truly b
  ] as const)('%s: cell [%i][%i] shows %s', (normalisation, r, c, text) => {
    const v = matrixView(CASE3.m, CASE3.names, opts({ normalisation }));
    expect(v.cells[r][c].text).toBe(text);
  });

  it('says what the diagonal means for each view', () => {
    expect(matrixView(CASE3.m, CASE3.names, opts({ normalisation: 'columns' })).normalisationNote).toMatch(/sensitivity/);
    expect(matrixView(CASE3.m, CASE3.names, opts({ normalisation: 'rows' })).normalisationNote).toMatch(/precision/);
    expect(matrixView(CASE3.m, CASE3.names, opts({ normalisation: 'rows', orientation: 'rows-true' })).normalisationNote).toMatch(/sensitivity/);
  });

  it('scales colour by the largest count, or by the fraction itself', () => {
    const counts = matrixView(CASE3.m, CASE3.names, opts());
    expect(counts.cells[0][0].intensity).toBe(1); // 7 is the largest count
    expect(counts.cells[0][1].intensity).toBeCloseTo(2 / 7);
    const cols = matrixView(CASE3.m, CASE3.names, opts({ normalisation: 'columns' }));
    expect(cols.cells[0][0].intensity).toBeCloseTo(0.875);
    expect(cols.cells[2][2].intensity).toBe(0);
  });
});

describe('class highlight', () => {
  it.each([
    // [true, predicted, k, role]
    [1, 1, 1, 'tp'],
    [0, 1, 1, 'fp'],
    [1, 0, 1, 'fn'],
    [0, 2, 1, 'tn'],
    [2, 0, 1, 'tn'],
  ] as const)('cell (true %i, predicted %i) is %s for class %i', (t, p, k, role) => {
    expect(cellRole(t, p, k)).toBe(role);
  });

  it('marks 1 TP, n-1 FP, n-1 FN and (n-1)^2 TN cells, at the right places (class B of 3)', () => {
    const v = matrixView(CASE3.m, CASE3.names, opts({ selectedClass: 1 }));
    const roles = v.cells.map((row) => row.map((c) => c.role));
    // rows predicted a, b, c; columns true a, b, c
    expect(roles).toEqual([
      ['tn', 'fn', 'tn'],
      ['fp', 'tp', 'fp'],
      ['tn', 'fn', 'tn'],
    ]);
    const sum = (role: string) => v.cells.flat().filter((c) => c.role === role).reduce((s, c) => s + c.count, 0);
    // class b: TP 3, FP 1, FN 3, TN 7
    expect([sum('tp'), sum('fp'), sum('fn'), sum('tn')]).toEqual([3, 1, 3, 7]);
  });

  it('counts roles of mel in the 7x7 case: TP 6, FP 4, FN 3, TN 39', () => {
    const v = matrixView(CASE7.m, CASE7.names, opts({ selectedClass: 4, orientation: 'rows-true' }));
    const cells = v.cells.flat();
    const tally = (role: string) => cells.filter((c) => c.role === role);
    expect(tally('tp')).toHaveLength(1);
    expect(tally('fp')).toHaveLength(6);
    expect(tally('fn')).toHaveLength(6);
    expect(tally('tn')).toHaveLength(36);
    expect(['tp', 'fp', 'fn', 'tn'].map((r) => tally(r).reduce((s, c) => s + c.count, 0))).toEqual([6, 4, 3, 39]);
  });

  it('has no roles without a selected class, and marks the selected cell', () => {
    const v = matrixView(CASE3.m, CASE3.names, opts({ selectedCell: { trueClass: 1, predictedClass: 0 } }));
    expect(v.cells.flat().every((c) => c.role === null)).toBe(true);
    expect(v.cells.flat().filter((c) => c.selected).map((c) => [c.trueClass, c.predictedClass])).toEqual([[1, 0]]);
  });
});

describe('cellColour', () => {
  it.each([
    [0, 'rgb(255, 255, 255)', false],
    [1, 'rgb(67, 56, 202)', true],
    [0.5, 'rgb(161, 156, 229)', false], // 255 + (67-255)/2 = 161, 255 - 199/2 = 155.5 -> 156, 255 - 53/2 = 228.5 -> 229
    [Number.NaN, 'rgb(255, 255, 255)', false],
  ])('intensity %f -> %s', (t, background, lightText) => {
    expect(cellColour(t)).toEqual({ background, lightText });
  });

  it('computes WCAG relative luminance: white 1, black 0, and rgb(121, 113, 217) by hand', () => {
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    // ((121/255 + 0.055) / 1.055)^2.4 = 0.1912, (113: 0.1651), (217: 0.6939): 0.2126 a + 0.7152 b + 0.0722 c.
    expect(relativeLuminance([121, 113, 217])).toBeCloseTo(0.2126 * 0.1912 + 0.7152 * 0.1651 + 0.0722 * 0.6939, 3);
  });

  it('keeps the text at 4.5:1 or more on every shade of the scale (white text, else black)', () => {
    const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    let worst = Infinity;
    for (let i = 0; i <= 1000; i++) {
      const { background, lightText } = cellColour(i / 1000);
      const rgb = background.match(/\d+/g)!.map(Number) as [number, number, number];
      worst = Math.min(worst, contrast(relativeLuminance(rgb), lightText ? 1 : 0));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
    // The shade axe flagged in CI with white text at 4.05:1, rgb(121, 113, 217), now has black.
    expect(cellColour((255 - 121) / 188).lightText).toBe(false);
  });
});
