'use client';

import { useMemo } from 'react';
import { classificationReport } from '@/engine/metrics';
import { formatPercent, formatRatio } from './format';
import type { RunRecord } from '../store/training/runs';
import { MIN_HELD_OUT } from '../store/training/smallData';

/**
 * The run's latest validation figures above the curves, always in view: balanced accuracy beside the
 * majority baseline's balanced accuracy, accuracy beside the baseline's accuracy (so 67% from always
 * answering "nv" is seen for what it is, and a model is never compared with a figure of another kind);
 * or the mean Dice for segmentation. The number of validation images is always said, with a warning
 * when there are too few to trust.
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
  const n = pass.images;
  return (
    <div className="mb-2" data-testid="headline">
      <div className="flex flex-wrap gap-2">
        <Chip
          label="Balanced accuracy"
          value={formatPercent(report.balancedAccuracy)}
          hint="Mean sensitivity over the classes: every class counts the same, however rare"
          strong
          testId="headline-balanced"
          baseline={{ value: formatPercent(report.baseline.balancedAccuracy), hint: `Balanced accuracy of always answering "${majority}": 1 / ${Math.round(1 / report.baseline.balancedAccuracy) || '-'} classes`, testId: 'headline-baseline-balanced' }}
        />
        <Chip
          label="Accuracy"
          value={formatPercent(report.accuracy)}
          hint="Share of validation images classified correctly"
          testId="headline-accuracy"
          baseline={{ value: formatPercent(report.baseline.accuracy), hint: `Accuracy of always answering "${majority}", the most frequent class`, testId: 'headline-baseline' }}
        />
        <span className="self-end text-[10px] text-slate-600">
          validation, epoch {run.epochs.length}, <span data-testid="headline-images">{n} image{n === 1 ? '' : 's'}</span>
          <SplitLine run={run} />
        </span>
      </div>
      <FewImages n={n} />
    </div>
  );
}

/**
 * Under MIN_HELD_OUT validation images a percentage is mostly chance: 100% from one image. Said next to
 * the figures, with how far one image moves them.
 */
function FewImages({ n }: { n: number }) {
  if (n >= MIN_HELD_OUT) return null;
  return (
    <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-[11px] text-amber-900 ring-1 ring-amber-200" role="note" data-testid="headline-few-images">
      {n === 0
        ? 'No validation images: these figures mean nothing yet.'
        : `Only ${n} validation image${n === 1 ? '' : 's'}: one image ${n === 1 ? 'decides the whole figure' : `moves accuracy by ${Math.round(100 / n)} points`}. Import or generate more images, or merge validation and test (above).`}
    </p>
  );
}

/** The same figure for the majority-class baseline, shown beside its figure: like compared with like. */
interface BaselineFigure {
  value: string;
  hint: string;
  testId: string;
}

/** One headline figure, with its baseline when it has one. */
function Chip({ label, value, hint, strong, muted, testId, baseline }: { label: string; value: string; hint: string; strong?: boolean; muted?: boolean; testId?: string; baseline?: BaselineFigure }) {
  return (
    <div className={`rounded-md border px-2 py-1 ${muted ? 'border-dashed border-slate-300 bg-slate-50' : strong ? 'border-indigo-200 bg-indigo-50' : 'border-slate-200 bg-white'}`} title={hint}>
      <div className="text-[10px] font-medium tracking-wide whitespace-nowrap text-slate-600 uppercase">{label}</div>
      <div className="flex items-baseline gap-2">
        <span className={`font-mono text-base leading-tight font-semibold tabular-nums ${muted ? 'text-slate-600' : 'text-slate-900'}`} data-testid={testId}>
          {value}
        </span>
        {baseline && (
          <span className="text-[11px] whitespace-nowrap text-slate-600" title={baseline.hint}>
            baseline <span className="font-mono tabular-nums" data-testid={baseline.testId}>{baseline.value}</span>
          </span>
        )}
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
