'use client';

import { useState } from 'react';
import { bestRow, sortRows, type BoardLesson, type BoardRow, type BoardSortKey } from '@/graph/results';
import { GOAL_METRIC_LABELS } from '@/graph/lesson';

const fmt = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits));
const fmtParams = (v: number | null) => (v === null ? '–' : v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : String(v));

/**
 * One lesson's table: a row per participant (their best run), sortable by any column header, the best run
 * highlighted. Nicknames are rendered as text (React escapes them; they were also checked on arrival).
 */
export function LessonTable({ lesson, selected, onSelect }: { lesson: BoardLesson; selected: string | null; onSelect: (row: BoardRow) => void }) {
  const [sort, setSort] = useState<{ key: BoardSortKey; dir: 'asc' | 'desc' }>({ key: 'value', dir: 'asc' });
  const rows = sortRows(lesson.rows, sort.key, sort.dir, lesson.goal);
  const best = bestRow(lesson.rows, lesson.goal);
  const metric = GOAL_METRIC_LABELS[lesson.goal.metric];
  const header = (key: BoardSortKey, label: string, title?: string) => (
    <th scope="col" className="px-2 py-1.5 font-medium" aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="inline-flex items-center gap-1 hover:text-indigo-700"
        title={title}
        onClick={() => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))}
        data-testid={`board-sort-${key}`}
      >
        {label}
        <span className="text-[10px] text-slate-600">{sort.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </th>
  );
  return (
    <table className="w-full border-collapse text-sm" data-testid="board-table">
      <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
        <tr>
          {header('nickname', 'Nickname')}
          {header('reached', 'Goal reached', 'Reached rows first, the earliest epoch first')}
          {header('value', metric, 'Best first')}
          {header('params', 'Params')}
          <th scope="col" className="px-2 py-1.5 font-medium">
            Architecture
          </th>
          {header('learningRate', 'Learning rate')}
          {header('runs', 'Runs')}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const isBest = best?.key === r.key;
          return (
            <tr
              key={r.key}
              className={`cursor-pointer border-b border-slate-100 ${selected === r.key ? 'bg-indigo-100' : isBest ? 'bg-amber-50' : 'hover:bg-slate-50'}`}
              onClick={() => onSelect(r)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(r))}
              tabIndex={0}
              aria-selected={selected === r.key}
              data-testid="board-row"
              data-nickname={r.nickname}
              data-best={isBest}
              data-value={r.value ?? ''}
            >
              <td className="px-2 py-1.5 font-medium text-slate-900">
                {isBest && (
                  <span className="mr-1 rounded bg-amber-400 px-1 text-[10px] font-semibold text-amber-950 uppercase" title="Best run of the lesson">
                    best
                  </span>
                )}
                {r.nickname}
              </td>
              <td className="px-2 py-1.5" data-testid="board-reached">
                {r.reached ? <span className="text-emerald-800">✔ {r.reachedAtEpoch !== null ? `epoch ${r.reachedAtEpoch}` : 'yes'}</span> : <span className="text-slate-600">not yet</span>}
              </td>
              <td className="px-2 py-1.5 font-mono tabular-nums" data-testid="board-value">
                {fmt(r.value)}
              </td>
              <td className="px-2 py-1.5 font-mono tabular-nums">{fmtParams(r.params)}</td>
              <td className="px-2 py-1.5 text-xs text-slate-600">{r.architecture}</td>
              <td className="px-2 py-1.5 font-mono tabular-nums">{r.learningRate ?? '–'}</td>
              <td className="px-2 py-1.5 font-mono tabular-nums">{r.runs}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
