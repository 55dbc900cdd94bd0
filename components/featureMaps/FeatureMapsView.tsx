'use client';

import { useEffect, useMemo, useState } from 'react';
import { channelImage, type FeatureMapsResult } from '@/engine/featureMaps';
import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { SampleCanvas } from '../ui/SampleCanvas';
import { filterRgba } from './filterImage';
import { PixelCanvas } from '../ui/PixelCanvas';
import { grayRgba } from './grayRgba';
import { sampleInputs } from './sampleInputs';

/** Channels shown per layer. */
const CHANNELS = 12;

/**
 * The training panel's "Feature maps" tab: pick one of a few images of the task and see what each
 * convolution, pooling and activation layer of the last finished run makes of it (first channels, each map
 * scaled to its own range), and the first convolution's learned filters, as CNN Explainer does.
 */
export function FeatureMapsView() {
  const api = useAppStoreApi();
  const status = useAppStore((s) => s.training.status);
  const runId = useAppStore((s) => s.training.currentRunId);
  const taskId = useAppStore((s) => s.doc.task.id);
  const inputShape = useAppStore((s) => selectAnalysis(s).report.context?.inputShape ?? null);
  const [h, w, c] = inputShape && inputShape.length === 4 ? (inputShape.slice(1) as number[]) : [0, 0, 0];
  const samples = useMemo(() => (h > 0 ? sampleInputs(taskId, h, w, c) : []), [taskId, h, w, c]);
  const [chosen, setChosen] = useState(0);
  const [result, setResult] = useState<FeatureMapsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = status === 'done' && runId !== null;

  useEffect(() => {
    const sample = samples[chosen];
    if (!ready || !runId || !sample) return;
    let live = true;
    setError(null);
    api
      .getState()
      .requestFeatureMaps(runId, sample.input, CHANNELS)
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api, ready, runId, samples, chosen]);

  if (!ready) return <p className="text-xs text-slate-500">Train the graph (or let the run end) to see what each layer makes of an image.</p>;
  if (samples.length === 0) return <p className="text-xs text-slate-500">No sample images for this task.</p>;
  return (
    <div className="space-y-3" data-testid="feature-maps">
      <div className="flex items-center gap-2">
        <span className="text-xs text-slate-600">Image:</span>
        {samples.map((s, i) => (
          <button key={i} type="button" onClick={() => setChosen(i)} className={`rounded border-2 ${i === chosen ? 'border-indigo-500' : 'border-transparent'}`} aria-pressed={i === chosen} data-testid={`feature-sample-${i}`}>
            <SampleCanvas sample={s.display} size={40} label={`Sample image ${i + 1}`} />
          </button>
        ))}
      </div>
      {error && <p className="text-xs text-rose-700" role="alert">{error}</p>}
      {result?.filters && (
        <section aria-label="First-layer filters">
          <h3 className="text-xs font-semibold text-slate-700">
            Learned filters of {result.filters.layer} ({result.filters.kernel}x{result.filters.kernel}, {result.filters.shown} of {result.filters.filters})
          </h3>
          <div className="mt-1 flex flex-wrap gap-1" data-testid="feature-filters">
            {Array.from({ length: result.filters.shown }, (_, f) => (
              <PixelCanvas key={f} rgba={filterRgba(result.filters!, f)} width={result.filters!.kernel} height={result.filters!.kernel} size={28} label={`Filter ${f + 1}`} />
            ))}
          </div>
        </section>
      )}
      {result?.maps.map((m) => (
        <section key={m.layer} aria-label={`Maps of ${m.layer}`} data-testid="feature-layer" data-layer={m.layer} data-class={m.className}>
          <h3 className="text-xs font-semibold text-slate-700">
            {m.layer} <span className="font-normal text-slate-500">{m.className} {m.height}x{m.width}x{m.channels}{m.shown < m.channels ? `, first ${m.shown}` : ''}</span>
          </h3>
          <div className="mt-1 flex flex-wrap gap-1">
            {Array.from({ length: m.shown }, (_, ch) => (
              <PixelCanvas key={ch} rgba={grayRgba(channelImage(m, ch))} width={m.width} height={m.height} size={48} label={`${m.layer} channel ${ch + 1}`} testId="feature-map" />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
