/**
 * The metrics table as data: per-class columns with their formulas, formatted rows, and the overall figures
 * (accuracy, balanced accuracy, majority baseline) shown above the table. Pure, tested without a browser.
 */
import type { ClassificationReport, ClassMetrics } from '@/engine/metrics';
import { formatPercent, formatPercentNumber, formatRatio, UNDEFINED_TEXT } from './format';

/** A per-class metric column. */
export interface MetricColumn {
  key: 'sensitivity' | 'specificity' | 'precision' | 'npv' | 'accuracy' | 'f1';
  label: string;
  /** Header text (the full label and formula show on hover). */
  short: string;
  /** The formula in TP/FP/FN/TN terms, shown on hover. */
  formula: string;
  /** What it answers, in one plain sentence. */
  meaning: string;
}

/** The columns in table order (DESIGN.md section 6). */
export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { key: 'sensitivity', short: 'Sens.', label: 'Sensitivity', formula: 'TP / (TP + FN)', meaning: 'Of the images truly of this class, the share the model found (recall).' },
  { key: 'specificity', short: 'Spec.', label: 'Specificity', formula: 'TN / (TN + FP)', meaning: 'Of the images of other classes, the share the model did not call this class.' },
  { key: 'precision', short: 'Prec.', label: 'Precision', formula: 'TP / (TP + FP)', meaning: 'When the model says this class, how often it is right (positive predictive value).' },
  { key: 'npv', short: 'NPV', label: 'NPV', formula: 'TN / (TN + FN)', meaning: 'When the model says "not this class", how often it is right (negative predictive value).' },
  { key: 'accuracy', short: 'Acc.', label: 'Accuracy', formula: '(TP + TN) / all', meaning: 'Share of all images this one-vs-rest decision gets right; high for rare classes even when they are never found.' },
  { key: 'f1', short: 'F1', label: 'F1', formula: '2 TP / (2 TP + FP + FN)', meaning: 'Harmonic mean of precision and sensitivity.' },
];

/** The support column's explanation. */
export const SUPPORT_COLUMN = { key: 'support', label: 'Support', short: 'Support', formula: 'TP + FN', meaning: 'Images truly of this class in the evaluated split.' } as const;

/** Hover text of a column header: formula and meaning. */
export function columnTitle(c: Pick<MetricColumn, 'label' | 'formula' | 'meaning'>): string {
  return `${c.label} = ${c.formula}. ${c.meaning}`;
}

export interface MetricsRow {
  classIndex: number;
  name: string;
  /** Values in METRIC_COLUMNS order, in % without the sign (the table header says %), "-" where undefined. */
  cells: string[];
  support: number;
  /** No image of this class in the split: its sensitivity, NPV and F1 are undefined. */
  noSupport: boolean;
  counts: Pick<ClassMetrics, 'tp' | 'fp' | 'fn' | 'tn'>;
}

export interface OverallView {
  total: number;
  accuracy: string;
  balancedAccuracy: string;
  baselineAccuracy: string;
  baselineBalancedAccuracy: string;
  /** The majority class name, or "-" for an empty split. */
  baselineClass: string;
  /** Plain-language warning when the model is not better than always answering the majority class. */
  warning: string | null;
}

/** Formatted per-class rows of a report, in class order. */
export function metricsRows(report: ClassificationReport, classNames: readonly string[]): MetricsRow[] {
  return report.perClass.map((c, k) => ({
    classIndex: k,
    name: classNames[k] ?? String(k),
    cells: METRIC_COLUMNS.map((col) => formatPercentNumber(c[col.key])),
    support: c.support,
    noSupport: c.support === 0,
    counts: { tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn },
  }));
}

/** The overall figures and the baseline comparison shown above the table. */
export function overallView(report: ClassificationReport, classNames: readonly string[]): OverallView {
  const b = report.baseline;
  const baselineClass = b.classIndex >= 0 ? (classNames[b.classIndex] ?? String(b.classIndex)) : UNDEFINED_TEXT;
  let warning: string | null = null;
  if (report.total > 0 && Number.isFinite(report.accuracy) && Number.isFinite(b.accuracy) && report.accuracy <= b.accuracy + 1e-9) {
    warning =
      `Accuracy ${formatPercent(report.accuracy)} is no better than always answering "${baselineClass}" ` +
      `(${formatPercent(b.accuracy)}). Look at balanced accuracy and each class's sensitivity.`;
  }
  return {
    total: report.total,
    accuracy: formatPercent(report.accuracy),
    balancedAccuracy: formatPercent(report.balancedAccuracy),
    baselineAccuracy: formatPercent(b.accuracy),
    baselineBalancedAccuracy: formatPercent(b.balancedAccuracy),
    baselineClass,
    warning,
  };
}

/** One class's numbers for the confusion matrix's side note: counts and the four ratios as text. */
export function classSummary(report: ClassificationReport, k: number, classNames: readonly string[]): { name: string; lines: [string, string][] } {
  const c = report.perClass[k];
  const name = classNames[k] ?? String(k);
  return {
    name,
    lines: [
      ['TP', String(c.tp)],
      ['FP', String(c.fp)],
      ['FN', String(c.fn)],
      ['TN', String(c.tn)],
      ['Sensitivity', formatPercent(c.sensitivity)],
      ['Specificity', formatPercent(c.specificity)],
      ['Precision', formatPercent(c.precision)],
      ['NPV', formatPercent(c.npv)],
      ['F1', formatRatio(c.f1)],
    ],
  };
}
