'use client';

import { useState } from 'react';
import { inContext, type RunContext } from '../store/training/runContext';
import { runColour } from './curves';
import { formatDuration, formatPercent, formatRatio } from './format';
import type { RunRecord } from '../store/training/runs';

const STATUS_STYLE: Record<RunRecord['status'], string> = {
  running: 'bg-indigo-50 text-indigo-700',
  completed: 'bg-emerald-50 text-emerald-700',
  stopped: 'bg-slate-100 text-slate-600',
  diverged: 'bg-red-50 text-red-700',
  failed: 'bg-red-50 text-red-700',
};

/** The last validation figure of a run: balanced accuracy, or mean Dice. */
export function headlineFigure(run: RunRecord): string {
  const last = run.epochs.at(-1);
  if (!last) return '-';
  return run.kind === 'segmentation' ? `Dice ${formatRatio(last.meanDice)}` : `bal. acc ${formatPercent(last.balancedAccuracy)}`;
}

export interface RunsListProps {
  runs: readonly RunRecord[];
  currentId: string | null;
  onToggle: (id: string) => void;
  onDelete: (id: string) => void;
  onClear: () => void;
  onExport: (run: RunRecord, format: 'csv' | 'json') => void;
  /** Runs of another kind than the current task cannot be overlaid. */
  kind: 'classification' | 'segmentation';
  /** The graph's task, data and lesson: the list starts filtered to its runs (see runContext.ts). */
  context?: RunContext;
}

/** The session's runs, newest first: overlay on/off, what changed, how it ended, export, delete. */
export function RunsList({ runs, currentId, onToggle, onDelete, onClear, onExport, kind, context }: RunsListProps) {
  const [all, setAll] = useState(false);
  if (runs.length === 0) return <p className="text-xs text-slate-500">No runs yet. Press Train; each run is kept here so you can compare them.</p>;
  const here = context ? runs.filter((r) => inContext(r, context)) : runs;
  const listed = all || !context ? runs : here;
  const others = runs.length - here.length;
  return (
    <div data-testid="runs-list">
      {context && (
        <div className="mb-2 flex items-center gap-2 text-[11px] text-slate-600" role="group" aria-label="Which runs">
          {([false, true] as const).map((a) => (
            <button
              key={String(a)}
              type="button"
              aria-pressed={all === a}
              onClick={() => setAll(a)}
              className={`rounded px-1.5 py-0.5 ring-1 ${all === a ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
              data-testid={a ? 'runs-filter-all' : 'runs-filter-here'}
            >
              {a ? `All runs (${runs.length})` : `This task and data (${here.length})`}
            </button>
          ))}
          {!all && others > 0 && <span className="text-slate-500">{others} run{others === 1 ? '' : 's'} of other tasks, data or lessons hidden</span>}
        </div>
      )}
      {listed.length === 0 && <p className="text-xs text-slate-500">No runs of this task and data yet.</p>}
      {/* Wide rows (names of what changed) scroll sideways instead of being cut off. */}
      <div className="overflow-x-auto" data-testid="runs-scroll">
      <table className="w-full min-w-[38rem] text-xs">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th className="px-1 py-1 text-left font-medium" title="Draw this run on the charts">
              Show
            </th>
            <th className="px-1 py-1 text-left font-medium">Run (what changed)</th>
            <th className="px-1 py-1 text-left font-medium">Status</th>
            <th className="px-1 py-1 text-right font-medium">Epochs</th>
            <th className="px-1 py-1 text-right font-medium">Validation</th>
            <th className="px-1 py-1 text-right font-medium">Time</th>
            <th className="px-1 py-1" />
          </tr>
        </thead>
        <tbody>
          {[...listed].reverse().map((run) => {
            const comparable = run.kind === kind;
            return (
              <tr key={run.id} className={`border-b border-slate-100 ${run.id === currentId ? 'bg-indigo-50/50' : ''}`} data-testid="run-row" data-run={run.number}>
                <td className="px-1 py-1">
                  <input
                    type="checkbox"
                    checked={run.visible && comparable}
                    disabled={!comparable}
                    onChange={() => onToggle(run.id)}
                    aria-label={`Show run ${run.number} on the charts`}
                    title={comparable ? 'Overlay on the charts' : 'A run of another kind of task'}
                    style={{ accentColor: runColour(run) }}
                  />
                </td>
                <td className="max-w-64 px-1 py-1">
                  <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: runColour(run) }} aria-hidden />
                  <span className="font-mono text-slate-500">#{run.number}</span> <span className="text-slate-800" data-testid="run-name">{run.name}</span>
                  <div className="truncate text-[10px] text-slate-500">
                    {run.taskId} · {run.dataset.label}
                    {run.lesson ? ` · lesson “${run.lesson}”` : ''} · {new Date(run.startedAt).toLocaleTimeString()} {run.backend ? `· ${run.backend}` : ''}
                  </div>
                </td>
                <td className="px-1 py-1">
                  <span className={`rounded px-1.5 py-0.5 text-[10px] font-medium ${STATUS_STYLE[run.status]}`} title={run.error?.message}>
                    {run.status}
                  </span>
                </td>
                <td className="px-1 py-1 text-right font-mono tabular-nums">
                  {run.epochs.length}/{run.settings.epochs}
                </td>
                <td className="px-1 py-1 text-right font-mono tabular-nums">{headlineFigure(run)}</td>
                <td className="px-1 py-1 text-right font-mono tabular-nums">{formatDuration(run.seconds)}</td>
                <td className="px-1 py-1 text-right whitespace-nowrap">
                  <button type="button" className="rounded px-1 text-[10px] text-slate-600 hover:bg-slate-100" onClick={() => onExport(run, 'csv')} title="Per-epoch and per-class figures as CSV">
                    CSV
                  </button>
                  <button type="button" className="rounded px-1 text-[10px] text-slate-600 hover:bg-slate-100" onClick={() => onExport(run, 'json')} title="Everything about the run as JSON">
                    JSON
                  </button>
                  <button type="button" className="rounded px-1 text-[10px] text-red-600 hover:bg-red-50 disabled:opacity-30" onClick={() => onDelete(run.id)} disabled={run.status === 'running'} aria-label={`Delete run ${run.number}`}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <div className="mt-2 flex items-center justify-between text-[11px] text-slate-500">
        <span>The last 10 runs are kept in this browser across reloads.</span>
        <button type="button" className="btn px-2 py-0.5 text-xs" onClick={onClear}>
          Clear history
        </button>
      </div>
    </div>
  );
}
