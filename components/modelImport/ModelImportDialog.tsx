'use client';

import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { BlobFile } from '@/engine/datasets/import/source';
import { canvasAspect } from '../canvas/viewAspect';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { ImportSummary } from './ImportSummary';
import { importModelFiles } from '../canvas/fileDrop';

/** What the file pickers accept: tfjs model.json + shards, zips, Keras and ONNX files. */
const ACCEPT = '.json,.bin,.zip,.keras,.h5,.hdf5,.onnx,application/json,application/zip';

/**
 * The Import model dialog: choose files or a folder (or drop them on the canvas), watch the progress (the
 * import worker drives it; Cancel ends the worker), read the summary of what came along, and open the graph. Nothing leaves the machine: files are read here.
 */
export function ModelImportDialog({ onClose }: { onClose: () => void }) {
  const api = useAppStoreApi();
  const state = useAppStore((s) => s.modelImport);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const primary = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Folder pickers need the non-standard attribute; React does not pass it through as a prop.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  useEffect(() => {
    primary.current?.focus();
  }, [state.status]);

  const choose = (list: FileList | null) => {
    if (list?.length) importModelFiles(api, [...list] as BlobFile[]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <div role="dialog" aria-modal="true" aria-labelledby="model-import-title" className="w-full max-w-xl rounded-2xl bg-white p-5 shadow-2xl ring-1 ring-slate-900/5" data-testid="model-import-dialog">
        <div className="flex items-start gap-3">
          <h2 id="model-import-title" className="flex-1 text-base font-semibold text-slate-900">
            Import a trained model
          </h2>
          <button type="button" onClick={onClose} aria-label="Close" className="-mt-1 -mr-2 rounded-md px-2 py-1 text-xl leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-800">
            ×
          </button>
        </div>
        <div className="mt-3">
          {state.status === 'idle' && (
            <div className="space-y-3 text-sm text-slate-600">
              <p>
                A TensorFlow.js model (its folder: model.json and the weight files, or a .zip of it), a Keras .keras or .h5 file, a Keras architecture .json, or an ONNX file (as torch.onnx.export writes it). The model opens as a graph with its weights,
                ready to inspect, fine-tune on a bundled task and export again. You can also drop it on the canvas. Files are read on this computer and never uploaded.
              </p>
              <div className="flex gap-2">
                <button ref={primary} type="button" className="btn btn-primary" onClick={() => folderInput.current?.click()} data-testid="model-import-folder">
                  Choose a folder…
                </button>
                <button type="button" className="btn" onClick={() => filesInput.current?.click()} data-testid="model-import-files">
                  Choose files…
                </button>
              </div>
            </div>
          )}
          {state.status === 'reading' && (
            <div className="space-y-2 text-sm text-slate-600" data-testid="model-import-progress">
              <p>
                Reading {state.label}: {state.phase.toLowerCase()}…
              </p>
              <progress className="h-2 w-full accent-indigo-600" max={Math.max(1, state.total)} value={state.done} aria-label="Import progress" data-testid="model-import-bar" />
              <p className="text-xs text-slate-500">The model is read in the background: the page stays usable, and Cancel stops it.</p>
            </div>
          )}
          {state.status === 'failed' && (
            <div className="space-y-3 text-sm" data-testid="model-import-error">
              <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-800">
                Could not import {state.label}: {state.message}
              </p>
              <p className="text-slate-500">Your graph was not changed.</p>
            </div>
          )}
          {state.status === 'ready' && <ImportSummary model={state.model} />}
        </div>
        <div className="mt-4 flex justify-end gap-2">
          {state.status === 'failed' && (
            <button ref={primary} type="button" className="btn" onClick={() => api.getState().dismissModelImport()}>
              Try another model
            </button>
          )}
          {state.status === 'reading' ? (
            <button ref={primary} type="button" className="btn" onClick={() => api.getState().dismissModelImport()} data-testid="model-import-cancel">
              Cancel import
            </button>
          ) : (
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {state.status === 'ready' ? 'Cancel' : 'Close'}
            </button>
          )}
          {state.status === 'ready' && (
            <button
              ref={primary}
              type="button"
              className="btn btn-primary"
              data-testid="model-import-open"
              onClick={() => {
                if (api.getState().openImportedModel(canvasAspect())) onClose();
              }}
            >
              Open on the canvas
            </button>
          )}
        </div>
        <input ref={filesInput} type="file" multiple accept={ACCEPT} className="hidden" aria-label="Model files" data-testid="model-import-files-input" onChange={(e) => (choose(e.target.files), (e.target.value = ''))} />
        <input ref={folderInput} type="file" className="hidden" aria-label="Model folder" data-testid="model-import-folder-input" onChange={(e) => (choose(e.target.files), (e.target.value = ''))} />
      </div>
    </div>
  );
}
