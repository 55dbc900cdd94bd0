import { layerLine, type ResultsSummary } from './results';

/** The subset of CanvasRenderingContext2D the card draws with (so it is testable with a recorder). */
export type CardContext = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'font' | 'textAlign' | 'textBaseline' | 'fillRect' | 'fillText' | 'strokeStyle' | 'lineWidth' | 'strokeRect'
>;

export const CARD_WIDTH = 960;
export const CARD_HEIGHT = 540;

/** Widest text each column may draw (px): canvas text does not wrap, so longer lines are narrowed to fit. */
const LAYERS_WIDTH = 280;
const FIGURES_WIDTH = 310;

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(3));
// System fonts only: the app ships no web fonts and must work offline.
const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

/**
 * Draws a results card (960x540, slide-shaped for a projector): title and task, the layer list, the
 * best figures, the lesson goal, and the confusion matrix (rows = true class) or Dice per class.
 */
export function drawResultsCard(ctx: CardContext, r: ResultsSummary): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  ctx.fillStyle = '#4f46e5';
  ctx.fillRect(0, 0, CARD_WIDTH, 6);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = '#0f172a';
  ctx.font = `600 26px ${FONT}`;
  ctx.fillText(r.title, 32, 24);
  ctx.fillStyle = '#475569';
  ctx.font = `15px ${FONT}`;
  ctx.fillText(r.task.title, 32, 58);

  // Layers, left column.
  ctx.fillStyle = '#64748b';
  ctx.font = `600 12px ${FONT}`;
  ctx.fillText(`LAYERS (${r.layers.length})`, 32, 96);
  ctx.font = `13px ${FONT}`;
  ctx.fillStyle = '#1e293b';
  const maxRows = 22;
  r.layers.slice(0, maxRows).forEach((l, i) => ctx.fillText(layerLine(l), 32, 116 + i * 18, LAYERS_WIDTH));
  if (r.layers.length > maxRows) ctx.fillText(`… and ${r.layers.length - maxRows} more`, 32, 116 + maxRows * 18);

  // Figures, middle column.
  const x = 330;
  ctx.fillStyle = '#64748b';
  ctx.font = `600 12px ${FONT}`;
  ctx.fillText('BEST RESULTS (VALIDATION)', x, 96);
  ctx.fillStyle = '#1e293b';
  ctx.font = `14px ${FONT}`;
  const lines: string[] = r.run
    ? [
        `Run ${r.run.number}: ${r.run.epochs} epochs, learning rate ${r.run.learningRate}`,
        ...(r.task.kind === 'segmentation'
          ? [`Mean Dice: ${fmt(r.run.validation.meanDice)}`]
          : [`Balanced accuracy: ${fmt(r.run.validation.balancedAccuracy)}`, `Accuracy: ${fmt(r.run.validation.accuracy)}`]),
        `Lowest validation loss: ${fmt(r.run.validation.valLoss)}`,
        ...(r.run.test ? [`Test loss: ${fmt(r.run.test.loss)}`] : []),
      ]
    : ['No training run yet.'];
  lines.forEach((l, i) => ctx.fillText(l, x, 118 + i * 22, FIGURES_WIDTH));
  if (r.lesson) {
    // Three short lines rather than one long one: the column is narrow and the matrix starts right of it.
    const y = 118 + lines.length * 22 + 12;
    ctx.fillStyle = r.lesson.reached ? '#047857' : '#4338ca';
    ctx.font = `600 14px ${FONT}`;
    ctx.fillText(r.lesson.reached ? `✔ Goal reached (${r.lesson.title})` : `Lesson goal (${r.lesson.title})`, x, y, FIGURES_WIDTH);
    ctx.font = `14px ${FONT}`;
    ctx.fillText(r.lesson.goal, x, y + 20, FIGURES_WIDTH);
    ctx.fillText(`Best so far: ${fmt(r.lesson.best)}`, x, y + 40, FIGURES_WIDTH);
  }

  // Confusion matrix or Dice, right column.
  const mx = 660;
  ctx.fillStyle = '#64748b';
  ctx.font = `600 12px ${FONT}`;
  if (r.run?.confusion) {
    // Rows = predicted, columns = true, as the training panel draws it by default (DESIGN.md section 6), so
    // the room reads the card the way the lesson taught them to read the panel. Shades are shares of each
    // true class (column).
    ctx.fillText('CONFUSION (ROWS = PREDICTED)', mx, 96);
    const m = r.run.confusion; // m[true][predicted]
    const n = m.length;
    const cell = Math.min(36, Math.floor(260 / Math.max(1, n)));
    const trueTotal = m.map((row) => Math.max(1, row.reduce((a, b) => a + b, 0)));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `${Math.max(9, Math.floor(cell / 3))}px ${FONT}`;
    m.forEach((row, t) =>
      row.forEach((v, p) => {
        const share = v / trueTotal[t];
        const [i, j] = [p, t];
        const cx = mx + 48 + j * cell;
        const cy = 130 + i * cell;
        ctx.fillStyle = i === j ? `rgba(16, 185, 129, ${0.15 + 0.85 * share})` : `rgba(239, 68, 68, ${0.08 + 0.8 * share})`;
        ctx.fillRect(cx, cy, cell - 2, cell - 2);
        ctx.fillStyle = share > 0.5 ? '#ffffff' : '#0f172a';
        ctx.fillText(String(v), cx + (cell - 2) / 2, cy + (cell - 2) / 2);
      }),
    );
    ctx.textAlign = 'right';
    ctx.fillStyle = '#475569';
    const names = r.task.classes.slice(0, n);
    names.forEach((c, i) => ctx.fillText(c, mx + 44, 130 + i * cell + cell / 2, 44));
    // Column labels (true class) under the matrix, squeezed to the cell width.
    ctx.textAlign = 'center';
    names.forEach((c, j) => ctx.fillText(c, mx + 48 + j * cell + (cell - 2) / 2, 130 + n * cell + 8, cell - 2));
    ctx.fillStyle = '#64748b';
    ctx.fillText('true class', mx + 48 + (n * cell) / 2, 130 + n * cell + 26);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
  } else if (r.run?.dicePerClass) {
    ctx.fillText('DICE PER CLASS', mx, 96);
    ctx.font = `13px ${FONT}`;
    r.run.dicePerClass.forEach((d, i) => {
      const y = 120 + i * 26;
      ctx.fillStyle = '#475569';
      ctx.fillText(r.task.classes[i] ?? `class ${i}`, mx, y);
      ctx.fillStyle = '#e2e8f0';
      ctx.fillRect(mx + 100, y, 160, 14);
      ctx.fillStyle = '#6366f1';
      ctx.fillRect(mx + 100, y, 160 * Math.max(0, Math.min(1, d ?? 0)), 14);
      ctx.fillStyle = '#0f172a';
      ctx.fillText(fmt(d), mx + 266, y);
    });
  }
  ctx.fillStyle = '#94a3b8';
  ctx.font = `11px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.fillText('Made with Convas', 32, CARD_HEIGHT - 24);
}
