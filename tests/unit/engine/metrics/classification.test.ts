import { describe, expect, it } from 'vitest';
import { classificationReport, classMetrics } from '@/engine/metrics/classification';

// 3 classes, rows = true, columns = predicted; class 2 never occurs but is predicted once.
//          pred 0  1  2
const m3 = [
  [5, 1, 0], // true 0: support 6
  [2, 4, 1], // true 1: support 7
  [0, 0, 0], // true 2: support 0
];

// 7 classes (HAM10000's akiec, bcc, bkl, df, mel, nv, vasc); df (3) has no support; nv dominates.
const m7 = [
  [2, 0, 1, 0, 0, 1, 0],
  [0, 3, 0, 0, 0, 1, 0],
  [0, 0, 4, 0, 1, 1, 0],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 1, 0, 2, 3, 0],
  [0, 1, 1, 1, 2, 40, 0],
  [0, 0, 0, 0, 0, 1, 1],
];

describe('classMetrics', () => {
  it.each([
    // matrix, class -> hand-computed one-vs-rest values
    ['3x3', m3, 0, { tp: 5, fp: 2, fn: 1, tn: 5, support: 6, sensitivity: 5 / 6, specificity: 5 / 7, precision: 5 / 7, npv: 5 / 6, accuracy: 10 / 13, f1: 10 / 13 }],
    ['3x3', m3, 1, { tp: 4, fp: 1, fn: 3, tn: 5, support: 7, sensitivity: 4 / 7, specificity: 5 / 6, precision: 4 / 5, npv: 5 / 8, accuracy: 9 / 13, f1: 2 / 3 }],
    ['3x3', m3, 2, { tp: 0, fp: 1, fn: 0, tn: 12, support: 0, sensitivity: NaN, specificity: 12 / 13, precision: 0, npv: 1, accuracy: 12 / 13, f1: 0 }],
    ['7x7', m7, 3, { tp: 0, fp: 1, fn: 0, tn: 66, support: 0, sensitivity: NaN, specificity: 66 / 67, precision: 0, npv: 1, accuracy: 66 / 67, f1: 0 }],
    ['7x7', m7, 4, { tp: 2, fp: 3, fn: 4, tn: 58, support: 6, sensitivity: 1 / 3, specificity: 58 / 61, precision: 2 / 5, npv: 29 / 31, accuracy: 60 / 67, f1: 4 / 11 }],
    ['7x7', m7, 5, { tp: 40, fp: 7, fn: 5, tn: 15, support: 45, sensitivity: 8 / 9, specificity: 15 / 22, precision: 40 / 47, npv: 3 / 4, accuracy: 55 / 67, f1: 20 / 23 }],
  ])('%s class %i', (_name, m, k, want) => {
    const got = classMetrics(m, k);
    for (const [key, value] of Object.entries(want)) {
      const actual = got[key as keyof typeof got];
      if (Number.isNaN(value)) expect(actual, key).toBeNaN();
      else expect(actual, key).toBeCloseTo(value, 12);
    }
  });

  it('leaves every ratio undefined (NaN) for an empty matrix', () => {
    const got = classMetrics([[0, 0], [0, 0]], 0);
    expect([got.sensitivity, got.specificity, got.precision, got.npv, got.accuracy, got.f1].every(Number.isNaN)).toBe(true);
  });
});

describe('classificationReport', () => {
  it.each([
    // matrix -> total, accuracy, balanced accuracy (mean recall over supported classes), majority baseline
    ['3x3', m3, 13, 9 / 13, (5 / 6 + 4 / 7) / 2, { classIndex: 1, accuracy: 7 / 13, balancedAccuracy: 1 / 2 }],
    // recalls 2/4, 3/4, 4/6, -, 2/6, 40/45, 1/2 -> 131/36 over 6 classes
    ['7x7', m7, 67, 52 / 67, 131 / 216, { classIndex: 5, accuracy: 45 / 67, balancedAccuracy: 1 / 6 }],
  ])('%s', (_name, m, total, accuracy, balanced, baseline) => {
    const r = classificationReport(m);
    expect(r.total).toBe(total);
    expect(r.accuracy).toBeCloseTo(accuracy, 12);
    expect(r.balancedAccuracy).toBeCloseTo(balanced, 12);
    expect(r.baseline.classIndex).toBe(baseline.classIndex);
    expect(r.baseline.accuracy).toBeCloseTo(baseline.accuracy, 12);
    expect(r.baseline.balancedAccuracy).toBeCloseTo(baseline.balancedAccuracy, 12);
    expect(r.perClass).toHaveLength(m.length);
  });

  it('shows a model that always predicts the majority class for what it is', () => {
    // 90 nv, 10 mel, everything predicted nv: accuracy 0.9 equals the baseline; balanced accuracy 0.5.
    const r = classificationReport([
      [0, 10],
      [0, 90],
    ]);
    expect(r.accuracy).toBeCloseTo(r.baseline.accuracy, 12);
    expect(r.balancedAccuracy).toBeCloseTo(0.5, 12);
    expect(r.perClass[0].precision).toBeNaN();
  });

  it('has no majority class for an empty matrix', () => {
    const r = classificationReport([[0, 0], [0, 0]]);
    expect(r.baseline.classIndex).toBe(-1);
    expect([r.accuracy, r.balancedAccuracy, r.baseline.accuracy, r.baseline.balancedAccuracy].every(Number.isNaN)).toBe(true);
  });
});
