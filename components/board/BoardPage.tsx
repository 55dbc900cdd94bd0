'use client';

import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { boardLessons, classToCsv, resultToJson, type BoardEntry, type BoardRow } from '@/graph/results';
import { downloadText } from '../training/download';
import { DROPPED_SEQ_BASE, mergeEntries, readResultFile } from './boardData';
import { CurvesOverlay } from './CurvesOverlay';
import { LessonTable } from './LessonTable';
import { RunDetail } from './RunDetail';
import { useBoardFeed, type FeedState } from './useBoardFeed';
import { WhatWorked } from './WhatWorked';

const KEY_STORAGE = 'convas.boardKey';

/** This tab's session storage, or null where the browser blocks it (the key then lasts until a reload). */
function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** `?class=` and `?key=` of the address; the key moves to this tab's session storage and out of the address bar (it is on the projector). */
function readLocation(): { classCode: string | null; key: string | null } {
  const url = new URL(window.location.href);
  const key = url.searchParams.get('key');
  if (key) {
    session()?.setItem(KEY_STORAGE, key);
    url.searchParams.delete('key');
    window.history.replaceState(window.history.state, '', url.pathname + url.search);
  }
  return { classCode: url.searchParams.get('class'), key: key ?? session()?.getItem(KEY_STORAGE) ?? null };
}

function chooseClass(code: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('class', code);
  window.history.replaceState(window.history.state, '', url.pathname + url.search);
}

