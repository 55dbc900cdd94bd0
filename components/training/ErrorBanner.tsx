'use client';

import type { TrainingError } from './trainingState';

const TITLES: Record<TrainingError['code'], string> = {
  diverged: 'Training diverged',
  'invalid-graph': 'The graph cannot be trained yet',
  data: 'The data does not fit this graph',
  internal: 'Training failed',
  worker: 'The training worker stopped',
};

/** A failed run: what happened and what to try. The editor keeps working underneath. */
export function ErrorBanner({ error, onDismiss }: { error: TrainingError; onDismiss: () => void }) {
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
      <button type="button" className="rounded px-1.5 py-0.5 text-red-700 hover:bg-red-100" onClick={onDismiss} aria-label="Dismiss the error" data-testid="training-error-dismiss">
        Dismiss
      </button>
    </div>
  );
}
