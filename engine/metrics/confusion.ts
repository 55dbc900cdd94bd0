/**
 * Confusion matrices. Stored with rows = true class and columns = predicted class (scikit-learn's
 * orientation, `m[true][pred]`); the UI draws rows = predicted by default (the seed material's
 * orientation, DESIGN.md section 6), i.e. {@link transposeMatrix} of this.
 */
import { ratio } from './ratio';

/** n x n counts, `m[trueClass][predictedClass]`. */
export type ConfusionMatrix = number[][];

/** An n x n matrix of zeros. */
export function emptyMatrix(numClasses: number): ConfusionMatrix {
  return Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
}

/**
 * Index of the largest of each row of `probs` (`rows x numClasses`, row-major); the first on ties. Written
 * into `out` when given (one entry per row: predictedMask passes a Uint8Array), else into a new Int32Array.
 */
export function argmaxRows(probs: ArrayLike<number>, numClasses: number): Int32Array;
export function argmaxRows<T extends Int32Array | Uint8Array>(probs: ArrayLike<number>, numClasses: number, out: T): T;
export function argmaxRows(probs: ArrayLike<number>, numClasses: number, out?: Int32Array | Uint8Array): Int32Array | Uint8Array {
  const rows = Math.floor(probs.length / numClasses);
  out ??= new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probs[r * numClasses + c] > probs[r * numClasses + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Adds the pairs (truth[i], pred[i]) to `m` in place. Throws on a class index outside 0..n-1. */
export function addToMatrix(m: ConfusionMatrix, truth: ArrayLike<number>, pred: ArrayLike<number>): void {
  if (truth.length !== pred.length) throw new Error(`truth has ${truth.length} labels, predictions ${pred.length}`);
  const n = m.length;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = pred[i];
    if (!(t >= 0 && t < n && p >= 0 && p < n) || !Number.isInteger(t) || !Number.isInteger(p)) {
      throw new Error(`class index out of range 0..${n - 1}: truth ${t}, prediction ${p} at ${i}`);
    }
    m[t][p]++;
  }
}

/**
 * Confusion matrix of class indices.
 * @example confusionMatrix([0, 1, 1], [0, 1, 0], 2) // [[1, 0], [1, 1]]: one class-1 image predicted as 0
 */
export function confusionMatrix(truth: ArrayLike<number>, pred: ArrayLike<number>, numClasses: number): ConfusionMatrix {
  const m = emptyMatrix(numClasses);
  addToMatrix(m, truth, pred);
  return m;
}

/** Rows and columns swapped: rows = predicted, columns = true (the UI's default view). */
export function transposeMatrix(m: ConfusionMatrix): ConfusionMatrix {
  return m.map((row, i) => row.map((_, j) => m[j][i]));
}

/** Fraction of the matrix on the diagonal; NaN for an empty matrix. */
export function matrixAccuracy(m: ConfusionMatrix): number {
  let diag = 0;
  let total = 0;
  m.forEach((row, i) =>
    row.forEach((v, j) => {
      total += v;
      if (i === j) diag += v;
    }),
  );
  return ratio(diag, total);
}

/**
 * Accumulates a confusion matrix over batches (an epoch's validation set, say).
 * `update` takes true class indices and either predicted indices or `batch x numClasses` probabilities.
 */
export class ConfusionAccumulator {
  private m: ConfusionMatrix;

  constructor(readonly numClasses: number) {
    this.m = emptyMatrix(numClasses);
  }

  /** Adds a batch of predicted class indices. */
  update(truth: ArrayLike<number>, pred: ArrayLike<number>): void {
    addToMatrix(this.m, truth, pred);
  }

  /** Adds a batch of class probabilities (softmax output, row-major `batch x numClasses`). */
  updateFromProbabilities(truth: ArrayLike<number>, probs: ArrayLike<number>): void {
    if (probs.length !== truth.length * this.numClasses) {
      throw new Error(`expected ${truth.length} x ${this.numClasses} probabilities, got ${probs.length}`);
    }
    addToMatrix(this.m, truth, argmaxRows(probs, this.numClasses));
  }

  /** A copy of the counts so far (rows = true). */
  result(): ConfusionMatrix {
    return this.m.map((row) => [...row]);
  }

  reset(): void {
    this.m = emptyMatrix(this.numClasses);
  }
}