function FeedBadge({ state }: { state: FeedState }) {
  const [text, tone] =
    state.kind === 'server'
      ? [`Live · updated ${new Date(state.at).toLocaleTimeString()}`, 'bg-emerald-100 text-emerald-800']
      : state.kind === 'none'
        ? ['No collecting server here: drop result files', 'bg-slate-100 text-slate-700']
        : state.kind === 'locked'
          ? ['Needs the board key', 'bg-amber-100 text-amber-900']
          : state.kind === 'error'
            ? [`Server not answering (${state.message}); retrying`, 'bg-amber-100 text-amber-900']
            : ['Connecting…', 'bg-slate-100 text-slate-600'];
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs ${tone}`} data-testid="board-feed" data-state={state.kind}>
      {text}
    </span>
  );
}

/**
 * The class board (/board): every participant's lesson runs, live from the collecting server or from dropped
 * result files. One section per lesson: the table, the selected run, everyone's curves and "what worked".
 */
export function BoardPage() {
  const [where, setWhere] = useState<{ classCode: string | null; key: string | null } | null>(null);
  const [dropped, setDropped] = useState<BoardEntry[]>([]);
  const [dropErrors, setDropErrors] = useState<string[]>([]);
  const [selected, setSelected] = useState<{ lesson: string; row: string } | null>(null);
  const [keyDraft, setKeyDraft] = useState('');
  useEffect(() => setWhere(readLocation()), []);
  const feed = useBoardFeed(where?.classCode ?? null, where?.key ?? null);

  // One class on the server and none chosen: show it.
  useEffect(() => {
    if (where && !where.classCode && feed.classes.length === 1) {
      chooseClass(feed.classes[0].code);
      setWhere({ ...where, classCode: feed.classes[0].code });
    }
  }, [where, feed.classes]);

  const entries = useMemo(() => mergeEntries(feed.entries, dropped), [feed.entries, dropped]);
  const lessons = useMemo(() => boardLessons(entries), [entries]);

  const addFiles = async (files: FileList | File[]) => {
    const errors: string[] = [];
    const added: BoardEntry[] = [];
    let seq = DROPPED_SEQ_BASE + dropped.length;
    for (const file of Array.from(files)) {
      const read = readResultFile(file.name, await file.text(), ++seq, new Date(file.lastModified || Date.now()));
      if (read.ok) added.push(read.entry);
      else errors.push(read.error);
    }
    setDropped((d) => mergeEntries(d, added));
    setDropErrors(errors);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    if (e.dataTransfer.files.length) void addFiles(e.dataTransfer.files);
  };
  const name = where?.classCode ?? 'class';

  return (
    <div className="min-h-screen bg-slate-50" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="board-page">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-5 py-3">
        <a href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Convas
        </a>
        <h1 className="text-lg text-slate-700">
          Class board{where?.classCode && <span className="ml-2 font-mono text-base text-indigo-700">{where.classCode}</span>}
        </h1>
        <FeedBadge state={feed.state} />
        <span className="text-xs text-slate-500" data-testid="board-count">
          {entries.length} result{entries.length === 1 ? '' : 's'} · {lessons.reduce((n, l) => n + l.rows.length, 0)} participants
        </span>
        <div className="ml-auto flex items-center gap-2">
          <label className="btn cursor-pointer text-xs">
            Add result files…
            <input type="file" accept=".json,application/json" multiple className="hidden" onChange={(e) => e.target.files && void addFiles(e.target.files)} data-testid="board-file-input" />
          </label>
          <button type="button" className="btn text-xs" disabled={!entries.length} onClick={() => downloadText(`${name}-results.csv`, classToCsv(entries), 'text/csv')} data-testid="board-export-csv">
            Export CSV
          </button>
          <button
            type="button"
            className="btn text-xs"
            disabled={!entries.length}
            onClick={() => downloadText(`${name}-results.json`, JSON.stringify({ format: 'convas-class', version: 1, class: where?.classCode ?? null, results: entries.map((e) => ({ ...e, result: resultToJson(e.result) })) }, null, 2), 'application/json')}
            data-testid="board-export-json"
          >
            Export JSON
          </button>
        </div>
      </header>

      <main className="space-y-5 px-5 py-4">
        {feed.state.kind === 'locked' && (
          <form
            className="flex max-w-xl flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              session()?.setItem(KEY_STORAGE, keyDraft.trim());
              setWhere((w) => ({ classCode: w?.classCode ?? null, key: keyDraft.trim() }));
            }}
          >
            <p className="w-full text-amber-900">{feed.state.message}</p>
            <input className="flex-1 rounded border border-slate-300 px-2 py-1 font-mono" value={keyDraft} onChange={(e) => setKeyDraft(e.target.value)} placeholder="board key" aria-label="Board key" data-testid="board-key" />
            <button type="submit" className="btn btn-primary">
              Open
            </button>
          </form>
        )}
        {!where?.classCode && feed.classes.length > 1 && (
          <nav className="flex flex-wrap items-center gap-2 text-sm" aria-label="Classes">
            Classes on this server:
            {feed.classes.map((c) => (
              <button
                key={c.code}
                type="button"
                className="btn text-xs"
                onClick={() => {
                  chooseClass(c.code);
                  setWhere((w) => ({ key: w?.key ?? null, classCode: c.code }));
                }}
                data-testid="board-class"
              >
                {c.code} ({c.results})
              </button>
            ))}
          </nav>
        )}
        {dropErrors.length > 0 && (
          <ul className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800" role="alert">
            {dropErrors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        )}
        {lessons.length === 0 && (
          <div className="rounded-lg border-2 border-dashed border-slate-300 p-10 text-center text-sm text-slate-500" data-testid="board-empty">
            {feed.state.kind === 'server' && where?.classCode
              ? 'Waiting for the first results: participants’ finished lesson runs appear here as they come in.'
              : 'Drop participants’ result files (Lessons → Results… → Download JSON) anywhere on this page.'}
          </div>
        )}
        {lessons.map((lesson) => {
          const sel = selected?.lesson === lesson.key ? selected.row : null;
          const row: BoardRow | undefined = lesson.rows.find((r) => r.key === sel);
          return (
            <section key={lesson.key} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-label={lesson.title} data-testid="board-lesson">
              <div className="flex flex-wrap items-baseline gap-3">
                <h2 className="text-base font-semibold text-slate-900">{lesson.title}</h2>
                <span className="text-xs text-slate-500">Goal: {lesson.goalText}</span>
                <span className="text-xs text-slate-500">
                  {lesson.rows.filter((r) => r.reached).length} of {lesson.rows.length} reached it · {lesson.entries.length} runs
                </span>
              </div>
              <LessonTable lesson={lesson} selected={sel} onSelect={(r) => setSelected(sel === r.key ? null : { lesson: lesson.key, row: r.key })} />
              {row && <RunDetail row={row} goal={lesson.goal} onClose={() => setSelected(null)} />}
              <div className="flex flex-wrap gap-6">
                <CurvesOverlay lesson={lesson} selected={sel} />
                <WhatWorked lesson={lesson} />
              </div>
            </section>
          );
        })}
      </main>
    </div>
  );
}
