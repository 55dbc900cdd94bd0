'use client';

import { memo, useRef, type ReactNode } from 'react';
import { diceClassSeries, epochDomain, epochSeries, niceTicks, runColour, seriesMax, smoothedBatchLoss } from './curves';
import { downloadChartPng } from './download';
import { LinePlot, type PlotReference, type PlotSeries } from './LinePlot';
import { formatLoss, formatPercent } from './format';
import type { RunRecord } from '../store/training/runs';
import { noValidationText } from './noValidation';
import { sameEpochs, useChartRuns } from './chartThrottle';

export interface CurvesProps {
  /** Runs to draw, oldest first; the current (or last) run is drawn on top and in full. */
  runs: readonly RunRecord[];
  currentId: string | null;
  kind: 'classification' | 'segmentation';
  /** EMA weight of the batch-loss curve, 0..0.99. */
  smoothing: number;
  onSmoothingChange: (v: number) => void;
}

/** A chart card with a title, a PNG download and a legend row. */
function ChartCard({ title, subtitle, testId, fileName, legend, children, extra, points, empty }: { title: string; subtitle: string; testId: string; fileName: string; legend: ReactNode; children: ReactNode; extra?: ReactNode; points: number; empty: string }) {
  const box = useRef<HTMLDivElement>(null);
  return (
    <section className="flex min-w-0 flex-col rounded-md border border-slate-200 bg-white p-2" data-testid={testId} data-points={points}>
      <header className="mb-1 flex items-center gap-2">
        <h3 className="text-xs font-semibold whitespace-nowrap text-slate-700">
          {title} <span className="font-normal text-slate-500">{subtitle}</span>
        </h3>
        <div className="ml-auto flex items-center gap-2">
          {extra}
          <button type="button" className="rounded px-1 text-[10px] text-slate-500 hover:bg-slate-100" onClick={() => void downloadChartPng(box.current, fileName)} title="Download this chart as a PNG image" data-testid={`${testId}-png`}>
            PNG
          </button>
        </div>
      </header>
      <div ref={box} className="relative h-28 min-w-0">
        {children}
        {points === 0 && <p className="absolute inset-0 flex items-center justify-center px-6 text-center text-[11px] text-slate-500">{empty}</p>}
      </div>
      <div className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-[10px] text-slate-500">{legend}</div>
    </section>
  );
}

/** A legend entry: a short line sample in the given style. */
function Key({ colour, dash, dot, label, faint }: { colour: string; dash?: string; dot?: 'filled' | 'hollow'; label: string; faint?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <svg width="22" height="8" aria-hidden>
        <line x1="1" y1="4" x2="21" y2="4" stroke={colour} strokeWidth={dot === 'filled' ? 0 : 2} strokeDasharray={dash} opacity={faint ? 0.35 : 1} />
        {dot && <circle cx="11" cy="4" r="3" fill={dot === 'filled' ? colour : '#fff'} stroke={colour} strokeWidth={1.5} />}
      </svg>
      {label}
    </span>
  );
}

const percentTick = (v: number) => `${Math.round(v * 100)}%`;
const PERCENT_TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * The training curves: loss per batch (EMA-smoothed, raw faintly behind it for the current run), training
 * loss per epoch and validation loss; then accuracy and balanced accuracy with the dashed majority baseline
 * (classification) or mean Dice and Dice per class (segmentation). Every visible run is overlaid in its colour.
 */
export function Curves(props: CurvesProps) {
  // New batch points redraw the loss chart at most twice a second (./chartThrottle.ts); epochs and runs at once.
  const runs = useChartRuns(props.runs);
  return (
    <div className="@container min-w-0" data-testid="curves">
      <div className="grid grid-cols-1 gap-2 @2xl:grid-cols-2">
        <LossChart runs={runs} currentId={props.currentId} smoothing={props.smoothing} onSmoothingChange={props.onSmoothingChange} />
        <MetricChart runs={runs} currentId={props.currentId} kind={props.kind} />
      </div>
    </div>
  );
}

/** The current (or last) run and every run in drawing order, the current one last (on top). */
function orderRuns(runs: readonly RunRecord[], currentId: string | null): { current: RunRecord | null; ordered: RunRecord[] } {
  const current = runs.find((r) => r.id === currentId) ?? runs.at(-1) ?? null;
  const others = runs.filter((r) => r !== current);
  return { current, ordered: current ? [...others, current] : others };
}

/** One legend entry per run, when several are overlaid. */
function runKeysOf(ordered: readonly RunRecord[]): ReactNode {
  return ordered.length > 1 && ordered.map((r) => <Key key={r.id} colour={runColour(r)} label={`#${r.number} ${r.name}`} />);
}

