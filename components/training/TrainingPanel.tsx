'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { taskInfo } from '@/graph/tasks';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { workerTrainer } from './connectWorker';
import { Curves } from './Curves';
import { downloadText } from './download';
import { suggestedLearningRate } from '@/engine/train/divergence';
import { ErrorBanner, WarningBanner, type BannerAction } from './ErrorBanner';
import { offersCpuBackend } from './errorActions';
import { runCsv, runFileStem, runJson } from './exportData';
import { formatSetting } from '../format';
import { FeatureMapsView } from '../featureMaps/FeatureMapsView';
import { Headline } from './Headline';
import { RunNotices } from './RunNotices';
import { TrainingAnnouncer } from './TrainingAnnouncer';
import { ProgressBar } from './ProgressBar';
import { DiceView, MatrixView, MetricsView, PredictionsView, SettingsView, SlicesView, TestView, useShownRun } from './ResultViews';
import type { RunRecord } from '../store/training/runs';
import { RunsList } from './RunsList';
import { contextOf, inContext } from '../store/training/runContext';
import { useShallow } from 'zustand/react/shallow';
import { clampPanelHeight, readPanelLayout, writePanelLayout } from './panelLayout';
import { browserStorage } from '../browserStorage';

type Tab = 'settings' | 'matrix' | 'metrics' | 'predictions' | 'dice' | 'slices' | 'test' | 'features' | 'runs';

const TABS: Record<'classification' | 'segmentation', { key: Tab; label: string }[]> = {
  classification: [
    { key: 'settings', label: 'Settings' },
    { key: 'matrix', label: 'Confusion matrix' },
    { key: 'metrics', label: 'Metrics' },
    { key: 'predictions', label: 'Predictions' },
    { key: 'test', label: 'Test' },
    { key: 'features', label: 'Feature maps' },
    { key: 'runs', label: 'Runs' },
  ],
  segmentation: [
    { key: 'settings', label: 'Settings' },
    { key: 'dice', label: 'Dice' },
    { key: 'slices', label: 'Slices' },
    { key: 'test', label: 'Test' },
    { key: 'features', label: 'Feature maps' },
    { key: 'runs', label: 'Runs' },
  ],
};

/** Saves a run's metrics as CSV or JSON. */
export function exportRun(run: RunRecord, format: 'csv' | 'json'): void {
  const stem = runFileStem(run);
  if (format === 'csv') downloadText(`${stem}.csv`, runCsv(run), 'text/csv');
  else downloadText(`${stem}.json`, runJson(run), 'application/json');
}

/**
 * The training panel under the canvas: progress and headline figures in a strip, a failed run's message,
 * the curves on the left and, on the right, settings, confusion matrix, metrics, predictions (or Dice and
 * slices for segmentation), the test split and the run history. It connects the training worker on mount.
 */
