/**
 * Per-class and overall classification metrics from a confusion matrix (DESIGN.md section 6).
 * Undefined ratios (a class never predicted has no precision) are NaN; the UI shows "-".
 */
import type { ConfusionMatrix } from './confusion';
import { nanMean, ratio } from './ratio';

/** One class against the rest. */
export interface ClassMetrics {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Images whose true class this is: TP + FN. */
  support: number;
  /** Recall: TP / (TP + FN). */
  sensitivity: number;
  /** TN / (TN + FP). */
  specificity: number;
  /** Positive predictive value: TP / (TP + FP). */
  precision: number;
  /** Negative predictive value: TN / (TN + FN). */
  npv: number;
  /** (TP + TN) / all. */
  accuracy: number;
  /** 2 TP / (2 TP + FP + FN), the harmonic mean of precision and sensitivity. */
  f1: number;
}

/** What always predicting the most frequent true class would score. */
export interface MajorityBaseline {
  /** The majority class (lowest index on ties); -1 for an empty matrix. */
  classIndex: number;
  accuracy: number;
  /** 1 / (classes with support): its recall is 1, every other class's 0. */
  balancedAccuracy: number;
}

export interface ClassificationReport {
  perClass: ClassMetrics[];
  /** Number of images counted. */
  total: number;
  accuracy: number;
  /** Mean sensitivity over the classes with support (classes absent from the data are left out). */
  balancedAccuracy: number;
  baseline: MajorityBaseline;
}

/** One-vs-rest counts and ratios of class `k` in `m` (rows = true, columns = predicted). */
export function classMetrics(m: ConfusionMatrix, k: number): ClassMetrics {
  let total = 0;
  let rowSum = 0;
  let colSum = 0;
  for (let i = 0; i < m.length; i++) {
    for (let j = 0; j < m.length; j++) {
      total += m[i][j];
      if (i === k) rowSum += m[i][j];
      if (j === k) colSum += m[i][j];
    }
  }
  const tp = m[k][k];
  const fn = rowSum - tp;
  const fp = colSum - tp;
  const tn = total - tp - fn - fp;
  return {
    tp,
    fp,
    fn,
    tn,
    support: tp + fn,
    sensitivity: ratio(tp, tp + fn),
    specificity: ratio(tn, tn + fp),
    precision: ratio(tp, tp + fp),
    npv: ratio(tn, tn + fn),
    accuracy: ratio(tp + tn, total),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

/**
 * Everything the metrics panel shows for a classification task.
 * @example classificationReport([[5, 1], [2, 2]]).balancedAccuracy // (5/6 + 2/4) / 2
 */
export function classificationReport(m: ConfusionMatrix): ClassificationReport {
  const perClass = m.map((_, k) => classMetrics(m, k));
  const total = perClass.reduce((s, c) => s + c.support, 0);
  const diag = perClass.reduce((s, c) => s + c.tp, 0);
  const supported = perClass.filter((c) => c.support > 0);
  let majority = -1;
  perClass.forEach((c, k) => {
    if (c.support > 0 && (majority < 0 || c.support > perClass[majority].support)) majority = k;
  });
  return {
    perClass,
    total,
    accuracy: ratio(diag, total),
    balancedAccuracy: nanMean(supported.map((c) => c.sensitivity)),
    baseline: {
      classIndex: majority,
      accuracy: majority < 0 ? NaN : ratio(perClass[majority].support, total),
      balancedAccuracy: ratio(1, supported.length),
    },
  };
}
