'use client';

import { useEffect, useRef, useState } from 'react';
import { describeGoal, goalReached, GOAL_METRIC_LABELS } from '@/graph/lesson';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { CheckIcon } from '../ui/icons';
import { lessonBest } from '../store/lessonSlice';
import { ClassBoardBar } from './classBoard/ClassBoardBar';

/** Instructions as paragraphs and bullets: blank-line-free text where lines starting "- " are bullets. */
function Instructions({ text }: { text: string }) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return (
    <div className="space-y-1 text-xs leading-relaxed text-slate-700" data-testid="lesson-instructions">
      {lines.map((l, i) =>
        l.startsWith('- ') ? (
          <p key={i} className="pl-3 before:-ml-3 before:pr-1.5 before:content-['•']">
            {l.slice(2)}
          </p>
        ) : (
          <p key={i}>{l}</p>
        ),
      )}
    </div>
  );
}

/**
 * The open lesson above the canvas: title, instructions, the goal and the participant's progress towards it
 * (best value over their runs made in the lesson), with a tick once reached. The instructions show when the
 * lesson starts and fold away to a one-line banner once read: on "Got it", on the first edit of the graph
 * or the first run. "Instructions" brings them back.
 */
export function LessonBanner() {
  const api = useAppStoreApi();
  const lesson = useAppStore((s) => s.lesson);
  const best = useAppStore(lessonBest);
  const doc = useAppStore((s) => s.doc);
  const status = useAppStore((s) => s.training.status);
  const [open, setOpen] = useState(true);
  // The graph and run status the lesson was opened with: a change means the participant got to work.
  const start = useRef<{ title: string; doc: unknown; status: string } | null>(null);
  useEffect(() => {
    if (!lesson) {
      start.current = null;
      return;
    }
    if (start.current?.title !== lesson.title) {
      start.current = { title: lesson.title, doc, status };
      setOpen(true);
    } else if (doc !== start.current.doc || (status !== start.current.status && status === 'starting')) {
      setOpen(false);
    }
  }, [lesson, doc, status]);
  if (!lesson) return null;
  const reached = goalReached(lesson.goal, best);
  const pct = best === null ? 0 : lesson.goal.op === '>=' ? Math.min(1, best / lesson.goal.value) : best <= lesson.goal.value ? 1 : lesson.goal.value / best;
  return (
    <section className="shrink-0 border-b border-indigo-200 bg-indigo-50 px-4 py-2" aria-label="Lesson" data-testid="lesson-banner">
      <div className="flex items-center gap-3">
        <span className="rounded bg-indigo-600 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-white uppercase">Lesson</span>
        <h2 className="min-w-0 truncate text-sm font-semibold text-indigo-950" data-testid="lesson-title" title={lesson.title}>
          {lesson.title}
        </h2>
        <div className="ml-auto flex shrink-0 items-center gap-2 text-xs" data-testid="lesson-goal" data-reached={reached}>
          <span className="whitespace-nowrap text-slate-600">
            Goal: <span className="font-medium text-slate-900">{describeGoal(lesson.goal)}</span>
          </span>
          <div className="h-2 w-28 overflow-hidden rounded-full bg-white ring-1 ring-indigo-200" aria-hidden>
            <div className={`h-full ${reached ? 'bg-emerald-500' : 'bg-indigo-500'}`} style={{ width: `${Math.round(pct * 100)}%` }} />
          </div>
          <span className={`font-mono tabular-nums ${reached ? 'font-semibold text-emerald-700' : 'text-slate-700'}`} data-testid="lesson-progress">
            {best === null ? `no ${GOAL_METRIC_LABELS[lesson.goal.metric]} yet` : `best ${best.toFixed(3)}`}
          </span>
          {reached && (
            <span className="text-emerald-600" role="img" aria-label="Goal reached" data-testid="lesson-reached">
              <CheckIcon />
            </span>
          )}
        </div>
        <button type="button" className="btn-ghost shrink-0 text-xs whitespace-nowrap" onClick={() => setOpen(!open)} aria-expanded={open} title={open ? 'Fold the instructions to one line' : 'Show the instructions'} data-testid="lesson-toggle">
          {open ? 'Got it' : 'Instructions'}
        </button>
        <button
          type="button"
          className="btn-ghost shrink-0 text-xs whitespace-nowrap"
          onClick={() => {
            api.getState().leaveLesson();
            api.getState().notify('Left the lesson: every control is editable again.', 'info');
          }}
          data-testid="lesson-leave"
        >
          Leave lesson
        </button>
      </div>
      {open && (
        <div className="mt-1.5 max-w-4xl">
          <Instructions text={lesson.instructions} />
        </div>
      )}
      {lesson.classCode && <ClassBoardBar classCode={lesson.classCode} />}
    </section>
  );
}