export function TrainingPanel() {
  const api = useAppStoreApi();
  const status = useAppStore((s) => s.training.status);
  const progress = useAppStore((s) => s.training.progress);
  const error = useAppStore((s) => s.training.error);
  const lastWarning = useAppStore((s) => s.training.log.findLast((l) => l.level === 'warning') ?? null);
  const splitBySpeed = useAppStore((s) => s.training.log.find((l) => l.code === 'split-by-speed')?.message ?? null);
  // The 'workers' line of a run that asked for several workers; shown only when the run trains on one.
  const workersLine = useAppStore((s) => s.training.log.find((l) => l.code === 'workers')?.message ?? null);
  const warning = lastWarning?.message ?? null;
  const learningRate = useAppStore((s) => s.doc.training.learningRate);
  const backendSetting = useAppStore((s) => s.doc.training.backend);
  const runs = useAppStore((s) => s.training.runs);
  const currentId = useAppStore((s) => s.training.currentRunId);
  const smoothing = useAppStore((s) => s.training.smoothing);
  // Stable, so the memoised charts skip the panel's 10 renders a second while a run trains.
  const setSmoothing = useCallback((v: number) => api.getState().setLossSmoothing(v), [api]);
  const taskId = useAppStore((s) => s.doc.task.id);
  const run = useShownRun();
  const kind = run && run.taskId === taskId ? run.kind : (taskInfo(taskId)?.kind ?? 'classification');
  const [tab, setTab] = useState<Tab>('settings');
  // The panel renders only in the browser (the editor waits for its boot state), so storage is there.
  const [layout, setLayout] = useState(() => readPanelLayout(browserStorage(), window.innerHeight));
  const { height, collapsed } = layout;
  useEffect(() => writePanelLayout(browserStorage(), layout), [layout]);
  const setCollapsed = (c: boolean) => setLayout((l) => ({ ...l, collapsed: c }));
  const chosenThisRun = useRef(false);

  useEffect(() => api.getState().attachTrainer(workerTrainer(), browserStorage()), [api]);

  // When a run's first epoch lands, show its results (unless the user picked a tab during this run).
  const epochs = run?.epochs.length ?? 0;
  useEffect(() => {
    chosenThisRun.current = false;
  }, [currentId]);
  useEffect(() => {
    if (epochs === 1 && !chosenThisRun.current) setTab(kind === 'segmentation' ? 'slices' : 'matrix');
  }, [epochs, kind]);
  useEffect(() => {
    if (status === 'done' && run?.test && !chosenThisRun.current && run.status === 'completed') setTab('test');
  }, [status, run?.test, run?.status]);
  const tabs = TABS[kind];
  const shownTab = tabs.some((t) => t.key === tab) ? tab : 'settings';
  const choose = (t: Tab) => {
    chosenThisRun.current = true;
    setTab(t);
  };

  // The charts overlay only runs of this task and data (and lesson): curves of another task compare nothing.
  const context = useAppStore(useShallow(contextOf));
  const visible = runs.filter((r) => r.visible && r.kind === kind && inContext(r, context));
  const shownRuns = run && run.kind === kind && !visible.includes(run) ? [...visible, run] : visible;
  const stale = (status === 'done' || status === 'error') && run?.id !== currentId;
  const doneText = run?.status === 'stopped' ? 'Stopped' : run?.status === 'completed' ? 'Finished' : undefined;

  // A loss that rose or became NaN nearly always means the learning rate is too high: offer the usual value.
  const tooHigh = lastWarning?.code === 'lr-too-high' ? lastWarning : null;
  const suggested = tooHigh?.suggestedLearningRate ?? (run ? suggestedLearningRate(run.settings.learningRate, run.settings.optimizer) : null);
  const lrAction: BannerAction | null =
    suggested !== null && suggested !== learningRate && (error?.code === 'diverged' || tooHigh !== null)
      ? { label: `Use learning rate ${formatSetting(suggested)}`, run: () => api.getState().setTraining({ learningRate: suggested }) }
      : null;
  const cpuAction: BannerAction | null = offersCpuBackend(error?.code, backendSetting)
    ? { label: 'Use wasm', run: () => api.getState().setTraining({ backend: 'wasm' }) }
    : null;

  const startResize = (e: React.PointerEvent<HTMLDivElement>) => {
    const startY = e.clientY;
    const startH = height;
    const move = (ev: PointerEvent) => setLayout((l) => ({ ...l, height: clampPanelHeight(startH + startY - ev.clientY, window.innerHeight) }));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <section className="relative flex shrink-0 flex-col border-t border-slate-200 bg-slate-50" style={{ height: collapsed ? undefined : height }} aria-label="Training" data-testid="training-panel">
      <TrainingAnnouncer />
      {!collapsed && <div className="absolute inset-x-0 -top-1 h-2 cursor-row-resize" onPointerDown={startResize} aria-hidden title="Drag to resize" />}
      <div className="flex h-10 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
        <button type="button" className="icon-btn h-6 w-6" onClick={() => setCollapsed(!collapsed)} aria-label={collapsed ? 'Show the training panel' : 'Hide the training panel'} aria-expanded={!collapsed} data-testid="training-panel-toggle">
          <svg viewBox="0 0 24 24" className={`h-4 w-4 transition-transform ${collapsed ? 'rotate-180' : ''}`} fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
            <path d="m6 9 6 6 6-6" />
          </svg>
        </button>
        {/* A finished run of another task, data or lesson is not this panel's news: the bar reads Ready. */}
        <ProgressBar status={stale ? 'idle' : status} progress={stale ? null : progress} doneText={doneText} splitBySpeed={stale ? null : splitBySpeed} oneWorkerWhy={stale ? null : workersLine} />
        {run && (
          <div className="ml-auto flex shrink-0 items-center gap-1" title="Download this run's metrics">
            <button type="button" className="rounded px-1.5 py-0.5 text-[11px] text-slate-600 hover:bg-slate-100" onClick={() => exportRun(run, 'csv')} data-testid="export-csv">
              CSV
            </button>
            <button type="button" className="rounded px-1.5 py-0.5 text-[11px] text-slate-600 hover:bg-slate-100" onClick={() => exportRun(run, 'json')} data-testid="export-json">
              JSON
            </button>
          </div>
        )}
      </div>
      {error ? (
        <div className="shrink-0 px-3 pt-2">
          <ErrorBanner error={error} onDismiss={() => api.getState().dismissTrainingError()} action={lrAction ?? cpuAction} />
        </div>
      ) : (
        warning && (
          <div className="shrink-0 px-3 pt-2">
            <WarningBanner message={warning} action={lrAction} />
          </div>
        )
      )}
      {!collapsed && status !== 'running' && status !== 'starting' && status !== 'paused' && (
        <div className="max-h-[45%] shrink-0 overflow-y-auto px-3 pt-2 empty:hidden" data-testid="training-notices">
          <RunNotices />
        </div>
      )}
      {!collapsed && (
        <div className="flex min-h-0 flex-1 gap-3 p-3">
          <div className="min-w-0 flex-[4] overflow-y-auto">
            <Headline run={run} />
            <Curves runs={shownRuns} currentId={currentId} kind={kind} smoothing={smoothing} onSmoothingChange={setSmoothing} />
          </div>
          <div className="flex min-w-0 flex-[6] flex-col rounded-md border border-slate-200 bg-white">
            <div className="flex shrink-0 gap-0.5 overflow-x-auto border-b border-slate-200 px-2 pt-1" role="tablist" aria-label="Training results">
              {tabs.map((t) => (
                <button
                  key={t.key}
                  type="button"
                  role="tab"
                  id={`training-tab-${t.key}`}
                  aria-controls="training-tabpanel"
                  aria-selected={shownTab === t.key}
                  onClick={() => choose(t.key)}
                  className={`-mb-px border-b-2 px-1.5 py-1 text-[11px] font-medium whitespace-nowrap ${shownTab === t.key ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
                  data-testid={`training-tab-${t.key}`}
                >
                  {t.label}
                  {t.key === 'runs' && runs.length > 0 && <span className="ml-1 rounded-full bg-slate-100 px-1 text-[10px] text-slate-600">{runs.length}</span>}
                </button>
              ))}
            </div>
            {/* Focusable, so keyboard users can scroll a gallery or table that has no control of its own. */}
            <div id="training-tabpanel" className="min-h-0 flex-1 overflow-auto p-3" role="tabpanel" aria-labelledby={`training-tab-${shownTab}`} tabIndex={0}>
              {shownTab === 'settings' && <SettingsView />}
              {shownTab === 'matrix' && <MatrixView />}
              {shownTab === 'metrics' && <MetricsView />}
              {shownTab === 'predictions' && <PredictionsView />}
              {shownTab === 'dice' && <DiceView />}
              {shownTab === 'slices' && <SlicesView />}
              {shownTab === 'test' && <TestView />}
              {shownTab === 'features' && <FeatureMapsView />}
              {shownTab === 'runs' && (
                <RunsList
                  runs={runs}
                  currentId={currentId}
                  kind={kind}
                  context={context}
                  onToggle={(id) => api.getState().toggleRunVisible(id)}
                  onDelete={(id) => api.getState().deleteRun(id)}
                  onClear={() => api.getState().clearRuns()}
                  onExport={exportRun}
                />
              )}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
