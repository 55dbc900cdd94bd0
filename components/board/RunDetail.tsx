'use client';

import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { resultToJson, type BoardRow } from '@/graph/results';
import { GOAL_METRIC_LABELS, lessonUrl, type LessonGoal } from '@/graph/lesson';
import { shareUrl } from '@/graph/document';
import { ConfusionMatrix } from '../training/ConfusionMatrix';
import { downloadText } from '../training/download';
import { DEFAULT_MATRIX_OPTIONS, type MatrixViewOptions } from '../store/training/types';
import { makeLesson } from '../workshop/lockOptions';
import { GraphThumbnail } from './GraphThumbnail';
import { AXIS_TICK, metricText } from './boardCharts';

/**
 * One participant's run on the board: its curves, its confusion matrix or Dice per class, and its graph,
 * which opens in a new editor tab read-only (a lesson with every control locked) or as a copy to edit.
 */
export function RunDetail({ row, goal, onClose }: { row: BoardRow; goal: LessonGoal; onClose: () => void }) {
  const r = row.entry.result;
  const run = r.run;
  const [matrix, setMatrix] = useState<MatrixViewOptions>(DEFAULT_MATRIX_OPTIONS);
  const graph = r.graph;
  const editorUrl = () => new URL('/', window.location.href).href;
  const openReadOnly = () => {
    if (!graph) return;
    const lesson = makeLesson(graph, {
      title: `${row.nickname}'s graph (view only)`,
      instructions: `${row.nickname}'s graph from the class board. Everything is locked; choose "Leave lesson" to change a copy.`,
      locks: { editable: [], hidden: [], allowStructureEdits: false },
      goal,
    });
    // A scratch tab (?view): the facilitator's own autosaved graph is neither replaced nor asked about.
    window.open(lessonUrl(new URL('/?view', window.location.href).href, lesson), '_blank', 'noopener');
  };
  const curves = run?.curves ?? [];
  const metric = goal.metric;
  return (
    <section className="rounded-lg border border-indigo-200 bg-white p-3 shadow-sm" aria-label={`Run of ${row.nickname}`} data-testid="board-detail">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{row.nickname}</h3>
        <span className="text-xs text-slate-500">
          run {run?.number ?? '–'} · {run?.epochs ?? 0} epochs · {r.title} · sent {new Date(row.entry.receivedAt).toLocaleTimeString()}
        </span>
        <div className="ml-auto flex gap-1.5">
          <button type="button" className="btn text-xs" disabled={!graph} onClick={openReadOnly} data-testid="board-open-readonly">
            Open read-only
          </button>
          <button type="button" className="btn text-xs" disabled={!graph} onClick={() => graph && window.open(shareUrl(editorUrl(), graph), '_blank', 'noopener')} data-testid="board-copy-graph">
            Copy into my editor
          </button>
          <button type="button" className="btn text-xs" onClick={() => downloadText(`${row.nickname.replace(/[^\p{L}\p{N}]+/gu, '-')}-result.json`, JSON.stringify(resultToJson(r), null, 2), 'application/json')}>
            JSON
          </button>
          <button type="button" className="btn-ghost text-xs" onClick={onClose} aria-label="Close the run">
            ✕
          </button>
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-start gap-4">
        <figure>
          <figcaption className="text-xs font-medium text-slate-600">Curves (validation {GOAL_METRIC_LABELS[metric]} and losses)</figcaption>
          {curves.length ? (
            <LineChart width={420} height={200} data={curves} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} data-testid="board-detail-curves">
              <CartesianGrid stroke="#f1f5f9" />
              <XAxis dataKey="epoch" tick={AXIS_TICK} allowDecimals={false} />
              <YAxis yAxisId="m" tick={AXIS_TICK} width={48} domain={metric === 'valLoss' ? ['auto', 'auto'] : [0, 1]} tickFormatter={(v: number) => metricText(metric, v)} />
              <YAxis yAxisId="loss" orientation="right" tick={AXIS_TICK} width={36} />
              <Tooltip contentStyle={{ fontSize: 11 }} />
              <Legend wrapperStyle={{ fontSize: 10 }} />
              {metric !== 'valLoss' && <Line yAxisId="m" dataKey={metric} name={GOAL_METRIC_LABELS[metric]} stroke="#4f46e5" strokeWidth={2} isAnimationActive={false} />}
              <Line yAxisId="loss" dataKey="valLoss" name="validation loss" stroke="#e11d48" strokeWidth={1.5} isAnimationActive={false} />
              <Line yAxisId="loss" dataKey="trainLoss" name="training loss" stroke="#94a3b8" strokeWidth={1} strokeDasharray="3 3" isAnimationActive={false} />
            </LineChart>
          ) : (
            <p className="w-[420px] text-xs text-slate-500">This result carries no per-epoch curves (a version-1 file).</p>
          )}
        </figure>
        {run?.confusion && (
          <div className="min-w-0" data-testid="board-detail-matrix">
            <ConfusionMatrix matrix={run.confusion} classNames={r.task.classes} options={matrix} onOptionsChange={(p) => setMatrix((m) => ({ ...m, ...p }))} caption="Validation, last epoch" testId="board-confusion" />
          </div>
        )}
        {run?.dicePerClass && (
          <div className="text-xs" data-testid="board-detail-dice">
            <p className="font-medium text-slate-600">Dice per class (validation)</p>
            {run.dicePerClass.map((d, i) => (
              <div key={i} className="mt-1 flex items-center gap-2">
                <span className="w-24 truncate text-slate-600">{r.task.classes[i] ?? `class ${i}`}</span>
                <span className="h-2.5 w-32 rounded bg-slate-100">
                  <span className="block h-full rounded bg-indigo-500" style={{ width: `${Math.max(0, Math.min(1, d ?? 0)) * 100}%` }} />
                </span>
                <span className="font-mono">{d === null ? 'n/a' : d.toFixed(3)}</span>
              </div>
            ))}
          </div>
        )}
        {graph && (
          <figure>
            <figcaption className="text-xs font-medium text-slate-600">Graph ({graph.nodes.length} layers)</figcaption>
            <GraphThumbnail doc={graph} />
          </figure>
        )}
      </div>
      {run?.settings && (
        <p className="mt-2 text-xs text-slate-500">
          Settings: {run.settings.optimizer} · learning rate {run.settings.learningRate} · batch {run.settings.batchSize} · {run.settings.epochs} epochs · class weights {run.settings.classWeights ? 'on' : 'off'} ·
          augmentation {run.settings.augment ? 'on' : 'off'}
        </p>
      )}
    </section>
  );
}
