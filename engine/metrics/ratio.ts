/** n / d, or NaN when d is 0: an undefined ratio (the UI shows "-"), never a silent 0 or Infinity. */
export function ratio(n: number, d: number): number {
  return d === 0 ? NaN : n / d;
}

/** The median of `values`: the middle one, or the mean of the two middle ones; NaN for none. */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Mean of the values that are not NaN; NaN when none is. */
export function nanMean(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return ratio(sum, count);
}
