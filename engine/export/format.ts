/**
 * Number and list literals shared by the Python and JavaScript printers. Values come from validated params
 * (finite numbers), so printing them cannot inject code; they are still formatted explicitly, never by
 * pasting user text.
 */

/** A finite number as a Python/JS literal, rounded to 10 significant digits (1 - 0.99 prints as 0.01). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot print ${value} as a literal.`);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** A Python tuple literal: `(3, 64, 64)`, `(7,)`. */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** Indents every non-empty line of a block. */
export function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

/** A shape without batch as text for comments: `64x64x3` (NHWC), or `N x C x H x W` helpers below. */
export function shapeText(dims: readonly (number | null)[]): string {
  return dims.map((d) => (d === null ? '?' : String(d))).join('x');
}
