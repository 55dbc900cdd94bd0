/**
 * Metrics export as CSV and JSON text (pure; the download itself is in download.ts). Undefined ratios are
 * empty CSV fields and JSON nulls, never "NaN" (which spreadsheets and JSON parsers do not agree on).
 */
import { classificationReport, type ClassificationReport } from '@/engine/metrics';
import { METRIC_COLUMNS } from './metricsView';
import { finite, type PassSummary, type RunRecord } from '../store/training/runs';

/** One CSV field: quoted when it holds a comma, quote or line break; null/NaN -> empty. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 says). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Per-epoch figures of a run: epoch, losses, accuracy, balanced accuracy, baseline, mean Dice, img/s, seconds. */
export function epochsCsv(run: RunRecord): string {
  const header = ['epoch', 'train_loss', 'val_loss', 'val_accuracy', 'val_balanced_accuracy', 'val_majority_baseline', 'val_mean_dice', 'train_accuracy', 'images_per_second', 'seconds'];
  return toCsv([
    header,
    ...run.epochs.map((e) => [e.epoch, e.trainLoss, e.valLoss, e.accuracy, e.balancedAccuracy, e.baselineAccuracy, e.meanDice, e.trainAccuracy, e.imagesPerSecond, e.seconds]),
  ]);
}

/**
 * Per-class figures of one pass (validation or test): for classification TP/FP/FN/TN, the six ratios and
 * support, then overall accuracy, balanced accuracy and majority baseline; for segmentation Dice per class.
 */
export function passCsv(pass: PassSummary, classNames: readonly string[]): string {
  const name = (k: number) => classNames[k] ?? String(k);
  if (pass.metrics.kind === 'segmentation') {
    const m = pass.metrics;
    return toCsv([
      ['class', 'dice', 'images_counted'],
      ...m.dicePerClass.map((d, k) => [name(k), d, m.counted[k] ?? null]),
      ['mean (foreground)', m.meanDice, null],
      ['pixel accuracy', m.pixelAccuracy, null],
    ]);
  }
  const r = classificationReport(pass.metrics.confusion);
  return toCsv([
    ['class', 'tp', 'fp', 'fn', 'tn', ...METRIC_COLUMNS.map((c) => c.key), 'support'],
    ...r.perClass.map((c, k) => [name(k), c.tp, c.fp, c.fn, c.tn, ...METRIC_COLUMNS.map((col) => c[col.key]), c.support]),
    [],
    ['overall accuracy', r.accuracy],
    ['balanced accuracy', r.balancedAccuracy],
    [`majority baseline (always ${name(r.baseline.classIndex)})`, r.baseline.accuracy],
    ['images', r.total],
  ]);
}

/** A report with NaN as null, for JSON. */
function reportJson(r: ClassificationReport) {
  return {
    total: r.total,
    accuracy: finite(r.accuracy),
    balancedAccuracy: finite(r.balancedAccuracy),
    baseline: { classIndex: r.baseline.classIndex, accuracy: finite(r.baseline.accuracy), balancedAccuracy: finite(r.baseline.balancedAccuracy) },
    perClass: r.perClass.map((c) => ({ ...c, sensitivity: finite(c.sensitivity), specificity: finite(c.specificity), precision: finite(c.precision), npv: finite(c.npv), accuracy: finite(c.accuracy), f1: finite(c.f1) })),
  };
}

function passJson(p: PassSummary | null) {
  if (!p) return null;
  if (p.metrics.kind === 'segmentation') return { loss: p.loss, images: p.images, ...p.metrics };
  return { loss: p.loss, images: p.images, kind: 'classification', confusionRowsTrue: p.metrics.confusion, report: reportJson(classificationReport(p.metrics.confusion)) };
}

/** Everything about a run as pretty JSON: settings, curves, validation and test metrics (confusion rows = true). */
export function runJson(run: RunRecord): string {
  return JSON.stringify(
    {
      format: 'convas-training-run',
      version: 1,
      name: run.name,
      number: run.number,
      startedAt: new Date(run.startedAt).toISOString(),
      status: run.status,
      task: run.taskId,
      kind: run.kind,
      classNames: run.classNames,
      backend: run.backend,
      params: run.params,
      splits: run.splits,
      settings: run.settings,
      graph: run.doc.name ?? null,
      epochs: run.epochs,
      validation: passJson(run.validation),
      test: passJson(run.test),
      error: run.error,
      seconds: run.seconds,
    },
    null,
    2,
  );
}

/** A file name part from a run: "run-3-lr-0.001-0.01". */
export function runFileStem(run: Pick<RunRecord, 'number' | 'name'>): string {
  const slug = run.name
    .toLowerCase()
    .replace(/->/g, '-')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `run-${run.number}${slug ? `-${slug}` : ''}`;
}

/**
 * One CSV file for a run: its per-epoch figures, then the last validation pass and the test pass per class,
 * each section headed by a `# title` line and separated by a blank line.
 */
export function runCsv(run: RunRecord): string {
  const parts = [`# ${run.name} (run ${run.number}, ${run.taskId}, ${run.status})\r\n`, '# epochs\r\n', epochsCsv(run)];
  if (run.validation) parts.push('\r\n# validation (last epoch)\r\n', passCsv(run.validation, run.classNames));
  if (run.test) parts.push('\r\n# test (evaluated once, after training)\r\n', passCsv(run.test, run.classNames));
  return parts.join('');
}