/** A lone run whose split had no validation images: say so instead of an empty chart (other runs' lines stay). */
function noValidationOf(ordered: readonly RunRecord[], current: RunRecord | null, what: string): string | null {
  return ordered.length <= 1 && current ? noValidationText(current, what) : null;
}

const grey = '#64748b';

/** Loss per batch and per epoch: the chart that moves while a run trains. */
const LossChart = memo(function LossChart({ runs, currentId, smoothing, onSmoothingChange }: Omit<CurvesProps, 'kind'>) {
  const { current, ordered } = orderRuns(runs, currentId);
  const domain = epochDomain(ordered);
  const points = current?.batches.length ?? 0;
  const lossSeries = ordered.flatMap((run): PlotSeries[] => {
    const colour = runColour(run);
    const isCurrent = run === current;
    const named = (what: string) => (ordered.length > 1 ? `#${run.number} ${what}` : what);
    const series: PlotSeries[] = [
      { key: `${run.id}-b`, name: named('batch loss'), points: smoothedBatchLoss(run.batches, smoothing), colour, strokeWidth: isCurrent ? 1.5 : 1, opacity: isCurrent ? 1 : 0.55, snap: 0.25 },
      { key: `${run.id}-v`, name: named('validation loss'), points: epochSeries(run.epochs, 'valLoss'), colour, strokeWidth: 2, dots: 'hollow', snap: 0.5 },
      { key: `${run.id}-t`, name: named('training loss / epoch'), points: epochSeries(run.epochs, 'trainLoss'), colour, strokeWidth: 0, dots: 'filled', snap: 0.5 },
    ];
    // The raw batch loss, faint behind the smoothed line of the current run.
    if (isCurrent && smoothing > 0) series.unshift({ key: `${run.id}-raw`, points: smoothedBatchLoss(run.batches, 0), colour, strokeWidth: 1, opacity: 0.2, snap: 0 });
    return series;
  });
  const lossTicks = niceTicks(seriesMax(lossSeries.map((l) => l.points)));

  const noValidation = noValidationOf(ordered, current, 'validation loss');
  const runKeys = runKeysOf(ordered);
  return (
    <ChartCard
      title="Loss"
      subtitle="(x: epochs)"
      testId="loss-chart"
      fileName={`loss${current ? `-run-${current.number}` : ''}.png`}
      points={points}
      empty="Press Train: the loss of every batch appears here."
      extra={
        <label className="flex items-center gap-1 text-[10px] text-slate-500" title="Smoothing: exponential moving average of the batch loss (0 = raw)">
          <span className="hidden @xs:inline">smooth</span>
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => onSmoothingChange(Number(e.target.value))} className="h-1 w-14 accent-indigo-600" aria-label="Loss smoothing" data-testid="loss-smoothing" />
          <span className="w-6 font-mono tabular-nums">{smoothing.toFixed(2)}</span>
        </label>
      }
      legend={
        <>
          <Key colour={grey} label="batch loss (smoothed)" />
          {!noValidation && <Key colour={grey} dot="hollow" label="validation loss" />}
          <Key colour={grey} dot="filled" label="training loss / epoch" />
          {runKeys}
        </>
      }
    >
      <LinePlot series={lossSeries} xDomain={domain} yTicks={lossTicks} formatY={formatLoss} label="Loss per batch and per epoch" testId="loss-plot" />
    </ChartCard>
  );
});

/**
 * Accuracy or Dice per epoch. Memoised on what it draws (./chartThrottle.ts' `sameEpochs`): new batch points,
 * which come several times a second, leave it alone.
 */
