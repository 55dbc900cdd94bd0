'use client';

import { useEffect, useRef, useState } from 'react';
import { droppedFiles, type DroppedEntry, type InspectReport } from '@/engine/datasets/import';
import { ImportCancelled, ImportClient } from '@/engine/worker/importClient';
import type { ImportInput } from '@/engine/worker/importProtocol';
import { taskInfo } from '@/graph/tasks';
import { useAppStoreApi } from '../store/StoreProvider';
import { useDialogFocus } from '../ui/dialogFocus';
import { importTarget, reportLines } from './importView';

type Step =
  | { kind: 'choose' }
  | { kind: 'inspecting'; label: string; done: number; total: number }
  | { kind: 'inspected'; input: ImportInput; report: InspectReport }
  | { kind: 'importing'; label: string; done: number; total: number }
  | { kind: 'imported'; count: number; taskTitle: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/**
 * "Use my own data": pick a folder (`webkitdirectory`), a .zip, or drop either; the dialog inspects it
 * (layout, classes, counts, skipped files), then imports it at the graph's input size. Reading and decoding
 * run in a web worker (engine/worker/importWorker.ts) with progress, so a large or hostile file never
 * freezes the page, and Cancel ends the work at once. The data is kept in memory for training this task;
 * nothing is uploaded anywhere.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useAppStoreApi();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [over, setOver] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);
  const zipInput = useRef<HTMLInputElement>(null);
  const client = useRef<ImportClient | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useDialogFocus(dialog, open);

  useEffect(() => {
    // The folder picker attribute is not in React's typings; set it on the element.
    folderInput.current?.setAttribute('webkitdirectory', '');
    if (open) setStep({ kind: 'choose' });
  }, [open]);
  // The worker lives while the dialog can use it; closing the dialog or leaving the page ends it.
  useEffect(() => {
    if (open) return;
    client.current?.dispose();
    client.current = null;
  }, [open]);
  useEffect(() => () => client.current?.dispose(), []);

  if (!open) return null;
  const busy = step.kind === 'inspecting' || step.kind === 'importing';
  const worker = () => (client.current ??= new ImportClient());

  const failed = (e: unknown) => setStep(e instanceof ImportCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: e instanceof Error ? e.message : String(e) });

  const inspect = async (make: () => Promise<ImportInput>, label: string) => {
    setStep({ kind: 'inspecting', label, done: 0, total: 0 });
    try {
      const input = await make();
      const report = await worker().inspect(input, (done, total) => setStep({ kind: 'inspecting', label, done, total }));
      setStep({ kind: 'inspected', input, report });
    } catch (e) {
      failed(e);
    }
  };

  const cancel = () => client.current?.cancel();

  const runImport = async (input: ImportInput, report: InspectReport) => {
    const target = importTarget(report, api.getState().doc);
    const info = taskInfo(target.taskId);
    setStep({ kind: 'importing', label: input.label, done: 0, total: report.images });
    try {
      const { dataset } = await worker().import(input, { taskId: target.taskId, size: target.size, channels: target.channels }, (done, total) =>
        setStep({ kind: 'importing', label: input.label, done, total }),
      );
      if (!info) throw new Error(`No task ${target.taskId} to train this data on.`);
      const s = api.getState();
      if (s.doc.task.id !== target.taskId) s.setTask({ id: target.taskId, ...(info.kind === 'segmentation' ? { maskMode: 'binary' as const } : {}) });
      s.setImportedData({ dataset, info });
      s.notify(`Imported ${dataset.count} images: Train now uses them for ${info.title}.`, 'success');
      setStep({ kind: 'imported', count: dataset.count, taskTitle: info.title });
    } catch (e) {
      failed(e);
    }
  };

  const onFiles = (files: FileList | null, zip: boolean) => {
    if (!files || files.length === 0) return;
    if (zip) {
      const file = files[0];
      void inspect(async () => ({ kind: 'zip', label: file.name, file }), file.name);
    } else {
      const label = files[0].webkitRelativePath.split('/')[0] || 'selected folder';
      const list = [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
      void inspect(async () => ({ kind: 'files', label, files: list }), label);
    }
  };

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    const items = [...e.dataTransfer.items];
    const entries = items.map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x) as unknown as DroppedEntry[];
    const single = e.dataTransfer.files.length === 1 ? e.dataTransfer.files[0] : null;
    if (single && single.name.toLowerCase().endsWith('.zip') && !(entries[0]?.isDirectory ?? false)) {
      void inspect(async () => ({ kind: 'zip', label: single.name, file: single }), single.name);
    } else if (entries.length) {
      const label = entries.length === 1 ? entries[0].name : 'dropped files';
      void inspect(async () => ({ kind: 'files', label, files: await droppedFiles(entries) }), label);
    }
  };

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4" onKeyDown={(e) => e.key === 'Escape' && (busy ? cancel() : onClose())}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="import-title" className="w-full max-w-xl rounded-xl bg-white p-5 shadow-2xl" data-testid="import-dialog">
        <h2 id="import-title" className="text-base font-semibold text-slate-900">
          Use my own data
        </h2>
        <p className="mt-1 text-xs text-slate-600">
          HAM10000 (metadata CSV and image folders, or hmnist CSVs), the Brain Tumor MRI dataset (Training/ and Testing/) or LGG kaggle_3m, as downloaded. Images are read on this computer and never uploaded.
        </p>
        <div
          className={`mt-3 flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-5 text-xs ${over ? 'border-indigo-400 bg-indigo-50' : 'border-slate-300'}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="import-drop"
        >
          <span className="text-slate-600">Drop a folder or a .zip here, or</span>
          <div className="flex gap-2">
            <button type="button" className="btn" disabled={busy} onClick={() => folderInput.current?.click()}>
              Choose folder…
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => zipInput.current?.click()}>
              Choose .zip…
            </button>
          </div>
          <input ref={folderInput} type="file" multiple className="hidden" onChange={(e) => onFiles(e.target.files, false)} aria-label="Dataset folder" data-testid="import-folder-input" />
          <input ref={zipInput} type="file" accept=".zip,application/zip" className="hidden" onChange={(e) => onFiles(e.target.files, true)} aria-label="Dataset zip" data-testid="import-zip-input" />
        </div>
        <div className="mt-3 min-h-12 text-xs" data-testid="import-status" aria-live="polite">
          {step.kind === 'inspecting' && (
            <p className="text-slate-600">
              Looking at {step.label}…{step.total > 0 && ` ${step.done} of ${step.total} files`}
            </p>
          )}
          {step.kind === 'cancelled' && (
            <p className="text-slate-600" data-testid="import-cancelled">
              Cancelled. Nothing was imported; choose a folder or a .zip to start again.
            </p>
          )}
          {step.kind === 'inspected' && (
            <div>
              <ul className="list-disc space-y-0.5 pl-4 text-slate-700">
                {reportLines(step.report).map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
              <p className="mt-2 text-slate-600">
                Import as {taskInfo(importTarget(step.report, api.getState().doc).taskId)?.title} at {importTarget(step.report, api.getState().doc).size} px.
              </p>
            </div>
          )}
          {step.kind === 'importing' && (
            <div>
              <p className="text-slate-600">
                Reading {step.label}: {step.done} of {step.total} images…
              </p>
              <div className="mt-1 h-1.5 rounded-full bg-slate-200">
                <div className="h-full rounded-full bg-indigo-500" style={{ width: `${step.total ? (100 * step.done) / step.total : 0}%` }} />
              </div>
            </div>
          )}
          {step.kind === 'imported' && (
            <p className="text-emerald-700" data-testid="import-done">
              {step.count} images imported for {step.taskTitle}. Press Train to learn from them.
            </p>
          )}
          {step.kind === 'failed' && (
            <p className="text-red-700" role="alert" data-testid="import-error">
              {step.message}
            </p>
          )}
        </div>
        <div className="mt-4 flex justify-end gap-2">
          {busy ? (
            <button type="button" className="btn" onClick={cancel} data-testid="import-cancel">
              Cancel
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose} data-testid="import-close">
              {step.kind === 'imported' ? 'Done' : 'Close'}
            </button>
          )}
          {step.kind === 'inspected' && (
            <button type="button" className="btn btn-primary" onClick={() => void runImport(step.input, step.report)} data-testid="import-confirm">
              Import {step.report.images.toLocaleString('en')} images
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
