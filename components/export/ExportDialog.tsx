'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { EXPORT_TARGETS, exportFileName, type ExportTarget, type TrainedArtifacts } from '@/engine/export';
import { useAppStore } from '../store/StoreProvider';
import { trapFocus } from '../ui/dialogFocus';
import { ExportFooter } from './ExportFooter';
import { FileHeader, FileList } from './FilePane';
import { FileView } from './FileView';
import { InvalidGraph, Problem } from './InvalidGraph';
import { weightsOffer } from './trainedWeights';
import { useExportView } from './useExportView';
import { useImportedArtifacts, type ImportedFetch } from './useImportedArtifacts';
import { useTrainedWeights, type WeightsFetch } from './useTrainedWeights';
import { chosenSource, importedOffer, weightSources, type WeightsSource } from './weightsChoice';
import { WeightsNote } from './WeightsNote';

/** Tab labels and what each target gives, in one line. */
const TARGETS = {
  pytorch: {
    label: 'PyTorch',
    blurb: 'An nn.Module with build_model() and INPUT_SHAPE, and train.py for one CPU, one GPU or many GPUs (torchrun).',
  },
  keras: {
    label: 'Keras',
    blurb: 'The TensorFlow 2 functional API with the same layer names and settings, the loss and the optimiser.',
  },
  tfjs: {
    label: 'TensorFlow.js',
    blurb: 'An ES module that builds the model with tf.layers, for the browser or Node.',
  },
} satisfies Record<ExportTarget, { label: string; blurb: string }>;

/** The weights to export: null for none, undefined while the worker has not answered. */
function chosenWeights(source: WeightsSource, fetched: WeightsFetch | null, imported: ImportedFetch | null): TrainedArtifacts | null | undefined {
  if (source === 'trained') return fetched?.state === 'ready' ? fetched.artifacts : fetched?.state === 'failed' ? null : undefined;
  if (source === 'imported') return imported?.state === 'ready' ? imported.result.artifacts : imported?.state === 'failed' ? null : undefined;
  return null;
}

