'use client';

import { useMemo } from 'react';
import { classificationReport } from '@/engine/metrics';
import { formatPercent, formatRatio } from './format';
import type { RunRecord } from '../store/training/runs';

/**
 * The run's latest validation figures above the curves, always in view: balanced accuracy first,
 * then accuracy beside the majority baseline (so 67% from always answering "nv" is seen for what it is);
 * or the mean Dice for segmentation.
 */
export function Headline({ run }: { run: RunRecord | null }) {
  const pass = run?.validation ?? null;
  const report = useMemo(() => (pass?.metrics.kind === 'classification' ? classificationReport(pass.metrics.confusion) : null), [pass]);
  if (!run) return null;
  if (!pass) return <SplitLine run={run} />;
  if (pass.metrics.kind === 'segmentation') {
    return (
      <div className="mb-2 flex flex-wrap gap-2" data-testid="headline">
        <Chip label="Mean Dice" value={formatRatio(pass.metrics.meanDice)} hint="Mean Dice over the tumour classes on the validation slices (empty masks left out, MONAI rule)" strong />
        <Chip label="Pixel accuracy" value={formatRatio(pass.metrics.pixelAccuracy)} hint="Share of pixels with the right class: high even for a model that never finds a tumour" />
        <span className="self-end text-[10px] text-slate-600">
          validation, epoch {run.epochs.length}
          <SplitLine run={run} />
        </span>
      </div>
    );
  }
  if (!report) return null;
  const majority = run.classNames[report.baseline.classIndex] ?? '-';
  return (
    <div className="mb-2 flex flex-wrap gap-2" data-testid="headline">
      <Chip label="Balanced accuracy" value={formatPercent(report.balancedAccuracy)} hint="Mean sensitivity over the classes: every class counts the same, however rare" strong testId="headline-balanced" />
      <Chip label="Accuracy" value={formatPercent(report.accuracy)} hint="Share of validation images classified correctly" />
      <Chip label={`Baseline: always "${majority}"`} value={formatPercent(report.baseline.accuracy)} hint="The accuracy of a model that always answers the most frequent class" muted testId="headline-baseline" />
      <span className="self-end text-[10px] text-slate-600">
        validation, epoch {run.epochs.length}
        <SplitLine run={run} />
      </span>
    </div>
  );
}

/** One headline figure. */
function Chip({ label, value, hint, strong, muted, testId }: { label: string; value: string; hint: string; strong?: boolean; muted?: boolean; testId?: string }) {
  return (
    <div className={`rounded-md border px-2 py-1 ${muted ? 'border-dashed border-slate-300 bg-slate-50' : strong ? 'border-indigo-200 bg-indigo-50' : 'border-slate-200 bg-white'}`} title={hint}>
      <div className="text-[10px] font-medium tracking-wide whitespace-nowrap text-slate-600 uppercase">{label}</div>
      <div className={`font-mono text-base leading-tight font-semibold tabular-nums ${muted ? 'text-slate-600' : 'text-slate-900'}`} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** How the run's images were split (known from the run's start). */
function SplitLine({ run }: { run: RunRecord }) {
  if (!run.splits) return null;
  const { train, validation, test } = run.splits;
  return (
    <span className="block text-[10px] text-slate-600" data-testid="split-sizes" data-validation={validation} title="Seeded, grouped split: images of one lesion or patient stay on one side">
      {train} train · {validation} validation · {test} test images
    </span>
  );
}
