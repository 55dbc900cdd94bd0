'use client';

import type { ExportView } from './exportView';
import type { WeightsOffer } from './trainedWeights';
import type { ImportedFetch } from './useImportedArtifacts';
import type { WeightsFetch } from './useTrainedWeights';
import type { ImportedOffer, WeightsSource } from './weightsChoice';

const FRESH = 'the code builds the model with freshly initialised weights.';

/** "conv_b starts fresh" / "conv_b and fc start fresh", by node name. */
function freshNames(names: string[]): string {
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0];
  return `${list} start${names.length === 1 ? 's' : ''} fresh (${names.length === 1 ? 'its shape' : 'their shapes'} changed since the import)`;
}

/** The note's tone, text and whether weights are in the files, for the chosen source and what was fetched. */
function describe(
  source: WeightsSource,
  trained: WeightsOffer,
  imported: ImportedOffer,
  fetched: WeightsFetch | null,
  importedFetch: ImportedFetch | null,
  view: ExportView | null,
  nodeName: (id: string) => string,
): { tone: 'good' | 'plain' | 'warn'; text: string; included: boolean } {
  const misfit = view?.status === 'ready' && view.weightsError;
  if (source === 'trained' && trained.kind === 'available') {
    if (!fetched || fetched.state === 'loading') return { tone: 'plain', text: `Fetching the trained weights of run ${trained.run.number} from the training worker…`, included: false };
    if (fetched.state === 'failed') return { tone: 'warn', text: `The trained weights could not be fetched (${fetched.message}), so ${FRESH}`, included: false };
    if (misfit) return { tone: 'warn', text: `The trained weights do not fit this graph (${view.weightsError}), so ${FRESH}`, included: false };
    return { tone: 'good', text: `Trained weights included. ${trained.summary}.`, included: true };
  }
  if (source === 'imported' && imported.kind === 'available') {
    if (!importedFetch || importedFetch.state === 'loading') return { tone: 'plain', text: `Preparing the imported weights of ${imported.label}…`, included: false };
    if (importedFetch.state === 'failed') return { tone: 'warn', text: `The imported weights could not be prepared (${importedFetch.message}), so ${FRESH}`, included: false };
    if (misfit) return { tone: 'warn', text: `The imported weights do not fit this graph (${view.weightsError}), so ${FRESH}`, included: false };
    const { applied, skipped } = importedFetch.result;
    const layers = `${applied.length} layer${applied.length === 1 ? '' : 's'}`;
    const fresh = skipped.length ? `; ${freshNames(skipped.map((s) => nodeName(s.nodeId)))}` : '';
    return { tone: skipped.length ? 'warn' : 'good', text: `Imported weights included, as read from ${imported.label} (not trained here): ${layers}${fresh}.`, included: true };
  }
  if (trained.kind === 'unavailable' && imported.kind === 'unavailable') return { tone: 'plain', text: `No trained weights: ${FRESH} ${trained.reason}`, included: false };
  return { tone: 'plain', text: `Weights left out: ${FRESH}`, included: false };
}

const LABELS: Record<WeightsSource, string> = { trained: 'Trained (last run)', imported: 'Imported (from the file)', none: 'None (fresh)' };

/**
 * Which weights are in the export, and why or why not, with the choice of source when there is one: the last
 * run's trained weights, the imported model's, or none.
 */
export function WeightsNote({
  source,
  sources,
  onSource,
  trained,
  imported,
  fetched,
  importedFetch,
  view,
  nodeName,
}: {
  source: WeightsSource;
  sources: WeightsSource[];
  onSource: (source: WeightsSource) => void;
  trained: WeightsOffer;
  imported: ImportedOffer;
  fetched: WeightsFetch | null;
  importedFetch: ImportedFetch | null;
  view: ExportView | null;
  nodeName: (id: string) => string;
}) {
  const { tone, text, included } = describe(source, trained, imported, fetched, importedFetch, view, nodeName);
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
      data-weights={included ? source : 'fresh'}
    >
      <span className={`h-2 w-2 shrink-0 rounded-full ${tone === 'good' ? 'bg-emerald-500' : tone === 'warn' ? 'bg-amber-500' : 'bg-slate-400'}`} aria-hidden />
      <p className="min-w-0 flex-1 leading-snug">{text}</p>
      {sources.length > 1 && (
        <label className="flex shrink-0 items-center gap-2 text-sm font-medium">
          Weights
          <select
            value={source}
            onChange={(e) => onSource(e.target.value as WeightsSource)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
            data-testid="export-weights-choice"
          >
            {sources.map((s) => (
              <option key={s} value={s}>
                {LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