/**
 * The Export dialog: the graph as PyTorch, Keras or TensorFlow.js code, one tab per target, with its files,
 * the selected file highlighted, Copy, and Download as a .zip (code, weights, README). Trained weights are
 * offered when this session's last run finished for this very graph, an imported model's weights while its
 * nodes are on the canvas (kept across reloads); otherwise the note says plainly that the code starts from
 * fresh weights. A graph with errors shows them, each linked to its node. Code is
 * generated after the dialog paints (useExportView), never in a click handler.
 *
 * @example {open && <ExportDialog onClose={() => setOpen(false)} />}
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const doc = useAppStore((s) => s.doc);
  const training = useAppStore((s) => s.training);
  const imported = useAppStore((s) => s.importedData);
  const task = imported && imported.info.id === doc.task.id ? imported.info : undefined;
  const importedWeights = useAppStore((s) => s.importedWeights);
  const offer = useMemo(() => weightsOffer(training, doc), [training, doc]);
  const imports = useMemo(() => importedOffer(doc, importedWeights), [doc, importedWeights]);

  const [target, setTarget] = useState<ExportTarget>('pytorch');
  const [picked, setPicked] = useState<WeightsSource | null>(null);
  const source = chosenSource(picked, offer, imports);
  const [selected, setSelected] = useState<Partial<Record<ExportTarget, string>>>({});
  const fetched = useTrainedWeights(source === 'trained' && offer.kind === 'available' ? offer.run.id : null);
  const importedFetch = useImportedArtifacts(source === 'imported', doc, importedWeights);
  const weights = chosenWeights(source, fetched, importedFetch);
  const nodeName = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  const view = useExportView(doc, target, weights, task, source === 'imported' ? 'imported' : 'trained');

  const dialogRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<Partial<Record<ExportTarget, HTMLButtonElement | null>>>({});
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    tabRefs.current.pytorch?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The editor's shortcuts (Delete, Ctrl+Z...) must not act on the graph behind the dialog.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') trapFocus(e, dialogRef.current);
    else if ((e.ctrlKey || e.metaKey) && ['s', 'o', 'e'].includes(e.key.toLowerCase())) e.preventDefault();
  };

  const files = view?.status === 'ready' ? view.files : [];
  const file = files.find((f) => f.path === selected[target]) ?? files[0] ?? null;

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4 sm:p-6"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        aria-describedby="export-blurb"
        className="flex h-[min(88vh,860px)] w-full max-w-6xl flex-col overflow-hidden rounded-2xl bg-white shadow-2xl ring-1 ring-slate-900/5"
        data-testid="export-dialog"
      >
        <div className="border-b border-slate-200 px-5 pt-4">
          <div className="flex items-start gap-3">
            <div className="min-w-0 flex-1">
              <h2 id="export-title" className="truncate text-base font-semibold text-slate-900">
                Export {doc.name ? `“${doc.name}”` : 'the graph'} as code
              </h2>
              <p id="export-blurb" className="mt-0.5 text-sm text-slate-500">
                {TARGETS[target].blurb}
              </p>
            </div>
            <button
              type="button"
              onClick={onClose}
              className="-mt-1 -mr-2 rounded-md px-2 py-1 text-xl leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              aria-label="Close"
              data-testid="export-close"
            >
              ×
            </button>
          </div>
          <div role="tablist" aria-label="Export target" className="mt-3 -mb-px flex gap-1">
            {EXPORT_TARGETS.map((t, i) => (
              <button
                key={t}
                ref={(el) => {
                  tabRefs.current[t] = el;
                }}
                type="button"
                role="tab"
                id={`export-tab-${t}`}
                aria-selected={t === target}
                aria-controls="export-panel"
                tabIndex={t === target ? 0 : -1}
                onClick={() => setTarget(t)}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  e.preventDefault();
                  const next = EXPORT_TARGETS[(i + step + EXPORT_TARGETS.length) % EXPORT_TARGETS.length];
                  setTarget(next);
                  tabRefs.current[next]?.focus();
                }}
                className={`rounded-t-lg border px-4 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:-outline-offset-4 focus-visible:outline-indigo-400 ${
                  t === target ? 'border-slate-200 border-b-white bg-white text-indigo-700' : 'border-transparent text-slate-500 hover:bg-slate-50 hover:text-slate-800'
                }`}
                data-testid={`export-tab-${t}`}
              >
                {TARGETS[t].label}
              </button>
            ))}
          </div>
        </div>

        {view?.status !== 'invalid' && (
          <WeightsNote
            source={source}
            sources={weightSources(offer, imports)}
            onSource={setPicked}
            trained={offer}
            imported={imports}
            fetched={fetched}
            importedFetch={importedFetch}
            view={view}
            nodeName={nodeName}
          />
        )}

        <div id="export-panel" role="tabpanel" aria-labelledby={`export-tab-${target}`} className="flex min-h-0 flex-1" data-testid="export-panel" data-target={target}>
          {view === null ? (
            <Generating waitingForWeights={weights === undefined} />
          ) : view.status === 'ready' && file ? (
            <>
              <FileList files={files} current={file.path} onSelect={(path) => setSelected((s) => ({ ...s, [target]: path }))} />
              <div className="flex min-w-0 flex-1 flex-col">
                <FileHeader file={file} />
                <FileView file={file} files={files} />
              </div>
            </>
          ) : view.status === 'failed' ? (
            <Problem title="The export failed" messages={[view.message]} />
          ) : (
            <InvalidGraph fallback={view.status === 'invalid' ? view.messages : []} onClose={onClose} />
          )}
        </div>

        <ExportFooter view={view} fileName={exportFileName(doc, target)} onClose={onClose} />
      </div>
    </div>
  );
}

function Generating({ waitingForWeights }: { waitingForWeights: boolean }) {
  return (
    <div className="flex flex-1 items-center justify-center gap-3 text-sm text-slate-500" data-testid="export-generating">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />
      {waitingForWeights ? 'Waiting for the weights…' : 'Generating the code…'}
    </div>
  );
}
