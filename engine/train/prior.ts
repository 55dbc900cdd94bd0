/**
 * The head's starting bias from the class prior of the training split (Karpathy's "init well"; RetinaNet's
 * prior probability for rare foreground). A head that starts at the prior does not spend its first epochs
 * learning how rare tumour pixels or dermatofibromas are, and its first gradients are about the images rather
 * than a large push of every output towards the common class, which is what saturates a sigmoid head.
 */
import type { HeadSpec } from '../compile';
import type { Dataset } from '../datasets/types';

/** Frequencies below this are raised to it, so an absent class does not start at minus infinity. */
const MIN_FREQUENCY = 1e-4;
/** Masks of at most this many training images are counted (enough for a stable pixel prior, quick to read). */
const MAX_MASKS = 2000;

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Bias values for the head: ln of each class' frequency among the training images (classification) or
 * pixels (segmentation), centred; for a one-channel sigmoid head, logit(foreground share). Null when the
 * prior is uniform by design: class-weighted classification balances the classes, so it starts from 0.
 * Example: labels 90 x class 0, 10 x class 1, no class weights -> [ln 0.9 - c, ln 0.1 - c], c = their mean.
 */
export function priorBias(ds: Dataset, train: readonly number[], head: HeadSpec, classWeights: boolean): number[] | null {
  if (train.length === 0) return null;
  if (head.kind === 'classification') {
    if (classWeights) return null;
    const counts = new Array<number>(head.classes).fill(0);
    for (const i of train) counts[ds.labels[i]]++;
    return centredLog(counts.map((c) => c / train.length));
  }
  if (!ds.masks) return null;
  const pixels = ds.height * ds.width;
  const counts = new Array<number>(Math.max(2, head.classes)).fill(0);
  const step = Math.max(1, Math.floor(train.length / MAX_MASKS));
  let total = 0;
  for (let j = 0; j < train.length; j += step) {
    const base = train[j] * pixels;
    for (let p = 0; p < pixels; p++) {
      const c = ds.masks[base + p];
      counts[head.classes === 1 ? (c > 0 ? 1 : 0) : Math.min(c, counts.length - 1)]++;
    }
    total += pixels;
  }
  const freq = counts.map((c) => c / total);
  if (head.classes === 1) return [logit(Math.min(1 - MIN_FREQUENCY, Math.max(MIN_FREQUENCY, freq[1])))];
  return centredLog(freq);
}

function centredLog(freq: number[]): number[] {
  const logs = freq.map((f) => Math.log(Math.max(MIN_FREQUENCY, f)));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return logs.map((l) => l - mean);
}
