import { describeGoal, goalReached, type Lesson, type LessonGoal } from '@/graph/lesson';
import { taskInfo } from '@/graph/tasks';
import type { ResultDocument } from '@/graph/results';
import type { GraphDocument } from '@/graph/types';
import type { RunRecord } from '../store/training/runs';
import { runGoalValue } from '../store/training/lessonGoal';

/**
 * A participant's results as plain JSON, for the "Results" export and the class board: the graph's layers,
 * the task, the best run's figures and its confusion matrix or Dice, the lesson goal with whether (and at
 * which epoch) it was reached, the graph trained, its settings and curves. The PNG card (./resultsCard.ts)
 * draws the same summary. The format is graph/results' result document (version 2).
 */
export type ResultsSummary = ResultDocument;

/** Who a result is from and for which class (both null for a plain download outside a class). */
export interface ResultSender {
  participant: { id: string; nickname: string } | null;
  classCode: string | null;
  /** When the result is made (for `createdAt`). */
  now: Date;
}

const GOAL_FALLBACK: LessonGoal = { metric: 'balancedAccuracy', op: '>=', value: 0, split: 'validation' };

/** The best value of a metric over a run's epochs (min for loss). */
function bestEpoch(run: RunRecord, metric: LessonGoal['metric']): number | null {
  return runGoalValue({ metric, op: metric === 'valLoss' ? '<=' : '>=', value: 0, split: 'validation' }, run);
}

/**
 * Which run the results show: with a lesson, the run made in it closest to the goal; without, the run
 * with the best balanced accuracy or Dice. Runs that never reported an epoch are skipped.
 */
export function pickRun(runs: readonly RunRecord[], doc: GraphDocument, lesson: Lesson | null): RunRecord | null {
  const kind = taskInfo(doc.task.id)?.kind;
  const goal = lesson?.goal ?? { ...GOAL_FALLBACK, metric: kind === 'segmentation' ? 'meanDice' : 'balancedAccuracy' };
  // In a lesson only its own runs count (one from before it proves nothing about the exercise).
  const candidates = runs.filter((r) => r.epochs.length > 0 && r.taskId === (lesson?.document.task.id ?? doc.task.id) && (!lesson || r.lesson === lesson.title));
  let best: RunRecord | null = null;
  let bestValue: number | null = null;
  for (const r of candidates) {
    const v = runGoalValue(goal, r);
    if (best === null || (v !== null && (bestValue === null || (goal.op === '>=' ? v > bestValue : v < bestValue)))) {
      best = r;
      bestValue = v;
    }
  }
  return best;
}

/** Builds the results summary of the current graph, its runs and the open lesson (the best run of them). */
export function resultsSummary(doc: GraphDocument, runs: readonly RunRecord[], lesson: Lesson | null, sender: ResultSender = { participant: null, classCode: null, now: new Date() }): ResultsSummary {
  return runResult(doc, pickRun(runs, doc, lesson), lesson, sender);
}

/** First epoch whose validation figure meets the goal, or null (test goals are met at the end, not at an epoch). */
function reachedAtEpoch(goal: LessonGoal, run: RunRecord): number | null {
  if (goal.split !== 'validation') return null;
  return run.epochs.find((e) => goalReached(goal, e[goal.metric]))?.epoch ?? null;
}

/**
 * The result of one run (or of none: the graph alone). Title and layers are `doc`'s (the graph on screen,
 * as the card shows it); `graph` is the document the run trained. `submissionId` ties it to the run and the
 * participant, so a result sent twice (a retry after a lost answer) is stored once.
 */
export function runResult(doc: GraphDocument, run: RunRecord | null, lesson: Lesson | null, sender: ResultSender): ResultsSummary {
  const info = taskInfo(doc.task.id);
  const lessonBest = lesson && run ? runGoalValue(lesson.goal, run) : null;
  const metrics = run?.validation?.metrics ?? null;
  return {
    format: 'convas-results',
    version: 2,
    title: doc.name ?? 'Untitled graph',
    task: { id: doc.task.id, title: info?.title ?? doc.task.id, kind: info?.kind ?? 'classification', classes: run?.classNames ?? [...(info?.classes ?? [])] },
    layers: doc.nodes.map((n) => ({ name: n.name, type: n.type, params: { ...n.params } })),
    lesson: lesson
      ? {
          title: lesson.title,
          goal: describeGoal(lesson.goal),
          best: lessonBest,
          reached: goalReached(lesson.goal, lessonBest),
          spec: { ...lesson.goal },
          reachedAtEpoch: run ? reachedAtEpoch(lesson.goal, run) : null,
        }
      : null,
    run: run
      ? {
          number: run.number,
          name: run.name,
          epochs: run.epochs.length,
          learningRate: run.settings.learningRate,
          validation: {
            balancedAccuracy: bestEpoch(run, 'balancedAccuracy'),
            accuracy: bestEpoch(run, 'accuracy'),
            meanDice: bestEpoch(run, 'meanDice'),
            valLoss: bestEpoch(run, 'valLoss'),
          },
          test: run.test ? { loss: run.test.loss } : null,
          confusion: metrics?.kind === 'classification' ? metrics.confusion.map((r) => [...r]) : null,
          dicePerClass: metrics?.kind === 'segmentation' ? [...metrics.dicePerClass] : null,
          params: run.params,
          settings: { ...run.settings },
          curves: run.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, accuracy: e.accuracy, balancedAccuracy: e.balancedAccuracy, meanDice: e.meanDice })),
          status: run.status,
          seconds: run.seconds,
        }
      : null,
    participant: sender.participant,
    classCode: sender.classCode,
    submissionId: sender.participant && run ? `${sender.participant.id}.${run.startedAt}.${run.id}` : null,
    createdAt: sender.now.toISOString(),
    graph: run?.doc ?? doc,
  };
}

/** One line per layer for the card, e.g. "Conv2D 16 filters 3x3". */
export function layerLine(layer: ResultsSummary['layers'][number]): string {
  const p = layer.params;
  const bits: string[] = [];
  if (typeof p.filters === 'number') bits.push(`${p.filters} filters`);
  if (typeof p.kernelSize === 'number') bits.push(`${p.kernelSize}x${p.kernelSize}`);
  if (typeof p.units === 'number') bits.push(`${p.units} units`);
  if (typeof p.poolSize === 'number') bits.push(`pool ${p.poolSize}`);
  if (typeof p.activation === 'string' && p.activation !== 'linear') bits.push(p.activation);
  if (typeof p.rate === 'number') bits.push(`rate ${p.rate}`);
  return [layer.type, ...bits].join(' ');
}
