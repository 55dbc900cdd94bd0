'use client';

import type { ExportView } from './exportView';
import type { WeightsOffer } from './trainedWeights';
import type { WeightsFetch } from './useTrainedWeights';

/** Whether trained weights are in the export, and why or why not, with the include toggle when there are some. */
export function WeightsNote({
  offer,
  include,
  onInclude,
  fetched,
  view,
}: {
  offer: WeightsOffer;
  include: boolean;
  onInclude: (on: boolean) => void;
  fetched: WeightsFetch | null;
  view: ExportView | null;
}) {
  let tone: 'good' | 'plain' | 'warn' = 'plain';
  let text: string;
  let included = false;
  const fresh = 'the code builds the model with freshly initialised weights.';
  if (offer.kind === 'unavailable') {
    text = `No trained weights: ${fresh} ${offer.reason}`;
  } else if (!include) {
    text = `Trained weights left out: ${fresh}`;
  } else if (!fetched || fetched.state === 'loading') {
    text = `Fetching the trained weights of run ${offer.run.number} from the training worker…`;
  } else if (fetched.state === 'failed') {
    tone = 'warn';
    text = `The trained weights could not be fetched (${fetched.message}), so ${fresh}`;
  } else if (view?.status === 'ready' && view.weightsError) {
    tone = 'warn';
    text = `The trained weights do not fit this graph (${view.weightsError}), so ${fresh}`;
  } else {
    tone = 'good';
    included = true;
    text = `Trained weights included. ${offer.summary}.`;
  }
  const tones = {
    good: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    plain: 'border-slate-200 bg-slate-50 text-slate-700',
    warn: 'border-amber-200 bg-amber-50 text-amber-900',
  };
  return (
    <div
      className={`flex items-center gap-3 border-b px-5 py-2.5 text-sm ${tones[tone]}`}
      role="status"
      data-testid="export-weights-note"
      data-weights={included ? 'trained' : 'fresh'}
    >
      <span className={`h-2 w-2 shrink-0 rounded-full ${tone === 'good' ? 'bg-emerald-500' : tone === 'warn' ? 'bg-amber-500' : 'bg-slate-400'}`} aria-hidden />
      <p className="min-w-0 flex-1 leading-snug">{text}</p>
      {offer.kind === 'available' && (
        <label className="flex shrink-0 items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={include} onChange={(e) => onInclude(e.target.checked)} className="h-4 w-4 accent-indigo-600" data-testid="export-include-weights" />
          Include trained weights
        </label>
      )}
    </div>
  );
}
