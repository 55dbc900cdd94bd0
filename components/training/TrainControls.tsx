'use client';

import type { TrainingStatus } from '../store/training/types';

export interface TrainControlsProps {
  status: TrainingStatus;
  /** Why Train is unavailable (graph errors), or null when it can start. */
  blockedReason: string | null;
  onTrain: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

const Play = () => (
  <svg viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="currentColor" aria-hidden>
    <path d="M7 4.5v15l13-7.5z" />
  </svg>
);
const Pause = () => (
  <svg viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="currentColor" aria-hidden>
    <rect x="6" y="4.5" width="4" height="15" rx="1" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" />
  </svg>
);
const Stop = () => (
  <svg viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="currentColor" aria-hidden>
    <rect x="5.5" y="5.5" width="13" height="13" rx="1.5" />
  </svg>
);

/** True while a run holds the worker (Train is replaced by Pause/Resume and Stop). */
export function isActive(status: TrainingStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'paused';
}

/**
 * Train / Pause / Resume / Stop. Stop takes effect in the UI at once (the worker finishes its batch in
 * the background); Train is disabled with the reason while the graph has errors.
 */
export function TrainControls({ status, blockedReason, onTrain, onPause, onResume, onStop }: TrainControlsProps) {
  if (!isActive(status)) {
    return (
      <button
        type="button"
        className="btn btn-primary"
        onClick={onTrain}
        disabled={blockedReason !== null || status === 'stopping'}
        title={blockedReason ?? 'Train this graph on the task\'s data (Ctrl+Enter)'}
        data-testid="train-button"
      >
        <Play />
        Train
      </button>
    );
  }
  return (
    <div className="flex items-center gap-1">
      {status === 'paused' ? (
        <button type="button" className="btn" onClick={onResume} title="Continue training" data-testid="resume-button">
          <Play />
          Resume
        </button>
      ) : (
        <button type="button" className="btn" onClick={onPause} disabled={status === 'starting'} title="Hold after the current batch" data-testid="pause-button">
          <Pause />
          Pause
        </button>
      )}
      <button type="button" className="btn btn-danger" onClick={onStop} title="End the run now (the test split is evaluated on what was learnt)" data-testid="stop-button">
        <Stop />
        Stop
      </button>
    </div>
  );
}
