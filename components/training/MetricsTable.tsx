'use client';

import type { ClassificationReport } from '@/engine/metrics';
import { columnTitle, METRIC_COLUMNS, metricsRows, overallView, SUPPORT_COLUMN } from './metricsView';

/** A header cell whose formula shows on hover and keyboard focus (a visible tooltip, plus the title attribute). */
export function FormulaHeader({ id, label, short, formula, meaning, align = 'right', tip = 'right' }: { id: string; label: string; short: string; formula: string; meaning: string; align?: 'left' | 'right'; tip?: 'left' | 'right' }) {
  return (
    <th
      scope="col"
      tabIndex={0}
      title={columnTitle({ label, formula, meaning })}
      className={`group relative cursor-help px-1.5 py-1 font-medium text-slate-600 underline decoration-dotted decoration-slate-300 underline-offset-2 focus:outline-none ${align === 'right' ? 'text-right' : 'text-left'}`}
      data-testid={`metric-header-${id}`}
    >
      {short}
      <span
        role="tooltip"
        className={`pointer-events-none absolute top-full ${tip === 'left' ? 'left-0' : 'right-0'} z-20 mt-1 hidden w-56 rounded-md bg-slate-900 px-2 py-1.5 text-left text-[11px] leading-snug font-normal text-white no-underline shadow-lg group-hover:block group-focus:block`}
      >
        <span className="block font-mono text-indigo-200">
          {label} = {formula}
        </span>
        {meaning}
      </span>
    </th>
  );
}

/** One overall figure, compact. */
function Figure({ label, value, hint, testId, tone = 'plain' }: { label: string; value: string; hint: string; testId: string; tone?: 'plain' | 'muted' }) {
  return (
    <div className={`flex items-baseline gap-1.5 rounded-md border px-2 py-0.5 ${tone === 'muted' ? 'border-dashed border-slate-300 bg-slate-50' : 'border-slate-200 bg-white'}`} title={hint}>
      <span className="text-[10px] font-medium whitespace-nowrap text-slate-500">{label}</span>
      <span className="font-mono text-sm font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

export interface MetricsTableProps {
  report: ClassificationReport;
  classNames: readonly string[];
  /** Highlighted class (the confusion matrix's selection), or null. */
  selectedClass?: number | null;
  onSelectClass?: (k: number | null) => void;
}

/**
 * Overall accuracy, balanced accuracy and the majority baseline up front, then per class: sensitivity,
 * specificity, precision, NPV, accuracy, F1 and support. Undefined ratios show "-" (a class with no images
 * has no sensitivity). Column headers explain their formulas on hover.
 */
export function MetricsTable({ report, classNames, selectedClass = null, onSelectClass }: MetricsTableProps) {
  const rows = metricsRows(report, classNames);
  const overall = overallView(report, classNames);
  return (
    <div className="min-w-0" data-testid="metrics-table">
      <div className="mb-2 flex flex-wrap gap-1.5">
        <Figure label="Accuracy" value={overall.accuracy} hint="Share of all images classified correctly." testId="overall-accuracy" />
        <Figure
          label="Balanced accuracy"
          value={overall.balancedAccuracy}
          hint="Mean sensitivity over the classes present: every class counts the same, however rare."
          testId="overall-balanced-accuracy"
        />
        <Figure
          label={`Baseline (always "${overall.baselineClass}")`}
          value={overall.baselineAccuracy}
          hint={`A model that always answers the most frequent class scores this accuracy, and a balanced accuracy of ${overall.baselineBalancedAccuracy}.`}
          testId="baseline-accuracy"
          tone="muted"
        />
        <Figure label="its balanced acc." value={overall.baselineBalancedAccuracy} hint="1 / number of classes present: the baseline finds one class and misses the others." testId="baseline-balanced-accuracy" tone="muted" />
      </div>
      {overall.warning && (
        <p className="mb-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200" data-testid="baseline-warning">
          {overall.warning}
        </p>
      )}
      <table className="w-full border-collapse text-xs">
        <thead className="border-b border-slate-200">
          <tr>
            <th scope="col" className="px-1.5 py-1 text-left font-medium text-slate-600">
              Class <span className="font-normal text-slate-500">(%)</span>
            </th>
            {METRIC_COLUMNS.map((c, i) => (
              // The first columns open their tooltip rightwards, so it is not cut off by the panel's left edge.
              <FormulaHeader key={c.key} id={c.key} label={c.label} short={c.short} formula={c.formula} meaning={c.meaning} tip={i < 3 ? 'left' : 'right'} />
            ))}
            <FormulaHeader id={SUPPORT_COLUMN.key} label={SUPPORT_COLUMN.label} short={SUPPORT_COLUMN.short} formula={SUPPORT_COLUMN.formula} meaning={SUPPORT_COLUMN.meaning} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.classIndex}
              onClick={() => onSelectClass?.(selectedClass === row.classIndex ? null : row.classIndex)}
              className={`cursor-pointer border-b border-slate-100 ${selectedClass === row.classIndex ? 'bg-indigo-50' : 'hover:bg-slate-50'} ${row.noSupport ? 'text-slate-500' : 'text-slate-800'}`}
              title={row.noSupport ? `No ${row.name} image in this split: its sensitivity, NPV and F1 are undefined ("-").` : `TP ${row.counts.tp}, FP ${row.counts.fp}, FN ${row.counts.fn}, TN ${row.counts.tn}`}
              data-testid="metrics-row"
              data-class={row.name}
            >
              <th scope="row" className="px-1.5 py-0.5 text-left font-mono font-medium">
                {row.name}
              </th>
              {row.cells.map((text, i) => (
                <td key={METRIC_COLUMNS[i].key} className="px-1.5 py-0.5 text-right font-mono tabular-nums" data-metric={METRIC_COLUMNS[i].key}>
                  {text}
                </td>
              ))}
              <td className="px-1.5 py-0.5 text-right font-mono tabular-nums" data-metric="support">
                {row.support}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-[11px] text-slate-500">
        {overall.total} images; ratios in %. &quot;-&quot; marks a ratio that is undefined (nothing to divide by), e.g. the sensitivity of a class with no images. Hover a column for its formula.
      </p>
    </div>
  );
}
