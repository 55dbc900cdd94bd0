/**
 * Largest-remainder (Hamilton) allocation: split an integer total in proportion to weights so that small
 * totals still follow the proportions as closely as integers allow, and the parts always sum to the total.
 * Generators use it for class counts (7 classes of HAM10000 in 50 images), splits for per-class targets.
 *
 * Example: allocate([6705, 1113, 1099], 10) -> [8, 1, 1]  (quotas 7.52, 1.25, 1.23; the one unit left after
 * the floors goes to the largest remainder, 0.52 of the first).
 */
export function allocate(weights: readonly number[], total: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`allocate() wants a whole total >= 0, got ${total}.`);
  let sum = 0;
  for (const w of weights) {
    if (!(w >= 0)) throw new Error('allocate() wants non-negative weights.');
    sum += w;
  }
  if (weights.length === 0 || sum === 0) {
    if (total === 0) return weights.map(() => 0);
    throw new Error('allocate() needs at least one positive weight.');
  }
  const quotas = weights.map((w) => (w / sum) * total);
  const parts = quotas.map((q) => Math.floor(q));
  let left = total - parts.reduce((a, b) => a + b, 0);
  // Ties go to the lower index, so the result never depends on sort stability.
  const order = quotas.map((q, i) => i).sort((i, j) => quotas[j] - parts[j] - (quotas[i] - parts[i]) || i - j);
  for (let k = 0; left > 0; k++, left--) parts[order[k % order.length]]++;
  return parts;
}
