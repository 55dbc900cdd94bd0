'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../store/StoreProvider';
import { useDialogFocus } from '../ui/dialogFocus';
import { resultToJson } from '@/graph/results';
import { useClassBoard } from './classBoard/ClassBoardProvider';
import { resultsSummary } from './results';
import { CARD_HEIGHT, CARD_WIDTH, drawResultsCard } from './resultsCard';

function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
}

/** Slug of the graph's title for file names. */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'results';

/** The "Results" view: a card of the graph, the best run and the goal, downloadable as PNG or JSON. */
export function ResultsDialog({ onClose }: { onClose: () => void }) {
  const doc = useAppStore((s) => s.doc);
  const runs = useAppStore((s) => s.training.runs);
  const lesson = useAppStore((s) => s.lesson);
  const board = useClassBoard();
  const identity = board?.identity ?? null;
  // With a nickname the file says whose it is: a facilitator without a collecting server drops these onto /board.
  const summary = useMemo(
    () =>
      resultsSummary(doc, runs, lesson, {
        participant: identity?.nickname ? { id: identity.id, nickname: identity.nickname } : null,
        classCode: lesson?.classCode ?? null,
        now: new Date(),
      }),
    [doc, runs, lesson, identity],
  );
  const [nickError, setNickError] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useDialogFocus(dialog);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) drawResultsCard(ctx, summary);
  }, [summary]);
  const name = slug(summary.title);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-label="Results" className="w-full max-w-4xl rounded-xl bg-white p-5 shadow-2xl" data-testid="results-dialog">
        <h2 className="text-base font-semibold text-slate-900">Results to share with the room</h2>
        {board && lesson && (
          <label className="mt-2 flex items-center gap-2 text-xs text-slate-600">
            Your nickname on the class board
            <input
              className="w-40 rounded border border-slate-300 px-1.5 py-0.5"
              defaultValue={identity?.nickname ?? ''}
              onBlur={(e) => setNickError(board.setNickname(e.target.value))}
              onKeyDown={(e) => e.key === 'Enter' && setNickError(board.setNickname(e.currentTarget.value))}
              data-testid="results-nickname"
            />
            {nickError && <span className="text-red-700">{nickError}</span>}
          </label>
        )}
        <canvas ref={canvas} width={CARD_WIDTH} height={CARD_HEIGHT} className="mt-3 w-full rounded border border-slate-200" data-testid="results-card" />
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => download(`${name}.json`, URL.createObjectURL(new Blob([JSON.stringify(resultToJson(summary), null, 2)], { type: 'application/json' })))}
            data-testid="results-json"
          >
            Download JSON
          </button>
          <button type="button" className="btn btn-primary" data-autofocus onClick={() => canvas.current && download(`${name}.png`, canvas.current.toDataURL('image/png'))} data-testid="results-png">
            Download PNG
          </button>
        </div>
      </div>
    </div>
  );
}
