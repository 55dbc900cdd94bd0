'use client';

import { useEffect, useRef, useState } from 'react';
import { catalogueEntry } from '@/engine/datasets/catalogue';
import { templateById } from '@/graph/templates';
import { templateDocument } from '@/graph/edit';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { formatPercent } from './format';
import { SampleCanvas } from '../ui/SampleCanvas';
import { classCounts, PICKER_TASKS, taskThumbnails, type TaskThumb } from './taskSamples';

/** The template that suits each kind of task. */
const TEMPLATE_FOR = { classification: 'first-cnn', segmentation: 'unet' } as const;

/** One task card: title, notice, sample images per class, the real class counts, and the choices. */
function TaskCard({ taskId, thumbs, current, onChoose }: { taskId: string; thumbs: TaskThumb[] | null; current: boolean; onChoose: (withTemplate: boolean) => void }) {
  const entry = catalogueEntry(taskId);
  if (!entry) return null;
  const counts = classCounts(taskId);
  const template = templateById(TEMPLATE_FOR[entry.kind]);
  return (
    <li className={`flex flex-col rounded-lg border p-3 ${current ? 'border-indigo-400 ring-2 ring-indigo-100' : 'border-slate-200'}`} data-testid={`task-card-${taskId}`}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{entry.title}</h3>
        <span className="rounded bg-slate-100 px-1.5 text-[10px] text-slate-600">{entry.kind}</span>
      </div>
      <div className="mt-2 flex min-h-16 flex-wrap gap-1.5" aria-label="Sample images">
        {thumbs === null ? (
          <span className="text-[11px] text-slate-500">Generating sample images…</span>
        ) : (
          thumbs.map((t, i) => (
            <figure key={i} className="m-0 text-center">
              <SampleCanvas sample={t} mask={t.mask} size={48} label={`Generated ${entry.classes[t.classIndex]?.name} example`} />
              <figcaption className="max-w-12 truncate font-mono text-[9px] text-slate-500">{entry.classes[t.classIndex]?.name}</figcaption>
            </figure>
          ))
        )}
      </div>
      <table className="mt-2 text-[11px]">
        <caption className="text-left text-[10px] text-slate-500">{entry.frequencySource}</caption>
        <tbody>
          {counts.map((c) => (
            <tr key={c.name} title={c.fullName}>
              <th scope="row" className="pr-2 text-left font-mono font-normal text-slate-700">
                {c.name}
              </th>
              <td className="w-full">
                <div className="h-1.5 rounded-full bg-slate-100">
                  <div className="h-full rounded-full bg-indigo-400" style={{ width: `${Math.max(1, c.share * 100)}%` }} />
                </div>
              </td>
              <td className="pl-2 text-right font-mono text-slate-600 tabular-nums">{c.count.toLocaleString('en')}</td>
              <td className="pl-1 text-right font-mono text-slate-500 tabular-nums">{formatPercent(c.share, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-[10px] leading-snug text-slate-500">{entry.notice}</p>
      <div className="mt-auto flex flex-wrap gap-1.5 pt-2">
        <button type="button" className="btn px-2 py-0.5 text-xs" onClick={() => onChoose(false)} disabled={current} data-testid={`task-use-${taskId}`}>
          {current ? 'In use' : 'Use this task'}
        </button>
        {template && (
          <button type="button" className="btn btn-primary px-2 py-0.5 text-xs" onClick={() => onChoose(true)} data-testid={`task-template-${taskId}`}>
            Start with {template.title}
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * The task picker dialog: the three bundled tasks with generated sample images and the real datasets'
 * class counts, and an entry for importing one's own data. Choosing a task uses the editor's own verbs
 * (setTask, or loadDocument with the matching template), so it stays in step with the header's task selector.
 */
export function TaskPicker({ open, onClose, onImport }: { open: boolean; onClose: () => void; onImport: () => void }) {
  const api = useAppStoreApi();
  const taskId = useAppStore((s) => s.doc.task.id);
  const [thumbs, setThumbs] = useState<Record<string, TaskThumb[]>>({});
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    dialog.current?.focus();
    // One task per timer tick, so the dialog paints before (and between) the generators run.
    const timers: ReturnType<typeof setTimeout>[] = [];
    PICKER_TASKS.forEach((id, i) => {
      if (thumbs[id]) return;
      timers.push(setTimeout(() => setThumbs((t) => ({ ...t, [id]: taskThumbnails(id) })), 30 + i * 30));
    });
    return () => timers.forEach(clearTimeout);
  }, [open, thumbs]);

  if (!open) return null;
  const choose = (id: string, withTemplate: boolean) => {
    const s = api.getState();
    const entry = catalogueEntry(id);
    const template = entry ? templateById(TEMPLATE_FOR[entry.kind]) : undefined;
    if (withTemplate && template) {
      if (s.loadDocument(templateDocument(template, { id }))) {
        s.setTemplateNote(template.id);
        s.notify(`Loaded ${template.title} for ${entry?.title}. Press Ctrl+Z to go back.`, 'success');
      }
    } else {
      s.setTask({ id });
    }
    onClose();
  };
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4" onKeyDown={(e) => e.key === 'Escape' && onClose()} onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} tabIndex={-1} role="dialog" aria-modal="true" aria-labelledby="task-picker-title" className="max-h-full w-full max-w-5xl overflow-auto rounded-xl bg-white p-5 shadow-2xl focus:outline-none" data-testid="task-picker">
        <div className="flex items-center justify-between">
          <h2 id="task-picker-title" className="text-base font-semibold text-slate-900">
            Choose what to learn
          </h2>
          <button type="button" className="btn" onClick={onClose} data-testid="task-picker-close">
            Close
          </button>
        </div>
        <ul className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-3">
          {PICKER_TASKS.map((id) => (
            <TaskCard key={id} taskId={id} thumbs={thumbs[id] ?? null} current={taskId === id} onChoose={(t) => choose(id, t)} />
          ))}
        </ul>
        <div className="mt-3 flex items-center justify-between gap-3 rounded-lg border border-dashed border-slate-300 p-3">
          <div className="text-xs text-slate-600">
            <div className="font-semibold text-slate-800">Use my own data</div>
            HAM10000, its hmnist CSVs, the Brain Tumor MRI dataset or LGG kaggle_3m, as downloaded: a folder or a .zip. Images are read on this computer and never uploaded.
          </div>
          <button type="button" className="btn shrink-0" onClick={onImport} data-testid="task-import">
            Import data…
          </button>
        </div>
      </div>
    </div>
  );
}
