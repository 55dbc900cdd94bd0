'use client';

import { useEffect, useRef, useState } from 'react';
import type { RunRecord } from '../store/training/runs';

/**
 * How often the charts redraw for new batches while a run trains. The store takes batch events 10 times a
 * second (the progress bar's figures), but every redraw costs the page main-thread time the training workers
 * of a 2-core laptop could use: with the recharts charts this was written for, 70-170 ms a redraw (half a core
 * at 10 a second, Small VGG in Chromium); the plain-SVG charts (./LinePlot.tsx) cost far less, and at this
 * rate the loss chart takes about 19 ms of CPU a second. Twice a second still reads as live.
 */
export const CHART_BATCH_INTERVAL_MS = 500;

/** Whether the charts must show `next` at once: anything but new batch points (an epoch, a run, its status). */
export function chartsNeedNow(shown: readonly RunRecord[], next: readonly RunRecord[]): boolean {
  if (shown.length !== next.length) return true;
  return next.some((run, i) => {
    const was = shown[i];
    return (
      was.id !== run.id ||
      was.epochs.length !== run.epochs.length ||
      was.status !== run.status ||
      was.visible !== run.visible ||
      was.splits !== run.splits ||
      // Batches only ever grow within a run; fewer means it was replaced (restored, cleared).
      was.batches.length > run.batches.length
    );
  });
}

/** The same run records in the same order (the panel filters its runs into a new array on every render). */
export function sameRuns(a: readonly RunRecord[], b: readonly RunRecord[]): boolean {
  return a === b || (a.length === b.length && a.every((run, i) => run === b[i]));
}

/**
 * Milliseconds to wait before the charts show `next`: 0 at once (see {@link chartsNeedNow}, or the interval has
 * passed since they last changed), else what is left of {@link CHART_BATCH_INTERVAL_MS}.
 */
export function chartDelay(shown: readonly RunRecord[], next: readonly RunRecord[], sinceShownMs: number, intervalMs = CHART_BATCH_INTERVAL_MS): number {
  if (sameRuns(shown, next)) return 0;
  if (chartsNeedNow(shown, next)) return 0;
  return Math.max(0, intervalMs - sinceShownMs);
}

/**
 * The runs the charts draw: `runs`, but new batch points at most every {@link CHART_BATCH_INTERVAL_MS} (the
 * latest always shows, after at most that long); epochs, new runs and status changes show at once.
 */
export function useChartRuns(runs: readonly RunRecord[], intervalMs = CHART_BATCH_INTERVAL_MS): readonly RunRecord[] {
  const [shown, setShown] = useState(runs);
  const shownAt = useRef(0);
  const same = sameRuns(shown, runs);
  const wait = same ? 0 : chartDelay(shown, runs, performance.now() - shownAt.current, intervalMs);
  useEffect(() => {
    if (same) return;
    const show = () => {
      shownAt.current = performance.now();
      setShown(runs);
    };
    if (wait === 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [runs, shown, same, wait]);
  // Unchanged records keep the array the charts have (so they skip the render); a change that must show at
  // once is drawn in this render, not one later.
  return same || wait > 0 ? shown : runs;
}

/**
 * Whether the accuracy/Dice chart would draw the same for `b` as for `a`: per run, the same epochs, status (a run
 * without validation images words its note by it), validation pass, split, settings, names and colour. New
 * batch points (a new `batches` array) change none of these.
 */
export function sameEpochs(a: readonly RunRecord[], b: readonly RunRecord[]): boolean {
  return (
    a.length === b.length &&
    a.every((run, i) => {
      const other = b[i];
      return (
        run === other ||
        (run.id === other.id &&
          run.number === other.number &&
          run.name === other.name &&
          run.epochs === other.epochs &&
          run.status === other.status &&
          run.validation === other.validation &&
          run.splits === other.splits &&
          run.settings === other.settings &&
          run.classNames === other.classNames &&
          run.visible === other.visible)
      );
    })
  );
}
