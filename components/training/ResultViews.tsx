'use client';

import { useMemo, useState } from 'react';
import { classificationReport } from '@/engine/metrics';
import type { SamplePrediction } from '@/engine/protocol';
import { taskInfo } from '@/graph/tasks';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { ConfusionMatrix } from './ConfusionMatrix';
import type { MatrixViewOptions } from '../store/training/types';
import { DiceTable } from './DiceTable';
import { MetricsTable } from './MetricsTable';
import { PredictionsGallery } from './PredictionsGallery';
import type { PassSummary, RunRecord } from '../store/training/runs';
import { SegmentationGallery } from './SegmentationGallery';
import { SettingsPanel } from './SettingsPanel';
import { WorkersSetting } from './WorkersSetting';
import { contextOf, shownRun, shownSamples } from '../store/training/runContext';
import { noValidationText } from './noValidation';

/** Said when a run restored after a reload has figures but no images (they are not saved). */
const NOT_KEPT = 'Sample images are not saved across reloads: train again to see predictions.';

/**
 * The run the result views show: the current (live or last) run when it belongs to the graph's task, data
 * and lesson, else the newest run that does, else none (runContext.ts).
 */
export function useShownRun(): RunRecord | null {
  return useAppStore((s) => shownRun(s.training, contextOf(s)));
}

/** The shown run's sample images of a split (none for a run other than the current one). */
function useShownSamples(split: 'validation' | 'test'): readonly SamplePrediction[] {
  return useAppStore((s) => shownSamples(s.training, contextOf(s), split));
}

function Empty({ children }: { children: string }) {
  return <p className="text-xs text-slate-500">{children}</p>;
}

/** Training settings of the document, plus the generated image count. */
export function SettingsView() {
  const api = useAppStoreApi();
  const settings = useAppStore((s) => s.doc.training);
  const taskId = useAppStore((s) => s.doc.task.id);
  const imported = useAppStore((s) => (s.importedData?.info.id === s.doc.task.id ? s.importedData.dataset.count : null));
  const dataSize = useAppStore((s) => s.training.dataSize);
  const backend = useAppStore((s) => s.training.backend);
  const status = useAppStore((s) => s.training.status);
  const kind = taskInfo(taskId)?.kind ?? 'classification';
  return (
    <div>
      <SettingsPanel
        settings={settings}
        kind={kind}
        onChange={(patch) => api.getState().setTraining(patch)}
        dataSize={imported === null ? dataSize : null}
        onDataSizeChange={(n) => api.getState().setDataSize(n)}
        backend={backend}
        running={status === 'running' || status === 'paused' || status === 'starting'}
      />
      <WorkersSetting />
      {imported !== null && (
        <p className="mt-2 flex items-center gap-2 text-[11px] text-slate-500" data-testid="imported-note">
          Training on your {imported} imported images.
          <button type="button" className="btn px-1.5 py-0 text-[11px]" onClick={() => api.getState().setImportedData(null)}>
            Use generated images
          </button>
        </p>
      )}
    </div>
  );
}

/** Confusion matrix of a pass, with the predictions gallery of the chosen cell under it. */
function MatrixWithGallery({ pass, run, samples, caption, testId }: { pass: PassSummary; run: RunRecord; samples: readonly SamplePrediction[]; caption: string; testId?: string }) {
  const api = useAppStoreApi();
  const options = useAppStore((s) => s.training.matrix);
  const confusion = pass.metrics.kind === 'classification' ? pass.metrics.confusion : null;
  const report = useMemo(() => (confusion ? classificationReport(confusion) : null), [confusion]);
  const [mistakesOnly, setMistakesOnly] = useState(false);
  if (!confusion || !report) return null;
  const set = (patch: Partial<MatrixViewOptions>) => api.getState().setMatrixOptions(patch);
  return (
    <div className="flex flex-col gap-3">
      <ConfusionMatrix matrix={confusion} classNames={run.classNames} report={report} options={options} onOptionsChange={set} caption={caption} testId={testId} />
      {options.selectedCell && (
        <PredictionsGallery
          samples={samples}
          classNames={run.classNames}
          cell={options.selectedCell}
          onClearCell={() => set({ selectedCell: null })}
          mistakesOnly={mistakesOnly}
          onMistakesOnlyChange={setMistakesOnly}
          source={caption.toLowerCase().startsWith('test') ? 'test' : 'validation'}
        />
      )}
    </div>
  );
}

/** The latest validation confusion matrix. */
export function MatrixView() {
  const run = useShownRun();
  const samples = useShownSamples('validation');
  if (!run?.validation) return <Empty>{noValidationText(run, 'confusion matrix') ?? 'The confusion matrix of the validation images fills in after the first epoch.'}</Empty>;
  return <MatrixWithGallery pass={run.validation} run={run} samples={samples} caption={`Validation, epoch ${run.epochs.length}: ${run.validation.images} images`} />;
}

