import { describe, expect, it } from 'vitest';
import { classificationReport } from '@/engine/metrics';
import { classSummary, columnTitle, METRIC_COLUMNS, metricsRows, overallView } from '@/components/training/metricsView';
import { CASE3, CASE7 } from './cases';

const rowOf = (m: number[][], names: string[], name: string) => metricsRows(classificationReport(m), names).find((r) => r.name === name);

describe('metricsRows', () => {
  // Columns: sensitivity, specificity, precision, NPV, accuracy, F1 (hand values in cases.ts)
  it.each([
    ['a', ['87.5', '66.7', '77.8', '80.0', '78.6', '82.4'], 8],
    ['b', ['50.0', '87.5', '75.0', '70.0', '71.4', '60.0'], 6],
    ['c', ['-', '92.9', '0.0', '100.0', '92.9', '0.0'], 0],
  ])('3x3 class %s', (name, cells, support) => {
    expect(rowOf(CASE3.m, CASE3.names, name)).toMatchObject({ cells, support, noSupport: support === 0 });
  });

  it.each([
    ['mel', ['66.7', '90.7', '60.0', '92.9', '86.5', '63.2'], 9],
    ['nv', ['80.0', '77.8', '76.9', '80.8', '78.8', '78.4'], 25],
    ['df', ['-', '98.1', '0.0', '100.0', '98.1', '0.0'], 0],
  ])('7x7 class %s', (name, cells, support) => {
    expect(rowOf(CASE7.m, CASE7.names, name)).toMatchObject({ cells, support });
  });

  it('never prints NaN', () => {
    const empty = [
      [0, 0],
      [0, 0],
    ];
    const rows = metricsRows(classificationReport(empty), ['x', 'y']);
    expect(rows.flatMap((r) => r.cells).every((t) => t === '-')).toBe(true);
  });
});

describe('overallView', () => {
  it.each([
    [CASE3, { total: 14, accuracy: '71.4%', balancedAccuracy: '68.8%', baselineClass: 'a', baselineAccuracy: '57.1%', baselineBalancedAccuracy: '50.0%', warning: null }],
    [CASE7, { total: 52, accuracy: '76.9%', balancedAccuracy: '76.6%', baselineClass: 'nv', baselineAccuracy: '48.1%', baselineBalancedAccuracy: '16.7%', warning: null }],
  ])('figures of the hand-checked cases', (c, expected) => {
    expect(overallView(classificationReport(c.m), c.names)).toEqual(expected);
  });

  it('warns when the model only matches the majority baseline (always "nv")', () => {
    // 3 classes, the model answers nv for all 10 images: 7 of them nv.
    const m = [
      [0, 0, 2],
      [0, 0, 1],
      [0, 0, 7],
    ];
    const v = overallView(classificationReport(m), ['mel', 'bcc', 'nv']);
    expect(v.accuracy).toBe('70.0%');
    expect(v.balancedAccuracy).toBe('33.3%');
    expect(v.warning).toMatch(/no better than always answering "nv" \(70.0%\)/);
  });
});

describe('column help', () => {
  it('states the formula of each column', () => {
    expect(METRIC_COLUMNS.map((c) => c.formula)).toEqual([
      'TP / (TP + FN)',
      'TN / (TN + FP)',
      'TP / (TP + FP)',
      'TN / (TN + FN)',
      '(TP + TN) / all',
      '2 TP / (2 TP + FP + FN)',
    ]);
    expect(columnTitle(METRIC_COLUMNS[0])).toMatch(/^Sensitivity = TP \/ \(TP \+ FN\)\. Of the images/);
  });
});

describe('classSummary', () => {
  it('lists the counts and ratios of class b', () => {
    const s = classSummary(classificationReport(CASE3.m), 1, CASE3.names);
    expect(s.name).toBe('b');
    expect(Object.fromEntries(s.lines)).toEqual({
      TP: '3',
      FP: '1',
      FN: '3',
      TN: '7',
      Sensitivity: '50.0%',
      Specificity: '87.5%',
      Precision: '75.0%',
      NPV: '70.0%',
      F1: '0.60',
    });
  });
});
