'use client';

import type { ConfusionMatrix as Counts, ClassificationReport } from '@/engine/metrics';
import { cellColour, matrixView, ROLE_INFO, type CellRole } from './confusionView';
import type { CellRef, MatrixNormalisation, MatrixViewOptions } from '../store/training/types';
import { classSummary } from './metricsView';

/**
 * Role colours of highlighted cells (the teaching material colours the four regions of the selected class):
 * a pastel fill that replaces the count scale, an edge, and the badge.
 */
export const ROLE_STYLE: Record<CellRole, { fill: string; ring: string; badge: string }> = {
  tp: { fill: '#bbf7d0', ring: '#059669', badge: 'bg-emerald-600 text-white' },
  fp: { fill: '#fde68a', ring: '#d97706', badge: 'bg-amber-500 text-white' },
  fn: { fill: '#fecdd3', ring: '#e11d48', badge: 'bg-rose-600 text-white' },
  tn: { fill: '#e0f2fe', ring: '#7dd3fc', badge: 'bg-sky-600 text-white' },
};

const NORMALISATIONS: { key: MatrixNormalisation; label: string }[] = [
  { key: 'counts', label: 'Counts' },
  { key: 'rows', label: 'Row %' },
  { key: 'columns', label: 'Column %' },
];

export interface ConfusionMatrixProps {
  /** Counts `matrix[true][predicted]` (the engine's orientation). */
  matrix: Counts;
  classNames: readonly string[];
  /** The report of the same matrix, for the selected class's numbers. */
  report?: ClassificationReport;
  options: MatrixViewOptions;
  onOptionsChange?: (patch: Partial<MatrixViewOptions>) => void;
  /** Which split the counts come from, e.g. "Validation, epoch 3". */
  caption?: string;
  /** Test id of the whole matrix (default "confusion-matrix"; the test split's uses another). */
  testId?: string;
}

/**
 * The confusion matrix: class names on both axes, axes labelled "predicted" and "true" (rows predicted by
 * default), counts or row/column percentages on a white-to-indigo scale. Clicking a class name highlights
 * its TP, FP, FN and TN cells and lists its numbers; clicking a cell selects it for the predictions gallery.
 */
