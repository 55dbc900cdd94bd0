/**
 * Numeric limits that more than one reader enforces: the document schema, the settings panel, lesson links
 * and the CLI's flags all take them from here, so a value one accepts the others accept too.
 */

/** One numeric range: inclusive bounds, or an exclusive lower one; `integer` for whole numbers. */
export interface NumberRange {
  min?: number;
  minExclusive?: number;
  max: number;
  integer?: boolean;
}

/** Bounds of the numeric training settings, inclusive unless the name says otherwise. */
export const TRAINING_LIMITS = Object.freeze({
  epochs: { min: 1, max: 10_000, integer: true },
  batchSize: { min: 1, max: 4096, integer: true },
  /** Must be above `minExclusive`. */
  learningRate: { minExclusive: 0, max: 10 },
  momentum: { min: 0, max: 1 },
  validationFraction: { min: 0, max: 0.5 },
  /** A 32-bit unsigned seed. */
  seed: { min: 0, max: 0xffffffff, integer: true },
} satisfies Record<'epochs' | 'batchSize' | 'learningRate' | 'momentum' | 'validationFraction' | 'seed', NumberRange>);

/** Generated images per run: a lesson's dataSize, the CLI's --count. Fewer than `minImages` cannot be split for training. */
export const DATA_LIMITS = Object.freeze({ minImages: 20, maxImages: 20_000 });

/**
 * Why `value` is not in `range`, as a phrase that follows the value's name ("must be a whole number from 1
 * to 10000"), or null when it is.
 * Example: rangeError(1e9, { min: 1, max: 10_000, integer: true }) -> 'must be a whole number from 1 to 10000'
 */
export function rangeError(value: number, range: NumberRange): string | null {
  const whole = range.integer ? 'a whole number' : 'a number';
  const span = range.minExclusive !== undefined ? `above ${range.minExclusive} and at most ${range.max}` : `from ${range.min ?? -Infinity} to ${range.max}`;
  const ok =
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    value <= range.max &&
    (range.minExclusive !== undefined ? value > range.minExclusive : value >= (range.min ?? -Infinity));
  return ok ? null : `must be ${whole} ${span}`;
}
