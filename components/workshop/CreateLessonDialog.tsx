'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { GOAL_METRIC_LABELS, lessonUrl, type LessonGoal } from '@/graph/lesson';
import { classCodeProblem, suggestClassCode } from '@/graph/results';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { useDialogFocus } from '../ui/dialogFocus';
import { defaultGoal, editableOptions, goalMetricsFor, HIDEABLE, makeLesson } from './lockOptions';

/**
 * "Create lesson link": the current graph as a lesson. The facilitator ticks which controls stay
 * editable (all else locked) and which are hidden, whether layers may be added or removed, and a goal;
 * the link holds everything, so it works on offline laptops.
 */
export function CreateLessonDialog({ onClose }: { onClose: () => void }) {
  const api = useAppStoreApi();
  const doc = useMemo(() => api.getState().doc, [api]);
  const dataSize = useAppStore((s) => s.training.dataSize);
  const options = useMemo(() => editableOptions(doc), [doc]);
  const [title, setTitle] = useState(doc.name ?? 'Lesson');
  const [instructions, setInstructions] = useState('');
  const [editable, setEditable] = useState<string[]>(['training.learningRate']);
  const [hidden, setHidden] = useState<string[]>([]);
  const [structure, setStructure] = useState(false);
  const [goal, setGoal] = useState<LessonGoal>(() => defaultGoal(doc));
  const [copied, setCopied] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useDialogFocus(dialog);
  // Whether this page's server collects results (npm run serve -- --collect): then the link carries a class code.
  const [collecting, setCollecting] = useState(false);
  // The room's addresses of this server (from a page on the facilitator's own machine); links use the chosen one.
  const [origins, setOrigins] = useState<string[]>([]);
  const [origin, setOrigin] = useState<string | null>(null);
  const [sendResults, setSendResults] = useState(true);
  const [classCode, setClassCode] = useState(() => suggestClassCode(new Date()));
  const codeProblem = collecting && sendResults ? classCodeProblem(classCode) : null;
  useEffect(() => {
    const abort = new AbortController();
    fetch('/api/collect', { signal: abort.signal, cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { collecting?: boolean; origins?: string[] } | null) => {
        setCollecting(body?.collecting === true);
        const local = ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
        const found = local ? (body?.origins ?? []).filter((o) => /^http:\/\/[\d.]+:\d+$/.test(o)) : [];
        setOrigins(found);
        setOrigin(found[0] ?? null);
      })
      .catch(() => setCollecting(false));
    return () => abort.abort();
  }, []);
  const toggle = (list: string[], set: (l: string[]) => void, key: string) => set(list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);

  const create = async () => {
    if (codeProblem) return;
    const lesson = makeLesson(doc, {
      title: title.trim() || 'Lesson',
      instructions,
      locks: { editable, hidden, allowStructureEdits: structure },
      goal,
      // The facilitator's own number of images: every participant starts with what the goal was tried on.
      dataSize,
      ...(collecting && sendResults ? { classCode } : {}),
    });
    const url = lessonUrl(origin && collecting ? `${origin}/` : window.location.href, lesson);
    setCopied(url);
    try {
      await navigator.clipboard.writeText(url);
      api.getState().notify('Copied the lesson link: send it to the room.', 'success');
    } catch {
      api.getState().notify('Could not copy automatically: select the link in the box and copy it.', 'info');
    }
  };

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="lesson-dialog-title" className="flex max-h-[90vh] w-full max-w-2xl flex-col rounded-xl bg-white p-5 shadow-2xl" data-testid="create-lesson-dialog">
        <h2 id="lesson-dialog-title" className="text-base font-semibold text-slate-900">
          Create lesson link
        </h2>
        <p className="mt-1 text-xs text-slate-500">
          Participants start from this graph, task and training settings, with {dataSize} generated images (your current setting; they can lower it on a
          slow laptop). Everything not ticked as editable is locked.
        </p>
        <div className="mt-3 min-h-0 flex-1 space-y-3 overflow-y-auto pr-1 text-sm">
          <label className="block">
            <span className="text-xs font-medium text-slate-600">Title</span>
            <input className="mt-0.5 w-full rounded border border-slate-300 px-2 py-1" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="lesson-dialog-title-input" />
          </label>
          <label className="block">
            <span className="text-xs font-medium text-slate-600">Instructions (lines starting with &quot;- &quot; are bullets)</span>
            <textarea className="mt-0.5 h-20 w-full rounded border border-slate-300 px-2 py-1 text-xs" value={instructions} onChange={(e) => setInstructions(e.target.value)} />
          </label>
          <fieldset>
            <legend className="text-xs font-medium text-slate-600">Goal</legend>
            <div className="mt-0.5 flex flex-wrap items-center gap-2 text-xs">
              <select value={goal.metric} onChange={(e) => setGoal({ ...goal, metric: e.target.value as LessonGoal['metric'], op: e.target.value === 'valLoss' ? '<=' : '>=' })} className="rounded border border-slate-300 px-1 py-0.5" aria-label="Goal metric" data-testid="lesson-goal-metric">
                {goalMetricsFor(doc).map((m) => (
                  <option key={m} value={m}>
                    {GOAL_METRIC_LABELS[m]}
                  </option>
                ))}
              </select>
              <select value={goal.op} onChange={(e) => setGoal({ ...goal, op: e.target.value as LessonGoal['op'] })} className="rounded border border-slate-300 px-1 py-0.5" aria-label="Comparison">
                <option value=">=">≥</option>
                <option value="<=">≤</option>
              </select>
              <input type="number" step="0.05" value={goal.value} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && setGoal({ ...goal, value: e.target.valueAsNumber })} className="w-20 rounded border border-slate-300 px-1 py-0.5 text-right font-mono" aria-label="Goal value" data-testid="lesson-goal-value" />
              on
              <select value={goal.split} onChange={(e) => setGoal({ ...goal, split: e.target.value as LessonGoal['split'] })} className="rounded border border-slate-300 px-1 py-0.5" aria-label="Split">
                <option value="validation">validation</option>
                <option value="test">test</option>
              </select>
            </div>
          </fieldset>
          {collecting && (
            <fieldset className="rounded border border-indigo-200 bg-indigo-50 p-2" data-testid="lesson-class-board">
              <legend className="px-1 text-xs font-medium text-indigo-900">Class board</legend>
              <label className="flex items-center gap-2 text-xs text-slate-700">
                <input type="checkbox" checked={sendResults} onChange={(e) => setSendResults(e.target.checked)} data-testid="lesson-send-results" />
                Send participants&apos; finished runs to this server&apos;s class board (nickname, graph, settings, metrics; never images)
              </label>
              {sendResults && (
                <label className="mt-1 flex items-center gap-2 text-xs text-slate-700">
                  Class code
                  <input className={`w-48 rounded border px-1 py-0.5 font-mono ${codeProblem ? 'border-red-400' : 'border-slate-300'}`} value={classCode} onChange={(e) => setClassCode(e.target.value.trim())} data-testid="lesson-class-code" />
                  <a className="text-indigo-700 underline" href={`/board?class=${encodeURIComponent(classCode)}`} target="_blank" rel="noreferrer">
                    open its board
                  </a>
                </label>
              )}
              {codeProblem && <p className="mt-1 text-xs text-red-700">{codeProblem}</p>}
              {origins.length > 0 && (
                <label className="mt-1 flex items-center gap-2 text-xs text-slate-700">
                  Participants open
                  <select value={origin ?? ''} onChange={(e) => setOrigin(e.target.value)} className="rounded border border-slate-300 px-1 py-0.5 font-mono" data-testid="lesson-origin">
                    {origins.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                  <span className="text-slate-500">(this page is on localhost, which their laptops cannot open)</span>
                </label>
              )}
            </fieldset>
          )}
          <label className="flex items-center gap-2 text-xs text-slate-700">
            <input type="checkbox" className="h-4 w-4" checked={structure} onChange={(e) => setStructure(e.target.checked)} data-testid="lesson-allow-structure" />
            Participants may add, delete and connect layers
          </label>
          <fieldset>
            <legend className="text-xs font-medium text-slate-600">Editable controls</legend>
            <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs">
              {options.map((o) => (
                <label key={o.key} className="flex min-h-6 items-center gap-1.5 text-slate-700">
                  <input type="checkbox" className="h-4 w-4" checked={editable.includes(o.key)} onChange={() => toggle(editable, setEditable, o.key)} data-testid={`lesson-editable-${o.key}`} />
                  {o.label}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-xs font-medium text-slate-600">Hidden</legend>
            <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs">
              {HIDEABLE.map((o) => (
                <label key={o.key} className="flex min-h-6 items-center gap-1.5 text-slate-700">
                  <input type="checkbox" className="h-4 w-4" checked={hidden.includes(o.key)} onChange={() => toggle(hidden, setHidden, o.key)} data-testid={`lesson-hidden-${o.key}`} />
                  {o.label}
                </label>
              ))}
            </div>
          </fieldset>
          {copied && <textarea readOnly className="h-16 w-full rounded border border-slate-300 bg-slate-50 p-1 font-mono text-[10px]" value={copied} onFocus={(e) => e.target.select()} aria-label="Lesson link" data-testid="lesson-link-output" />}
        </div>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={codeProblem !== null} data-testid="lesson-copy-link">
            Copy lesson link
          </button>
        </div>
      </div>
    </div>
  );
}
