import { describeGoal, goalReached, type Lesson, type LessonGoal } from '@/graph/lesson';
import { taskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';
import type { RunRecord } from '../store/training/runs';
import { runGoalValue } from '../store/training/lessonGoal';

/**
 * A participant's results as plain JSON, for the "Results" export: the graph's layers, the task, the
 * best run's figures and its confusion matrix or Dice, and the lesson goal with whether it was reached.
 * The PNG card (./resultsCard.ts) draws the same summary.
 */
export interface ResultsSummary {
  format: 'convas-results';
  version: 1;
  title: string;
  task: { id: string; title: string; kind: string; classes: string[] };
  layers: { name: string; type: string; params: Record<string, string | number | boolean> }[];
  lesson: { title: string; goal: string; best: number | null; reached: boolean } | null;
  run: {
    number: number;
    name: string;
    epochs: number;
    learningRate: number;
    validation: { balancedAccuracy: number | null; accuracy: number | null; meanDice: number | null; valLoss: number | null };
    test: { loss: number | null } | null;
    confusion: number[][] | null;
    dicePerClass: (number | null)[] | null;
  } | null;
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

/** Builds the results summary of the current graph, its runs and the open lesson. */
export function resultsSummary(doc: GraphDocument, runs: readonly RunRecord[], lesson: Lesson | null): ResultsSummary {
  const info = taskInfo(doc.task.id);
  const run = pickRun(runs, doc, lesson);
  const lessonBest = lesson && run ? runGoalValue(lesson.goal, run) : null;
  const metrics = run?.validation?.metrics ?? null;
  return {
    format: 'convas-results',
    version: 1,
    title: doc.name ?? 'Untitled graph',
    task: { id: doc.task.id, title: info?.title ?? doc.task.id, kind: info?.kind ?? 'classification', classes: run?.classNames ?? [...(info?.classes ?? [])] },
    layers: doc.nodes.map((n) => ({ name: n.name, type: n.type, params: { ...n.params } })),
    lesson: lesson ? { title: lesson.title, goal: describeGoal(lesson.goal), best: lessonBest, reached: goalReached(lesson.goal, lessonBest) } : null,
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
        }
      : null,
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