const MetricChart = memo(
  function MetricChart({ runs, currentId, kind }: Pick<CurvesProps, 'runs' | 'currentId' | 'kind'>) {
    const { current, ordered } = orderRuns(runs, currentId);
    const domain = epochDomain(ordered);
    const baseline = current?.epochs.at(-1)?.baselineAccuracy ?? null;
    const baselineClass = current && current.validation?.metrics.kind === 'classification' ? majorityName(current) : null;
    // Like against like: the bold balanced-accuracy line has its own baseline, 1 / classes present.
    const baselineBalanced = current ? majorityBalanced(current) : null;
    const metricSeries = ordered.flatMap((run): PlotSeries[] => {
      const colour = runColour(run);
      const faded = run === current ? 1 : 0.55;
      const named = (what: string) => (ordered.length > 1 ? `#${run.number} ${what}` : what);
      if (kind === 'segmentation') {
        const series: PlotSeries[] = [{ key: `${run.id}-dice`, name: named('mean Dice'), points: epochSeries(run.epochs, 'meanDice'), colour, opacity: faded, strokeWidth: 2, dots: 'filled', snap: 0.5 }];
        const perClass = run === current && (run.epochs.at(-1)?.dicePerClass?.length ?? 0) > 2 ? run.classNames.slice(1) : [];
        perClass.forEach((name, i) =>
          series.push({ key: `${run.id}-dice-${i}`, name: named(`Dice ${name}`), points: diceClassSeries(run.epochs, i + 1), colour, opacity: 0.45, strokeWidth: 1, dash: '2 2', snap: 0.5 }),
        );
        return series;
      }
      return [
        { key: `${run.id}-acc`, name: named('accuracy'), points: epochSeries(run.epochs, 'accuracy'), colour, opacity: 0.45 * faded, strokeWidth: 1.5, dots: 'filled', dotRadius: 2, snap: 0.5 },
        { key: `${run.id}-bal`, name: named('balanced accuracy'), points: epochSeries(run.epochs, 'balancedAccuracy'), colour, opacity: faded, strokeWidth: 2.5, dots: 'filled', dotRadius: 3, snap: 0.5 },
      ];
    });
    // The majority baseline's accuracy, labelled; the balanced-accuracy line's own baseline (1 / classes present) unlabelled.
    const references: PlotReference[] =
      kind === 'classification'
        ? [
            ...(baseline !== null ? [{ y: baseline, dash: '5 4', label: `baseline ${formatPercent(baseline, 0)}` }] : []),
            ...(baselineBalanced !== null && baselineBalanced !== baseline ? [{ y: baselineBalanced, dash: '2 3' }] : []),
          ]
        : [];

    const noValidation = noValidationOf(ordered, current, kind === 'segmentation' ? 'Dice curve' : 'accuracy curve');
    const runKeys = runKeysOf(ordered);
    return (
      <ChartCard
        title={kind === 'segmentation' ? 'Dice' : 'Accuracy'}
        subtitle="(validation)"
        testId={kind === 'segmentation' ? 'dice-chart' : 'accuracy-chart'}
        fileName={`${kind === 'segmentation' ? 'dice' : 'accuracy'}${current ? `-run-${current.number}` : ''}.png`}
        points={noValidation ? 0 : (current?.epochs.length ?? 0)}
        empty={noValidation ?? (kind === 'segmentation' ? 'The mean Dice of the validation slices appears after each epoch.' : 'Accuracy and balanced accuracy on the validation images appear after each epoch.')}
        legend={
          kind === 'segmentation' ? (
            <>
              <Key colour={grey} dot="filled" label="mean Dice (tumour classes)" />
              {current && (current.epochs.at(-1)?.dicePerClass?.length ?? 0) > 2 && <Key colour={grey} dash="2 2" label="Dice per class" faint />}
              {runKeys}
            </>
          ) : (
            <>
              <Key colour={grey} dot="filled" label="balanced accuracy" />
              <Key colour={grey} faint label="accuracy" />
              <Key colour="#94a3b8" dash="5 4" label={`majority baseline${baselineClass ? ` (always "${baselineClass}")` : ''}: accuracy`} />
              <Key colour="#94a3b8" dash="2 3" label="its balanced accuracy" />
              {runKeys}
            </>
          )
        }
      >
        <LinePlot
          series={metricSeries}
          references={references}
          xDomain={domain}
          yTicks={PERCENT_TICKS}
          formatY={percentTick}
          formatValue={formatPercent}
          label={kind === 'segmentation' ? 'Validation Dice per epoch' : 'Validation accuracy and balanced accuracy per epoch'}
          testId={kind === 'segmentation' ? 'dice-plot' : 'accuracy-plot'}
        />
      </ChartCard>
    );
  },
  (a, b) => a.currentId === b.currentId && a.kind === b.kind && sameEpochs(a.runs, b.runs),
);

/** Balanced accuracy of always answering the majority class: 1 / classes present in validation. */
function majorityBalanced(run: RunRecord): number | null {
  const m = run.validation?.metrics;
  if (m?.kind !== 'classification') return null;
  const present = m.confusion.filter((row) => row.some((v) => v > 0)).length;
  return present > 0 ? 1 / present : null;
}

/** Name of the majority class of a run's latest validation split. */
function majorityName(run: RunRecord): string | null {
  const m = run.validation?.metrics;
  if (m?.kind !== 'classification') return null;
  const support = m.confusion.map((row) => row.reduce((a, b) => a + b, 0));
  let best = -1;
  support.forEach((s, k) => {
    if (s > 0 && (best < 0 || s > support[best])) best = k;
  });
  return best >= 0 ? (run.classNames[best] ?? String(best)) : null;
}
