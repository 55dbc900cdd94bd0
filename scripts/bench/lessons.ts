/**
 * Benchmark: can a workshop participant reach each ready lesson's goal (graph/lessons) with what the lesson
 * gives them? Trains every lesson's starting graph with its own training settings (epochs, learning rate,
 * batch, loss, seed) on as many generated images as the lesson starts participants with (its dataSize, else
 * the app's default, DEFAULT_DATA_SIZE in graph/document/defaults.ts),
 * on wasm in Node (single-threaded, like the app's wasm backend in the browser), and reports per lesson:
 *
 *   lesson_<id>_goal_metric      best validation value of the goal's metric over the epochs (what the
 *                                lesson banner counts), e.g. balanced accuracy or mean Dice
 *   lesson_<id>_epochs_to_goal   first epoch that reached the goal; -1 when no epoch did
 *   lesson_<id>_train_s          seconds of the epochs (training and validation passes; not data generation
 *                                or the final test pass)
 *
 * `<id>` is the lesson's id with '-' as '_' (lesson_deeper_networks_...). It also trains the fix each lesson's
 * instructions ask for: lesson 1 with class weights on (figures `lesson_first_cnn_classweights_*`; the starting
 * graph has them off, so its own run shows the imbalance trap and stays under the goal), and lesson 2's
 * ResNet-style variant (figures `lesson_deeper_networks_resnet_*`). The per-epoch
 * validation values go to the log (stderr). Lesson 2's Dropout is not seeded, so its figures vary a little
 * from run to run; the others repeat exactly for a given machine.
 *
 * Slow (minutes on a laptop core), so `npm run bench` runs it only when asked:
 *   npm run bench -- --only lessons        or   npm run bench -- --with lessons
 *   npx tsx scripts/bench/lessons.ts [--json] [--lesson deeper-networks] [--epochs N] [--no-variants]
 */
import { pathToFileURL } from 'node:url';
import { initBackend } from '../../engine/backends/init';
import { train, type EpochEvent } from '../../engine/train';
import { defaultParams } from '../../graph/catalog';
import { goalReached, type LessonGoal } from '../../graph/lesson';
import { LESSONS } from '../../graph/lessons';
import type { GraphDocument, GraphNode } from '../../graph/types';
import { DEFAULT_DATA_SIZE } from '../../graph/document';
import type { BenchFigure } from './kernels';

type Log = (line: string) => void;

/** The goal's metric in one epoch's validation pass, or null when the epoch has none. */
export function epochGoalValue(goal: LessonGoal, e: Pick<EpochEvent, 'validation'>): number | null {
  const v = e.validation;
  if (!v) return null;
  if (goal.metric === 'valLoss') return v.loss;
  const m = v.metrics;
  if (m.kind === 'segmentation') return goal.metric === 'meanDice' ? m.dice.mean : goal.metric === 'accuracy' ? m.pixelAccuracy : null;
  if (goal.metric === 'meanDice') return null;
  return goal.metric === 'accuracy' ? m.report.accuracy : m.report.balancedAccuracy;
}

/** What one training run of a lesson graph gave. */
export interface LessonRun {
  /** The goal's metric after each epoch (null where undefined). */
  perEpoch: (number | null)[];
  /** Best over the epochs (max for '>=' goals, min for '<='), null when no epoch had a value. */
  best: number | null;
  /** 1-based first epoch that reached the goal, or -1. */
  epochsToGoal: number;
  /** Seconds of the epochs (training and validation). */
  trainSeconds: number;
}

/** Best value and first epoch reaching the goal, from the per-epoch values. */
export function summariseRun(goal: LessonGoal, perEpoch: readonly (number | null)[], trainSeconds: number): LessonRun {
  let best: number | null = null;
  let epochsToGoal = -1;
  perEpoch.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    if (best === null || (goal.op === '>=' ? v > best : v < best)) best = v;
    if (epochsToGoal < 0 && goalReached(goal, v)) epochsToGoal = i + 1;
  });
  return { perEpoch: [...perEpoch], best, epochsToGoal, trainSeconds };
}

/**
 * Lesson 2's ResNet-style variant, as its instructions describe it: each VGG block's input is routed around
 * the block's two convolutions into an Add, through a 1x1 Conv2D (the filters change at every block). The
 * pooling after the block then reads the Add. A fresh document; `doc` is left as it is.
 */
