'use client';

import { formatBytes } from '../format';
import { formatCount } from '@/graph/issues';
import { formatDuration, formatRate } from './format';
import type { LiveProgress, TrainingStatus } from '../store/training/types';

/** Share of the run done, 0..1: whole epochs plus the current epoch's batches. */
export function runFraction(p: LiveProgress): number {
  if (p.epochs <= 0) return 0;
  const inEpoch = p.batches > 0 ? p.batch / p.batches : 0;
  return Math.min(1, Math.max(0, (Math.max(0, p.epoch - 1) + inEpoch) / p.epochs));
}

const STATUS_TEXT: Record<TrainingStatus, string> = {
  idle: 'Ready',
  starting: 'Starting',
  running: 'Training',
  paused: 'Paused',
  stopping: 'Stopped',
  done: 'Done',
  error: 'Failed',
};

/**
 * The run's progress: a bar over all epochs, then epoch, batch, images per second, time left and the
 * active backend. While preparing (generating images, compiling) the bar shows that phase instead.
 * `splitBySpeed`: the run's log line saying a slowed core made the workers share batches by speed.
 * `oneWorkerWhy`: the run's log line saying why it trains on one worker when more were asked for (a GPU
 * backend, no worker threads, a helper that failed to start).
 */
export function ProgressBar({
  status,
  progress,
  doneText,
  splitBySpeed,
  oneWorkerWhy,
}: {
  status: TrainingStatus;
  progress: LiveProgress | null;
  doneText?: string;
  splitBySpeed?: string | null;
  oneWorkerWhy?: string | null;
}) {
  const preparing = progress?.phase && progress.batch === 0;
  const fraction = progress ? (preparing ? (progress.phaseTotal ? progress.phaseDone / progress.phaseTotal : 0) : runFraction(progress)) : 0;
  const tone = status === 'error' ? 'bg-red-500' : status === 'paused' ? 'bg-amber-400' : status === 'done' ? 'bg-emerald-500' : 'bg-indigo-500';
  return (
    <div className="flex min-w-0 flex-1 items-center gap-3" data-testid="training-progress" data-status={status}>
      <span className="w-16 shrink-0 text-xs font-medium whitespace-nowrap text-slate-700" data-testid="training-status">
        {status === 'done' && doneText ? doneText : STATUS_TEXT[status]}
      </span>
      <div
        className="h-2 w-28 shrink-0 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        {/* Scaled, not resized: a transform animates on the compositor, where a width transition re-laid out and
            repainted the page every frame of a run (batch updates come 10 times a second, so it never stopped),
            taking main-thread time from training on a 2-core laptop. */}
        <div className={`h-full w-full origin-left ${tone} transition-transform duration-300`} style={{ transform: `scaleX(${fraction.toFixed(4)})` }} data-testid="progress-fill" />
      </div>
      {progress && (
        <div className="flex min-w-0 items-center gap-x-3 overflow-hidden font-mono text-[11px] whitespace-nowrap text-slate-600 tabular-nums">
          {preparing ? (
            <span data-testid="progress-phase">
              {progress.phase}
              {progress.phaseTotal > 1 ? ` ${progress.phaseDone}/${progress.phaseTotal}` : ''}
            </span>
          ) : (
            <>
              <span data-testid="progress-epoch">
                epoch {progress.epoch}/{progress.epochs}
              </span>
              <span data-testid="progress-batch">
                batch {progress.batch}/{progress.batches}
              </span>
              <span data-testid="progress-rate">{formatRate(progress.imagesPerSecond)}</span>
              <span data-testid="progress-eta" title="Estimated time left">
                ETA {formatDuration(progress.etaSeconds)}
              </span>
            </>
          )}
          {progress.backend && (
            <span className="rounded bg-slate-100 px-1 text-slate-700" data-testid="progress-backend" title="The tfjs backend doing the maths">
              {progress.backend}
            </span>
          )}
          {(progress.workers ?? 1) > 1 && (
            <span className="text-slate-500" title="Workers sharing each batch, each on a core of its own" data-testid="progress-workers">
              × {progress.workers} workers
            </span>
          )}
          {progress.workers === 1 && oneWorkerWhy && (
            <span className="text-slate-500" title={oneWorkerWhy} data-testid="progress-one-worker">
              1 worker
            </span>
          )}
          {(progress.workers ?? 1) > 1 && splitBySpeed && (
            <span className="text-slate-500" title={splitBySpeed} data-testid="progress-split-by-speed">
              shared by speed
            </span>
          )}
          {progress.memory && (
            <span className="text-slate-500" title="Tensors held by tfjs after the last epoch: the same number every epoch means nothing leaks" data-testid="progress-memory">
              {formatCount(progress.memory.numTensors)} tensors · {formatBytes(progress.memory.numBytes)}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
