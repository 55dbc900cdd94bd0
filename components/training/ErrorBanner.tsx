'use client';

import type { TrainingError } from '../store/training/trainingState';

const TITLES: Record<TrainingError['code'], string> = {
  diverged: 'Training diverged',
  'invalid-graph': 'The graph cannot be trained yet',
  data: 'The data does not fit this graph',
  'gpu-lost': 'The GPU stopped working',
  internal: 'Training failed',
  worker: 'The training worker stopped',
};

/** A one-click fix offered with a message, e.g. "Use learning rate 0.001". */
export interface BannerAction {
  label: string;
  run: () => void;
}

function ActionButton({ action, tone }: { action: BannerAction; tone: 'red' | 'amber' }) {
  return (
    <button
      type="button"
      className={`shrink-0 rounded-md bg-white px-2 py-0.5 font-medium ring-1 ${tone === 'red' ? 'text-red-800 ring-red-300 hover:bg-red-100' : 'text-amber-900 ring-amber-300 hover:bg-amber-100'}`}
      onClick={action.run}
      data-testid="banner-action"
    >
      {action.label}
    </button>
  );
}

/** A failed run: what happened and what to try. The editor keeps working underneath. */
export function ErrorBanner({ error, onDismiss, action }: { error: TrainingError; onDismiss: () => void; action?: BannerAction | null }) {
  return (
    <div className="flex items-start gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-900" role="alert" data-testid="training-error" data-code={error.code}>
      <div className="min-w-0 flex-1">
        <div className="font-semibold">{TITLES[error.code]}</div>
        <p className="mt-0.5 whitespace-pre-line" data-testid="training-error-message">
          {error.message}
        </p>
        <p className="mt-1 text-red-800">
          <span className="font-medium">What to try: </span>
          <span data-testid="training-error-hint">{error.hint}</span>
        </p>
      </div>
      {action && <ActionButton action={action} tone="red" />}
      <button type="button" className="rounded px-1.5 py-0.5 text-red-700 hover:bg-red-100" onClick={onDismiss} aria-label="Dismiss the error" data-testid="training-error-dismiss">
        Dismiss
      </button>
    </div>
  );
}

/** A warning from the running worker (the loss is rising): the run goes on, the message says what to change. */
export function WarningBanner({ message, action }: { message: string; action?: BannerAction | null }) {
  return (
    <div className="flex items-center gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900" role="status" data-testid="training-warning">
      <span className="min-w-0 flex-1">
        <span className="font-semibold">Warning: </span>
        {message}
      </span>
      {action && <ActionButton action={action} tone="amber" />}
    </div>
  );
}
