/**
 * How many workers a training run gets when the user leaves the setting on Auto: the machine's cores, and
 * no more workers than the graph's batch has work to share. Pure arithmetic, tested directly; the app's
 * Workers setting, the training worker and the CLI all decide with it.
 */

/** Upper bound of the worker setting (a page rarely gains from more; each worker holds a model copy). */
export const MAX_WORKERS = 16;

/**
 * Forward multiply-adds a worker's shard of the batch needs before a worker of its own pays for itself.
 * Every replica pays a step's fixed costs whatever its shard (tfjs' per-op dispatch, the update of every
 * weight, a message round trip), so a graph with little work per image gains nothing from sharing a small
 * batch. Measured on a 2-core machine in Chromium, 2 workers' img/s over 1 worker's at a shard of (medians of 4
 * alternating rounds, scripts/bench/templateWorkers.ts --batch): 18 M: 0.96 (the First CNN at its batch of
 * 16); 26 M: 1.11; 36 M: 1.12; 53 M: 1.22; 72 M: 1.18; 106 M: 1.35; 164-201 M (the larger templates): 1.25-1.72.
 */
export const MIN_SHARD_MACS = 25e6;

/** A count as the log and tooltip print it: "35 M", "4.4 M", "23 k", "1.2 G". */
function compact(n: number): string {
  for (const [unit, size] of [['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    const v = n / size;
    if (v >= 1) return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${unit}`;
  }
  return String(Math.round(n));
}

/** A batch's work: the graph's forward multiply-adds per image (graph/shapes' totals.macs) and the batch size. */
export interface BatchWork {
  macsPerImage: number;
  batchSize: number;
}

/** Auto's choice: the worker count and, when the graph's work held it below what the cores allow, why. */
export interface AutoWorkers {
  workers: number;
  /**
   * One sentence for the run's log and the setting's tooltip (each caller adds how to override it); null
   * when every core the rule allows is used.
   */
  why: string | null;
}

/**
 * The cores' share alone: all of them on 1 or 2 cores (the page is idle while training; leaving one of two
 * cores unused would halve the speed), one fewer from 3 cores up so the page, its charts and the browser keep
 * a core.
 */
function workersForCores(cores: number): number {
  const n = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  return Math.max(1, Math.min(MAX_WORKERS, n <= 2 ? n : n - 1));
}

/**
 * Auto's worker count for `cores` logical cores and, when known, the batch's `work`: the cores' share,
 * lowered so that every shard has at least {@link MIN_SHARD_MACS} forward multiply-adds (at least 1).
 *
 * @example autoWorkers(2, { macsPerImage: 2.2e6, batchSize: 16 }) // { workers: 1, why: 'Auto trains ... on 1 worker ...' }
 * @example autoWorkers(2, { macsPerImage: 11.2e6, batchSize: 32 }) // { workers: 2, why: null }
 */
export function autoWorkers(cores: number, work?: BatchWork): AutoWorkers {
  const byCores = workersForCores(cores);
  if (!work || !(work.macsPerImage > 0) || !(work.batchSize >= 1)) return { workers: byCores, why: null };
  const batchMacs = work.macsPerImage * Math.floor(work.batchSize);
  const byWork = Math.max(1, Math.floor(batchMacs / MIN_SHARD_MACS));
  if (byWork >= byCores) return { workers: byCores, why: null };
  const count = byWork === 1 ? '1 worker' : `${byWork} workers`;
  return {
    workers: byWork,
    why:
      `Auto trains this graph on ${count} of the ${byCores} the cores allow: a batch of ${Math.floor(work.batchSize)} is ` +
      `${compact(batchMacs)} multiply-adds a forward pass, and a worker pays for itself from about ` +
      `${compact(MIN_SHARD_MACS)} of its own (a larger batch or graph gets more).`,
  };
}

/**
 * How many training workers to use: a `requested` count (the user's setting) wins, clamped to
 * [1, MAX_WORKERS]; otherwise Auto ({@link autoWorkers}), by the cores and, when given, the batch's work.
 *
 * @example defaultWorkerCount(2) // 2; defaultWorkerCount(8) // 7; defaultWorkerCount(8, 1) // 1
 * @example defaultWorkerCount(2, undefined, { macsPerImage: 2.2e6, batchSize: 16 }) // 1
 */
export function defaultWorkerCount(cores: number, requested?: number, work?: BatchWork): number {
  return chosenWorkers(requested) ?? autoWorkers(cores, work).workers;
}

/**
 * The user's worker count, clamped to [1, MAX_WORKERS], or null for Auto (no count, or one under 1).
 *
 * @example chosenWorkers(2.7) // 2; chosenWorkers(99) // 16; chosenWorkers(undefined) // null; chosenWorkers(0) // null
 */
export function chosenWorkers(requested?: number | null): number | null {
  return requested != null && Number.isFinite(requested) && requested >= 1 ? Math.min(MAX_WORKERS, Math.floor(requested)) : null;
}