export function residualVariant(doc: GraphDocument): GraphDocument {
  const nodes: GraphNode[] = doc.nodes.map((n) => ({ ...n, params: { ...n.params }, position: { ...n.position } }));
  const edges = doc.edges.map((e) => ({ ...e }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const sourceOf = (id: string) => edges.find((e) => e.target === id)?.source;
  let k = 0;
  for (const pool of doc.nodes.filter((n) => n.type === 'MaxPooling2D')) {
    // Walk back from the pool through the block (Conv2D, and BatchNorm/ReLU after each) to its first Conv2D.
    const main = sourceOf(pool.id);
    const convs: string[] = [];
    let at = main;
    while (at && convs.length < 2 && ['Conv2D', 'BatchNormalization', 'Activation'].includes(byId.get(at)?.type ?? '')) {
      if (byId.get(at)?.type === 'Conv2D') convs.push(at);
      if (convs.length < 2) at = sourceOf(at);
    }
    const blockIn = convs.length === 2 ? sourceOf(convs[1]) : undefined;
    if (!main || !blockIn) continue;
    const second = convs[0];
    k++;
    const where = byId.get(main)!.position;
    const shortcut: GraphNode = {
      id: `shortcut${k}`,
      type: 'Conv2D',
      name: `shortcut_${k}`,
      params: { ...defaultParams('Conv2D'), filters: byId.get(second)!.params.filters, kernelSize: 1, padding: 'same' },
      position: { x: where.x, y: where.y + 160 },
    };
    const add: GraphNode = { id: `add${k}`, type: 'Add', name: `add_${k}`, params: { ...defaultParams('Add') }, position: { x: where.x + 130, y: where.y + 80 } };
    nodes.push(shortcut, add);
    edges.find((e) => e.target === pool.id)!.source = add.id;
    edges.push(
      { id: `shortcut${k}_in`, source: blockIn, target: shortcut.id },
      { id: `add${k}_main`, source: main, target: add.id },
      { id: `add${k}_shortcut`, source: shortcut.id, target: add.id },
    );
  }
  return { ...doc, name: `${doc.name ?? 'Graph'} (ResNet-style)`, nodes, edges, training: { ...doc.training }, task: { ...doc.task } };
}

/** Trains `document` with its own settings (epochs optionally overridden) on `count` (default DEFAULT_DATA_SIZE) generated images. */
export async function trainLessonGraph(
  document: GraphDocument,
  goal: LessonGoal,
  opts: { epochs?: number; count?: number; log?: Log; label?: string } = {},
): Promise<LessonRun> {
  const log = opts.log ?? (() => {});
  const label = opts.label ?? document.name ?? 'lesson';
  const perEpoch: (number | null)[] = [];
  let seconds = 0;
  let failure: string | null = null;
  const result = await train(
    {
      document,
      data: { taskId: document.task.id, count: opts.count ?? DEFAULT_DATA_SIZE, seed: document.training.seed },
      settings: opts.epochs === undefined ? {} : { epochs: opts.epochs },
      samples: 0,
    },
    {
      onEvent(event) {
        if (event.type === 'epoch') {
          const v = epochGoalValue(goal, event);
          perEpoch.push(v);
          seconds += event.seconds;
          log(`${label}: epoch ${event.epoch}/${event.epochs}  train loss ${event.trainLoss.toFixed(3)}  val ${goal.metric} ${v === null ? '-' : v.toFixed(3)}  ${event.seconds.toFixed(1)} s`);
        } else if (event.type === 'error') {
          failure = `${event.message} ${event.hint}`;
        }
      },
    },
  );
  if (result.reason !== 'completed') throw new Error(`${label}: training ${result.reason}${failure ? `: ${failure}` : ''}`);
  return summariseRun(goal, perEpoch, seconds);
}

/** The three figures of one run, named `lesson_<key>_...`. */
export function lessonFigures(key: string, goal: LessonGoal, run: LessonRun): BenchFigure[] {
  const figures: BenchFigure[] = [];
  if (run.best !== null) figures.push({ name: `lesson_${key}_goal_metric`, value: Math.round(run.best * 1000) / 1000, unit: goal.metric });
  figures.push({ name: `lesson_${key}_epochs_to_goal`, value: run.epochsToGoal, unit: 'epochs' });
  figures.push({ name: `lesson_${key}_train_s`, value: Math.round(run.trainSeconds * 10) / 10, unit: 's' });
  return figures;
}

/** Every lesson (or the ones in `ids`), plus the fixes the lessons ask for (class weights, ResNet-style) unless `variants` is false. */
export async function benchLessons(opts: { log?: Log; ids?: string[]; epochs?: number; variants?: boolean } = {}): Promise<BenchFigure[]> {
  const log = opts.log ?? (() => {});
  await initBackend('wasm');
  const figures: BenchFigure[] = [];
  for (const info of LESSONS) {
    if (opts.ids && !opts.ids.includes(info.id)) continue;
    const lesson = info.build();
    const key = info.id.replace(/-/g, '_');
    const t = lesson.document.training;
    log(`lesson ${info.id}: goal ${lesson.goal.metric} ${lesson.goal.op} ${lesson.goal.value}; ${opts.epochs ?? t.epochs} epochs, lr ${t.learningRate}, batch ${t.batchSize}, ${DEFAULT_DATA_SIZE} images, seed ${t.seed}`);
    const run = await trainLessonGraph(lesson.document, lesson.goal, { epochs: opts.epochs, count: lesson.dataSize, log, label: info.id });
    figures.push(...lessonFigures(key, lesson.goal, run));
    if (info.id === 'first-cnn' && opts.variants !== false) {
      const weighted = { ...lesson.document, training: { ...t, classWeights: true } };
      const run = await trainLessonGraph(weighted, lesson.goal, { epochs: opts.epochs, count: lesson.dataSize, log, label: `${info.id} (class weights on)` });
      figures.push(...lessonFigures(`${key}_classweights`, lesson.goal, run));
    }
    if (info.id === 'deeper-networks' && opts.variants !== false) {
      const resnet = await trainLessonGraph(residualVariant(lesson.document), lesson.goal, {
        epochs: opts.epochs,
        count: lesson.dataSize,
        log,
        label: `${info.id} (ResNet-style)`,
      });
      figures.push(...lessonFigures(`${key}_resnet`, lesson.goal, resnet));
    }
  }
  return figures;
}

function value(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const lesson = value(argv, '--lesson');
  const epochs = value(argv, '--epochs');
  const figures = await benchLessons({
    log: (line) => console.error(line),
    ids: lesson ? lesson.split(',') : undefined,
    epochs: epochs === undefined ? undefined : Number(epochs),
    variants: !argv.includes('--no-variants'),
  });
  for (const f of figures) console.log(json ? JSON.stringify(f) : `${f.name}: ${f.value} ${f.unit}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
