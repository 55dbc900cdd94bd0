/**
 * Which runs belong to what the user is looking at now: the task of the graph, the data it trains on
 * (generated or an import) and the open lesson. The panel's headline, result views and charts show only
 * runs of this context, so switching task, data or starting a lesson never shows another setup's numbers;
 * every run stays in the Runs list. Pure (no React).
 */
import type { Dataset } from '@/engine/datasets/types';
import { hashSeed } from '@/engine/datasets/rng';
import type { SamplePrediction } from '@/engine/protocol';
import { GENERATED_DATASET, type RunDataset, type RunRecord } from './runs';
import type { TrainingState } from './trainingState';

/** What the results shown must have been made with. */
export interface RunContext {
  taskId: string;
  /** RunDataset.key of the data the next run would use. */
  datasetKey: string;
  /** The open lesson's title; null outside a lesson (then runs made in lessons count too). */
  lesson: string | null;
}

/** Identities already computed: selectors ask on every store update, and an import may hold 10,000 ids. */
const identities = new WeakMap<object, RunDataset>();

/** The identity of imported data: its format, count and a hash of its file ids. */
export function importedDataset(data: Pick<Dataset, 'source' | 'count' | 'ids'>): RunDataset {
  const known = identities.get(data);
  if (known) return known;
  const hash = hashSeed(data.count, ...data.ids).toString(16).padStart(8, '0');
  const identity: RunDataset = { source: 'imported', key: `imported:${data.source}:${data.count}:${hash}`, label: `${data.source} import, ${data.count} images` };
  identities.set(data, identity);
  return identity;
}

/** The dataset a run of `taskId` uses now: the import made for that task, else the generated images. */
export function activeDataset(taskId: string, imported: { info: { id: string }; dataset: Pick<Dataset, 'source' | 'count' | 'ids'> } | null): RunDataset {
  return imported && imported.info.id === taskId ? importedDataset(imported.dataset) : GENERATED_DATASET;
}

/** Whether `run` was made in `context` (same task and data; in a lesson, made in that lesson). */
export function inContext(run: Pick<RunRecord, 'taskId' | 'dataset' | 'lesson'>, context: RunContext): boolean {
  return run.taskId === context.taskId && run.dataset.key === context.datasetKey && (context.lesson === null || run.lesson === context.lesson);
}

/**
 * The run the panel shows: the current run when it belongs to the context, else the newest run that does,
 * else null (an empty headline, not another task's figures).
 */
export function shownRun(state: Pick<TrainingState, 'runs' | 'currentRunId'>, context: RunContext): RunRecord | null {
  const current = state.runs.find((r) => r.id === state.currentRunId);
  if (current && inContext(current, context)) return current;
  return state.runs.findLast((r) => inContext(r, context)) ?? null;
}

const NO_SAMPLES: SamplePrediction[] = [];

/** Sample images of the shown run's `split`: only the current run has them (they are not kept per run). */
export function shownSamples(state: Pick<TrainingState, 'runs' | 'currentRunId' | 'samples' | 'testSamples'>, context: RunContext, split: 'validation' | 'test'): SamplePrediction[] {
  const run = shownRun(state, context);
  if (!run || run.id !== state.currentRunId) return NO_SAMPLES;
  return split === 'validation' ? state.samples : state.testSamples;
}

/** The context of an editor state: its graph's task, the data it would train on, the open lesson. */
export function contextOf(s: { doc: { task: { id: string } }; importedData: Parameters<typeof activeDataset>[1]; lesson: { title: string } | null }): RunContext {
  return { taskId: s.doc.task.id, datasetKey: activeDataset(s.doc.task.id, s.importedData).key, lesson: s.lesson?.title ?? null };
}