export function ConfusionMatrix({ matrix, classNames, report, options, onOptionsChange, caption, testId = 'confusion-matrix' }: ConfusionMatrixProps) {
  const view = matrixView(matrix, classNames, options);
  const set = (patch: Partial<MatrixViewOptions>) => onOptionsChange?.(patch);
  const selected = options.selectedClass;
  const toggleClass = (k: number) => set({ selectedClass: selected === k ? null : k });
  const toggleCell = (ref: CellRef) => {
    const same = options.selectedCell?.trueClass === ref.trueClass && options.selectedCell?.predictedClass === ref.predictedClass;
    set({ selectedCell: same ? null : ref });
  };
  const big = view.labels.length > 5;
  const cellSize = big ? 'h-7 w-10 text-xs' : 'h-10 w-14 text-sm';
  const summary = report && selected !== null && selected < report.perClass.length ? classSummary(report, selected, classNames) : null;

  const classButton = (k: number, where: 'row' | 'col') => (
    <button
      type="button"
      onClick={() => toggleClass(k)}
      className={`max-w-16 truncate rounded px-0.5 py-0.5 font-mono text-[11px] hover:bg-indigo-50 ${selected === k ? 'bg-indigo-100 font-semibold text-indigo-800' : 'text-slate-700'}`}
      title={`Highlight the TP, FP, FN and TN cells of ${view.labels[k]}`}
      aria-pressed={selected === k}
      data-testid={`cm-class-${where}-${k}`}
    >
      {view.labels[k]}
    </button>
  );

  return (
    <div className="flex flex-wrap items-start gap-4" data-testid={testId} data-orientation={options.orientation} data-total={view.total}>
      <figure className="m-0">
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <div className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300" role="group" aria-label="Matrix values">
            {NORMALISATIONS.map((n) => (
              <button
                key={n.key}
                type="button"
                onClick={() => set({ normalisation: n.key })}
                aria-pressed={options.normalisation === n.key}
                className={`px-2 py-0.5 text-xs ${options.normalisation === n.key ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
                data-testid={`cm-norm-${n.key}`}
              >
                {n.label}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="btn px-2 py-0.5 text-xs"
            onClick={() => set({ orientation: options.orientation === 'rows-predicted' ? 'rows-true' : 'rows-predicted' })}
            title="Swap rows and columns (scikit-learn draws rows = true)"
            data-testid="cm-transpose"
          >
            Transpose
          </button>
        </div>
        <table className="border-separate border-spacing-0.5" aria-label={`Confusion matrix: rows ${view.rowAxis}, columns ${view.colAxis}`}>
          <thead>
            <tr>
              <th colSpan={2} />
              <th colSpan={view.labels.length} className="pb-0.5 text-center text-xs font-semibold tracking-wide text-slate-500 uppercase" data-testid="cm-col-axis">
                {view.colAxis}
              </th>
            </tr>
            <tr>
              <th colSpan={2} />
              {view.labels.map((_, c) => (
                <th key={c} className="px-0.5 text-center align-bottom font-normal">
                  {classButton(c, 'col')}
                </th>
              ))}
              <th className="px-1 text-[10px] font-normal text-slate-500">sum</th>
            </tr>
          </thead>
          <tbody>
            {view.cells.map((row, r) => (
              <tr key={r}>
                {r === 0 && (
                  <th rowSpan={view.labels.length} className="w-5 pr-1 text-xs font-semibold tracking-wide text-slate-500 uppercase" data-testid="cm-row-axis">
                    <span className="inline-block [writing-mode:vertical-rl] rotate-180">{view.rowAxis}</span>
                  </th>
                )}
                <th className="pr-1 text-right font-normal">{classButton(r, 'row')}</th>
                {row.map((cell) => {
                  const colour = cell.role ? { background: ROLE_STYLE[cell.role].fill, lightText: false } : cellColour(cell.intensity);
                  const ring = cell.role ? ROLE_STYLE[cell.role].ring : null;
                  return (
                    <td key={`${cell.trueClass}-${cell.predictedClass}`} className="p-0">
                      <button
                        type="button"
                        onClick={() => toggleCell(cell)}
                        className={`relative flex ${cellSize} items-center justify-center rounded font-mono tabular-nums focus-visible:outline-2 focus-visible:outline-indigo-500 ${colour.lightText ? 'text-white' : cell.role ? 'text-slate-800' : 'text-black'} ${cell.selected ? 'outline-2 outline-offset-1 outline-slate-900' : ''}`}
                        style={{ background: colour.background, boxShadow: ring ? `inset 0 0 0 1.5px ${ring}` : undefined }}
                        title={cell.role && selected !== null ? `${cell.title}. ${ROLE_INFO[cell.role].explain(view.labels[selected])}.` : `${cell.title}. Click to see these images.`}
                        aria-pressed={cell.selected}
                        data-testid="cm-cell"
                        data-true={cell.trueClass}
                        data-pred={cell.predictedClass}
                        data-count={cell.count}
                        data-role={cell.role ?? undefined}
                      >
                        {cell.text}
                        {cell.role && (
                          <span className={`absolute top-0 right-0 rounded-bl rounded-tr px-0.5 text-[7px] leading-tight font-semibold ${ROLE_STYLE[cell.role].badge}`}>
                            {ROLE_INFO[cell.role].label}
                          </span>
                        )}
                      </button>
                    </td>
                  );
                })}
                <td className="px-1 text-right font-mono text-[10px] text-slate-500 tabular-nums">{view.rowTotals[r]}</td>
              </tr>
            ))}
            <tr>
              <td colSpan={2} className="pr-1 text-right text-[10px] text-slate-500">sum</td>
              {view.colTotals.map((t, c) => (
                <td key={c} className="text-center font-mono text-[10px] text-slate-500 tabular-nums">
                  {t}
                </td>
              ))}
              <td className="px-1 text-right font-mono text-[10px] font-semibold text-slate-500 tabular-nums" data-testid="cm-total">
                {view.total}
              </td>
            </tr>
          </tbody>
        </table>
        <figcaption className="mt-1 max-w-md text-[11px] text-slate-500">
          {caption ? `${caption}. ` : ''}
          {view.normalisationNote} Click a class name to see its TP, FP, FN and TN; click a cell to see its images.
        </figcaption>
      </figure>
      {summary && (
        <aside className="min-w-40 rounded-md border border-slate-200 bg-slate-50 p-2 text-xs" data-testid="cm-class-summary">
          <div className="mb-1 font-semibold text-slate-800">
            Class <span className="font-mono">{summary.name}</span> vs the rest
          </div>
          <dl className="grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5">
            {summary.lines.map(([label, value]) => {
              const role = label.toLowerCase() as CellRole;
              return (
                <div key={label} className="contents">
                  <dt className="flex items-center gap-1 text-slate-500">
                    {role in ROLE_STYLE && <span className={`inline-block h-2.5 w-2.5 rounded-sm ${ROLE_STYLE[role].badge}`} aria-hidden />}
                    {label}
                  </dt>
                  <dd className="m-0 text-right font-mono tabular-nums text-slate-800" data-testid={`cm-summary-${label.toLowerCase()}`}>
                    {value}
                  </dd>
                </div>
              );
            })}
          </dl>
        </aside>
      )}
    </div>
  );
}
