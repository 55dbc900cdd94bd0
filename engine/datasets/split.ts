import { allocate } from './allocate';
import { createRng, type Rng } from './rng';
import type { Dataset, DatasetSplits } from './types';

/** Options of splitDataset. Fractions are of images; groups make them approximate. */
export interface SplitOptions {
  /** Share of all images for test (ignored when the dataset ships its own train/test split). Default 0.2. */
  testFraction?: number;
  /** Share of the training images set aside for validation. Default 0.15. */
  validationFraction?: number;
  /** Seed: the same seed and dataset give the same split. Default 1. */
  seed?: number;
  /** Keep class proportions alike in every split, as far as groups allow. Default true. */
  stratify?: boolean;
}

interface Group {
  indices: number[];
  label: number;
}

/** Groups among `indices`, in order of first appearance; a group's label is its most common image label. */
function groupsOf(ds: Dataset, indices: readonly number[]): Group[] {
  const byId = new Map<string, number[]>();
  for (const i of indices) {
    const list = byId.get(ds.groups[i]);
    if (list) list.push(i);
    else byId.set(ds.groups[i], [i]);
  }
  return [...byId.values()].map((list) => {
    const votes = new Map<number, number>();
    for (const i of list) votes.set(ds.labels[i], (votes.get(ds.labels[i]) ?? 0) + 1);
    let label = Infinity;
    let best = -1;
    for (const [l, n] of votes) if (n > best || (n === best && l < label)) [label, best] = [l, n];
    return { indices: list, label };
  });
}

/**
 * Pick whole groups holding about `fraction` of the images: the image target is shared among strata (one
 * per label, or one in all) by largest remainder, then in each stratum groups are taken in seeded random
 * order whenever taking one brings the count closer to the stratum's target.
 */
function carve(groups: Group[], fraction: number, stratify: boolean, rng: Rng): { taken: Group[]; rest: Group[] } {
  const strata = new Map<number, Group[]>();
  for (const g of groups) {
    const key = stratify ? g.label : 0;
    const list = strata.get(key);
    if (list) list.push(g);
    else strata.set(key, [g]);
  }
  const keys = [...strata.keys()].sort((a, b) => a - b);
  const sizes = keys.map((k) => (strata.get(k) as Group[]).reduce((n, g) => n + g.indices.length, 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const targets = total > 0 ? allocate(sizes, Math.round(fraction * total)) : keys.map(() => 0);
  const taken: Group[] = [];
  const rest: Group[] = [];
  keys.forEach((key, s) => {
    const list = rng.shuffle([...(strata.get(key) as Group[])]);
    let count = 0;
    for (const g of list) {
      const n = g.indices.length;
      if (Math.abs(count + n - targets[s]) < Math.abs(count - targets[s])) {
        taken.push(g);
        count += n;
      } else rest.push(g);
    }
  });
  return { taken, rest };
}

const flat = (groups: Group[]): number[] => groups.flatMap((g) => g.indices).sort((a, b) => a - b);

/**
 * Seeded, grouped, stratified train/validation/test split.
 *
 * Images of one group (lesion, patient) always land in the same split. Without a provided split, about
 * testFraction of the images go to test, then validationFraction of the rest to validation. When the dataset
 * ships a train/test split (`providedSplit`), its test images are the test set unchanged and validation is
 * carved out of its train images. Index lists come back sorted.
 *
 * Example: 100 single-image groups, defaults -> 20 test, 12 validation (15% of 80), 68 train.
 */
export function splitDataset(ds: Dataset, options: SplitOptions = {}): DatasetSplits {
  const { testFraction = 0.2, validationFraction = 0.15, seed = 1, stratify = true } = options;
  for (const [name, f] of [['testFraction', testFraction], ['validationFraction', validationFraction]] as const) {
    if (!(f >= 0 && f < 1)) throw new Error(`${name} must be in [0, 1), got ${f}.`);
  }
  const rng = createRng(`split:${seed}`);
  const all = Array.from({ length: ds.count }, (_, i) => i);
  let test: number[];
  let trainGroups: Group[];
  if (ds.providedSplit) {
    const provided = ds.providedSplit;
    test = all.filter((i) => provided[i] === 'test');
    trainGroups = groupsOf(ds, all.filter((i) => provided[i] !== 'test'));
  } else {
    const carved = carve(groupsOf(ds, all), testFraction, stratify, rng.fork('test'));
    test = flat(carved.taken);
    trainGroups = carved.rest;
  }
  const val = carve(trainGroups, validationFraction, stratify, rng.fork('validation'));
  return { train: flat(val.rest), validation: flat(val.taken), test };
}

/** Image counts per class in each split; index = label (classes beyond ds.classes are counted too). */
export interface SplitCounts {
  classes: string[];
  train: number[];
  validation: number[];
  test: number[];
}

/**
 * Count images per split and class, for the table shown beside a split.
 * Example: splitCounts(ds, splits).test[4] = number of mel images in test (skin-lesions).
 */
export function splitCounts(ds: Dataset, splits: DatasetSplits): SplitCounts {
  let n = ds.classes.length;
  for (let i = 0; i < ds.count; i++) n = Math.max(n, ds.labels[i] + 1);
  const classes = Array.from({ length: n }, (_, k) => ds.classes[k] ?? `class ${k}`);
  const count = (list: number[]): number[] => {
    const out = new Array<number>(n).fill(0);
    for (const i of list) out[ds.labels[i]]++;
    return out;
  };
  return { classes, train: count(splits.train), validation: count(splits.validation), test: count(splits.test) };
}

/** Groups whose images sit in more than one split (should be none; a provided split can break the rule). */
export function straddlingGroups(ds: Dataset, splits: DatasetSplits): string[] {
  const where = new Map<string, Set<string>>();
  for (const name of ['train', 'validation', 'test'] as const) {
    for (const i of splits[name]) {
      const set = where.get(ds.groups[i]) ?? new Set<string>();
      set.add(name);
      where.set(ds.groups[i], set);
    }
  }
  return [...where].filter(([, s]) => s.size > 1).map(([g]) => g);
}
