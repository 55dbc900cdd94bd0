/**
 * The run history in localStorage, so runs survive a reload: at most MAX_SAVED_RUNS runs, each with its
 * batch loss thinned to MAX_SAVED_BATCHES points (a few tens of kB per run). Reading validates every run and
 * drops the ones that do not fit (an older layout, a damaged entry) instead of breaking the panels.
 */
import { z } from 'zod';
import { parseDocument, trainingSchema } from '@/graph/document';
import { GENERATED_DATASET, type RunRecord } from './runs';
import { MAX_WORKERS } from '@/engine/parallel/workerCount';

/** localStorage key (versioned: a new layout gets a new key). */
export const RUNS_KEY = 'convas.training.runs.v1';
/** Runs kept across reloads (the newest). */
export const MAX_SAVED_RUNS = 10;
/** Batch-loss points kept per saved run. */
export const MAX_SAVED_BATCHES = 400;

/** The Storage methods used (localStorage in the app, a Map-backed fake in tests). */
export type RunStorage = Pick<Storage, 'getItem' | 'setItem'>;

const num = z.number().nullable();
const counts = z.array(z.array(z.number().int().min(0)));
const metricsSchema = z.union([
  z.object({ kind: z.literal('classification'), confusion: counts }),
  z.object({ kind: z.literal('segmentation'), dicePerClass: z.array(num), meanDice: num, counted: z.array(z.number()), pixelAccuracy: num }),
]);
const passSchema = z.object({ loss: num, images: z.number().int().min(0), metrics: metricsSchema }).nullable();
const epochSchema = z.object({
  epoch: z.number().int().min(1),
  trainLoss: num,
  valLoss: num,
  accuracy: num,
  balancedAccuracy: num,
  baselineAccuracy: num,
  meanDice: num,
  dicePerClass: z.array(num).nullable(),
  trainAccuracy: num,
  imagesPerSecond: num,
  seconds: num,
});
const runSchema = z.object({
  id: z.string().max(100),
  number: z.number().int().min(1),
  name: z.string().max(500),
  startedAt: z.number(),
  taskId: z.string().max(200),
  // Runs saved before runs recorded their data and lesson load as generated data, outside a lesson.
  dataset: z
    .object({ source: z.enum(['generated', 'imported']), key: z.string().max(300), label: z.string().max(300) })
    .default(GENERATED_DATASET),
  lesson: z.string().max(200).nullable().default(null),
  kind: z.enum(['classification', 'segmentation']),
  classNames: z.array(z.string().max(200)).max(1000),
  settings: trainingSchema,
  doc: z.unknown(),
  backend: z.string().max(100),
  params: num,
  splits: z.object({ train: z.number(), validation: z.number(), test: z.number() }).nullable(),
  batchesPerEpoch: z.number().int().min(0),
  batches: z.array(z.object({ x: z.number(), loss: num })),
  epochs: z.array(epochSchema),
  validation: passSchema,
  test: passSchema,
  status: z.enum(['running', 'completed', 'stopped', 'diverged', 'failed']),
  error: z.object({ message: z.string(), hint: z.string() }).nullable(),
  seconds: num,
  visible: z.boolean(),
});

/** A run as saved: batch loss thinned; a run still going when the page closed is saved as stopped. */
export function compactRun(run: RunRecord): RunRecord {
  return { ...run, batches: thin(run.batches, MAX_SAVED_BATCHES), status: run.status === 'running' ? 'stopped' : run.status };
}

/** One stored run, validated, or null. */
function readRun(raw: unknown): RunRecord | null {
  const r = runSchema.safeParse(raw);
  if (!r.success) return null;
  const doc = parseDocument(r.data.doc, { warnDefaultedTraining: false });
  if (!doc.ok) return null;
  return { ...r.data, doc: doc.doc };
}

/** The saved runs, oldest first; [] when there are none or storage is unavailable. */
export function readRuns(storage: RunStorage | null): RunRecord[] {
  if (!storage) return [];
  try {
    const text = storage.getItem(RUNS_KEY);
    if (!text) return [];
    const raw: unknown = JSON.parse(text);
    if (!Array.isArray(raw)) return [];
    return raw
      .map(readRun)
      .filter((r): r is RunRecord => r !== null)
      .slice(-MAX_SAVED_RUNS);
  } catch {
    return [];
  }
}

/**
 * Saves the newest MAX_SAVED_RUNS runs. When the browser refuses (quota), retries with fewer runs; returns
 * how many were saved (0 when storage is unavailable).
 */
export function writeRuns(storage: RunStorage | null, runs: readonly RunRecord[]): number {
  if (!storage) return 0;
  let kept = runs.slice(-MAX_SAVED_RUNS).map(compactRun);
  while (kept.length > 0) {
    try {
      storage.setItem(RUNS_KEY, JSON.stringify(kept));
      return kept.length;
    } catch {
      kept = kept.slice(1);
    }
  }
  try {
    storage.setItem(RUNS_KEY, '[]');
  } catch {
    // Storage is unusable (private mode): the history simply does not persist.
  }
  return 0;
}

/** localStorage key of the panel preferences (loss smoothing, generated image count). */
export const PREFS_KEY = 'convas.training.prefs.v1';

/** Panel preferences kept across reloads. */
export interface TrainingPrefs {
  smoothing: number;
  dataSize: number;
  /** Training workers chosen by the user; null: from the machine's cores. Absent in older saves. */
  workers: number | null;
}

const prefsSchema = z
  .object({ smoothing: z.number().min(0).max(0.99), dataSize: z.number().int().min(20).max(20_000), workers: z.number().int().min(1).max(MAX_WORKERS).nullable() })
  .partial();

/** The saved preferences over `defaults` (each field checked on its own). */
export function readPrefs(storage: RunStorage | null, defaults: TrainingPrefs): TrainingPrefs {
  try {
    const text = storage?.getItem(PREFS_KEY);
    if (!text) return defaults;
    const r = prefsSchema.safeParse(JSON.parse(text));
    return r.success ? { ...defaults, ...r.data } : defaults;
  } catch {
    return defaults;
  }
}

/** Saves the preferences; false when the browser refuses. */
export function writePrefs(storage: RunStorage | null, prefs: TrainingPrefs): boolean {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(prefs));
    return storage !== null;
  } catch {
    return false;
  }
}

/**
 * At most `max` points, evenly spaced by index, always keeping the first and last (for storage and for
 * charts of long runs). Returns the same array when it is short enough.
 */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max || max < 2) return [...points];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]);
  return out;
}
