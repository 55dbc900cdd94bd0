'use client';

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
}

/** The session's runs, newest first: overlay on/off, what changed, how it ended, export, delete. */
export function RunsList({ runs, currentId, onToggle, onDelete, onClear, onExport, kind }: RunsListProps) {
  if (runs.length === 0) return <p className="text-xs text-slate-500">No runs yet. Press Train; each run is kept here so you can compare them.</p>;
  return (
    <div data-testid="runs-list">
      <table className="w-full text-xs">
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
          {[...runs].reverse().map((run) => {
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
                    {run.taskId} · {new Date(run.startedAt).toLocaleTimeString()} {run.backend ? `· ${run.backend}` : ''}
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
      <div className="mt-2 flex items-center justify-between text-[11px] text-slate-500">
        <span>The last 10 runs are kept in this browser across reloads.</span>
        <button type="button" className="btn px-2 py-0.5 text-xs" onClick={onClear}>
          Clear history
        </button>
      </div>
    </div>
  );
}
