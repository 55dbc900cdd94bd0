/**
 * The confusion matrix as the panel draws it: a pure view model (cells with text, colour and role) built from
 * the engine's counts, so the drawing is tested without a browser.
 *
 * The engine stores `m[true][predicted]` (scikit-learn's orientation); the panel draws rows = predicted and
 * columns = true by default, as the teaching material does (DESIGN.md section 6), with a transpose toggle.
 */
import type { ConfusionMatrix } from '@/engine/metrics';
import { formatPercent } from './format';
import type { CellRef, MatrixNormalisation, MatrixViewOptions } from '../store/training/types';

/** A cell's part in the one-vs-rest view of the selected class. */
export type CellRole = 'tp' | 'fp' | 'fn' | 'tn';

export interface MatrixCellView extends CellRef {
  count: number;
  /** The number shown: the count, or the fraction of its row or column. NaN for an empty row/column. */
  value: number;
  /** `12`, or `40.0%`; `-` for a fraction of an empty row or column. */
  text: string;
  /** Colour strength 0..1 (count / largest count, or the fraction itself). */
  intensity: number;
  /** With a selected class: this cell's role for it (TP, FP, FN or TN); else null. */
  role: CellRole | null;
  /** This cell is the one whose images the gallery shows. */
  selected: boolean;
  /** Hover text: "12 images of class mel predicted as nv". */
  title: string;
}

export interface MatrixView {
  /** What the rows and columns are: 'predicted' or 'true'. */
  rowAxis: 'predicted' | 'true';
  colAxis: 'predicted' | 'true';
  /** Class names in row and column order (the same order on both axes). */
  labels: string[];
  /** cells[row][col] in display orientation. */
  cells: MatrixCellView[][];
  /** Displayed row and column sums of counts. */
  rowTotals: number[];
  colTotals: number[];
  total: number;
  /** One sentence on what the current normalisation makes of the diagonal. */
  normalisationNote: string;
}

/** Short labels and hover explanations of the four roles (the teaching material's "Class B" example). */
export const ROLE_INFO: Record<CellRole, { label: string; explain: (cls: string) => string }> = {
  tp: { label: 'TP', explain: (c) => `True positive: truly ${c}, predicted ${c}` },
  fp: { label: 'FP', explain: (c) => `False positive: predicted ${c}, truly another class` },
  fn: { label: 'FN', explain: (c) => `False negative: truly ${c}, predicted as another class` },
  tn: { label: 'TN', explain: (c) => `True negative: neither truly nor predicted ${c}` },
};

/** The role of cell (true t, predicted p) for class k. */
export function cellRole(trueClass: number, predictedClass: number, k: number): CellRole {
  if (trueClass === k && predictedClass === k) return 'tp';
  if (predictedClass === k) return 'fp';
  if (trueClass === k) return 'fn';
  return 'tn';
}

function noteFor(normalisation: MatrixNormalisation, rowAxis: 'predicted' | 'true'): string {
  if (normalisation === 'counts') return 'Counts of images. The diagonal holds the correct answers.';
  const byTrue = (normalisation === 'rows') === (rowAxis === 'true');
  return byTrue
    ? 'Each true class sums to 100%: the diagonal is each class\'s sensitivity (recall).'
    : 'Each predicted class sums to 100%: the diagonal is each class\'s precision.';
}

/**
 * Builds the drawn matrix from counts `m[true][predicted]`.
 *
 * @example
 * // rows predicted (default): cell [0][1] is "predicted class 0, truly class 1", i.e. m[1][0].
 * matrixView([[5, 1], [2, 2]], ['a', 'b'], DEFAULT_MATRIX_OPTIONS).cells[0][1].count // 2
 */
export function matrixView(m: ConfusionMatrix, classNames: readonly string[], options: MatrixViewOptions): MatrixView {
  const n = m.length;
  const rowsArePredicted = options.orientation === 'rows-predicted';
  const at = (row: number, col: number): CellRef =>
    rowsArePredicted ? { trueClass: col, predictedClass: row } : { trueClass: row, predictedClass: col };
  const count = (row: number, col: number) => {
    const ref = at(row, col);
    return m[ref.trueClass][ref.predictedClass];
  };
  const rowTotals = Array.from({ length: n }, (_, r) => m.reduce((s, _row, c) => s + count(r, c), 0));
  const colTotals = Array.from({ length: n }, (_, c) => m.reduce((s, _row, r) => s + count(r, c), 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  let largest = 0;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) largest = Math.max(largest, count(r, c));

  const name = (k: number) => classNames[k] ?? String(k);
  const cells = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c): MatrixCellView => {
      const ref = at(r, c);
      const k = count(r, c);
      let value: number = k;
      if (options.normalisation === 'rows') value = rowTotals[r] ? k / rowTotals[r] : NaN;
      if (options.normalisation === 'columns') value = colTotals[c] ? k / colTotals[c] : NaN;
      const counts = options.normalisation === 'counts';
      const sel = options.selectedCell;
      return {
        ...ref,
        count: k,
        value,
        text: counts ? String(k) : formatPercent(value),
        intensity: counts ? (largest ? k / largest : 0) : Number.isNaN(value) ? 0 : value,
        role: options.selectedClass === null ? null : cellRole(ref.trueClass, ref.predictedClass, options.selectedClass),
        selected: sel !== null && sel.trueClass === ref.trueClass && sel.predictedClass === ref.predictedClass,
        title: `${k} image${k === 1 ? '' : 's'} of class ${name(ref.trueClass)} predicted as ${name(ref.predictedClass)}`,
      };
    }),
  );
  const rowAxis = rowsArePredicted ? 'predicted' : 'true';
  return {
    rowAxis,
    colAxis: rowsArePredicted ? 'true' : 'predicted',
    labels: Array.from({ length: n }, (_, k) => name(k)),
    cells,
    rowTotals,
    colTotals,
    total,
    normalisationNote: noteFor(options.normalisation, rowAxis),
  };
}

/** WCAG 2 relative luminance of an sRGB colour given as 0..255 channels. */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * Below this background luminance white text has the better contrast, above it black text: at the switch
 * both reach (0.229 / 0.05 =) 4.58:1, so either side keeps WCAG's 4.5:1 for normal text. (A dark grey
 * such as slate-800 could not: between luminances 0.18 and 0.27 neither it nor white reaches 4.5.)
 */
const LIGHT_TEXT_BELOW = Math.sqrt(1.05 * 0.05) - 0.05;

/**
 * Cell background for a colour strength 0..1: white to indigo-700 (#4338ca) in sRGB, and whether the text
 * on it should be white (else black) to stay readable at 4.5:1 or more.
 */
export function cellColour(intensity: number): { background: string; lightText: boolean } {
  const t = Math.min(1, Math.max(0, Number.isFinite(intensity) ? intensity : 0));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  const rgb = [mix(255, 67), mix(255, 56), mix(255, 202)] as const;
  return { background: `rgb(${rgb.join(', ')})`, lightText: relativeLuminance(rgb) < LIGHT_TEXT_BELOW };
}
