'use client';

import { useEffect, useState } from 'react';
import { autoWorkers, MAX_WORKERS } from '@/engine/parallel/workerCount';
import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';

/** This machine's logical cores as the page sees them: 1 until mounted (the static render has no navigator). */
function usePageCores(): number {
  const [cores, setCores] = useState(1);
  useEffect(() => setCores(navigator.hardwareConcurrency || 1), []);
  return cores;
}

const ABOUT_WORKERS =
  'Each worker trains on its share of every batch on a core of its own (wasm and cpu backends), and all of them apply the same averaged update: faster epochs for graphs with plenty of convolution per image (1.4-1.7x on 2 cores for the larger templates), about the same for a small one such as the First CNN, whose steps are mostly fixed costs. Auto takes the cores (keeping one for the page from 3 cores up), and fewer workers when the batch has too little work to share. The same seed and worker count repeat a run exactly, unless a core runs at under half the speed of another for a while: the batch is then shared by their speed (the run\'s log says so).';

/**
 * How many workers train (data parallel on wasm and cpu): Auto follows the machine's cores, keeping one for
 * the page from 3 cores up, and takes fewer when the graph's batch has too little work to share
 * (engine/parallel/workerCount.ts, the rule the training worker applies); a number overrides it for the next
 * runs. An app preference, saved across reloads, not part of the graph document.
 */
export function WorkersSetting() {
  const api = useAppStoreApi();
  const workers = useAppStore((s) => s.training.workers);
  const cores = usePageCores();
  const macsPerImage = useAppStore((s) => selectAnalysis(s).report.totals.macs);
  const batchSize = useAppStore((s) => s.doc.training.batchSize);
  const auto = autoWorkers(cores, { macsPerImage, batchSize });
  const choices = Array.from({ length: Math.min(MAX_WORKERS, Math.max(cores, 2)) }, (_, i) => i + 1);
  return (
    <div
      className="mt-1 flex items-center justify-between gap-2 py-0.5 sm:w-1/2 sm:pr-4"
      title={auto.why ? `${auto.why}\n\n${ABOUT_WORKERS}` : ABOUT_WORKERS}
      data-testid="setting-workers-row"
    >
      <label htmlFor="setting-workers" className="shrink-0 text-xs text-slate-600">
        Workers
      </label>
      <select
        id="setting-workers"
        value={workers === null ? 'auto' : String(workers)}
        onChange={(e) => api.getState().setWorkers(e.target.value === 'auto' ? null : Number(e.target.value))}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
        data-testid="setting-workers"
      >
        <option value="auto">
          Auto ({auto.workers} of {cores} cores{auto.why ? ' for this graph' : ''})
        </option>
        {choices.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}