/** Per-class metrics of the latest validation pass. */
export function MetricsView() {
  const api = useAppStoreApi();
  const run = useShownRun();
  const selected = useAppStore((s) => s.training.matrix.selectedClass);
  const confusion = run?.validation?.metrics.kind === 'classification' ? run.validation.metrics.confusion : null;
  const report = useMemo(() => (confusion ? classificationReport(confusion) : null), [confusion]);
  if (!run || !report) return <Empty>{noValidationText(run, 'per-class metrics') ?? 'Per-class sensitivity, specificity, precision and more fill in after the first epoch.'}</Empty>;
  return <MetricsTable report={report} classNames={run.classNames} selectedClass={selected} onSelectClass={(k) => api.getState().setMatrixOptions({ selectedClass: k })} />;
}

/** Sample predictions of validation (live) or test (at the end). */
export function PredictionsView() {
  const api = useAppStoreApi();
  const run = useShownRun();
  const validation = useShownSamples('validation');
  const test = useShownSamples('test');
  const cell = useAppStore((s) => s.training.matrix.selectedCell);
  const [source, setSource] = useState<'validation' | 'test'>('validation');
  const [mistakesOnly, setMistakesOnly] = useState(false);
  if (!run) return <Empty>Predictions on sample images appear after the first epoch.</Empty>;
  const useTest = source === 'test' && test.length > 0;
  return (
    <div>
      <div className="mb-2 inline-flex overflow-hidden rounded-md text-xs ring-1 ring-slate-300" role="group" aria-label="Which split">
        {(['validation', 'test'] as const).map((k) => (
          <button
            key={k}
            type="button"
            disabled={k === 'test' && test.length === 0}
            onClick={() => setSource(k)}
            aria-pressed={(k === 'test') === useTest}
            className={`px-2 py-0.5 disabled:opacity-40 ${(k === 'test') === useTest ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700'}`}
            title={k === 'test' && test.length === 0 ? 'The test split is evaluated when training ends' : undefined}
          >
            {k}
          </button>
        ))}
      </div>
      <PredictionsGallery
        samples={useTest ? test : validation}
        classNames={run.classNames}
        cell={cell}
        onClearCell={() => api.getState().setMatrixOptions({ selectedCell: null })}
        mistakesOnly={mistakesOnly}
        onMistakesOnlyChange={setMistakesOnly}
        source={useTest ? 'test' : 'validation'}
        emptyText={(!useTest && noValidationText(run, 'validation predictions')) || (run.epochs.length > 0 && run.status !== 'running' ? NOT_KEPT : undefined)}
      />
    </div>
  );
}

/** Dice per class of the latest validation pass. */
export function DiceView() {
  const run = useShownRun();
  const m = run?.validation?.metrics;
  if (!run || m?.kind !== 'segmentation') return <Empty>{noValidationText(run, 'Dice per class') ?? 'Dice per class fills in after the first epoch.'}</Empty>;
  return <DiceTable dicePerClass={m.dicePerClass} meanDice={m.meanDice} counted={m.counted} classNames={run.classNames} pixelAccuracy={m.pixelAccuracy} />;
}

/** Validation slices with true and predicted masks. */
export function SlicesView() {
  const run = useShownRun();
  const samples = useShownSamples('validation');
  const restored = run !== null && run.epochs.length > 0 && run.status !== 'running';
  const emptyText = noValidationText(run, 'validation slices') ?? (restored ? NOT_KEPT : undefined);
  return <SegmentationGallery samples={samples} classNames={run?.classNames ?? []} source="validation" emptyText={emptyText} />;
}

/** The test split, evaluated once at the end: shown apart from validation. */
export function TestView() {
  const run = useShownRun();
  const samples = useShownSamples('test');
  const test = run?.test;
  if (!run || !test) {
    const going = run?.status === 'running';
    return <Empty>{going ? 'The test split is evaluated once, when training ends or is stopped: its images are never used to choose settings.' : 'Train a model: the test split is evaluated once, at the end.'}</Empty>;
  }
  const intro = (
    <p className="mb-2 rounded-md bg-sky-50 px-2 py-1 text-xs text-sky-900 ring-1 ring-sky-200" data-testid="test-intro">
      Test split: {test.images} images held out from training and validation, evaluated once after {run.epochs.length} epoch{run.epochs.length === 1 ? '' : 's'} ({run.status}).
    </p>
  );
  if (test.metrics.kind === 'segmentation') {
    const m = test.metrics;
    return (
      <div data-testid="test-results">
        {intro}
        <DiceTable dicePerClass={m.dicePerClass} meanDice={m.meanDice} counted={m.counted} classNames={run.classNames} pixelAccuracy={m.pixelAccuracy} />
        <div className="mt-3">
          <SegmentationGallery samples={samples} classNames={run.classNames} source="test" />
        </div>
      </div>
    );
  }
  return (
    <div data-testid="test-results">
      {intro}
      <TestClassification pass={test} run={run} samples={samples} />
    </div>
  );
}

function TestClassification({ pass, run, samples }: { pass: PassSummary; run: RunRecord; samples: readonly SamplePrediction[] }) {
  const confusion = pass.metrics.kind === 'classification' ? pass.metrics.confusion : null;
  const report = useMemo(() => (confusion ? classificationReport(confusion) : null), [confusion]);
  if (!report) return null;
  return (
    <div className="flex flex-col gap-3">
      <MetricsTable report={report} classNames={run.classNames} />
      <MatrixWithGallery pass={pass} run={run} samples={samples} caption={`Test: ${pass.images} images`} testId="test-confusion-matrix" />
    </div>
  );
}
