import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { classificationReport } from '@/engine/metrics';
import { ConfusionMatrix } from '@/components/training/ConfusionMatrix';
import { DEFAULT_MATRIX_OPTIONS, type MatrixViewOptions } from '@/components/store/training/types';
import { CASE3, CASE7 } from './cases';

/** Server-rendered markup (no DOM needed): attributes of every drawn cell, in row-major display order. */
function render(c: { m: number[][]; names: string[] }, patch: Partial<MatrixViewOptions> = {}) {
  const html = renderToStaticMarkup(
    <ConfusionMatrix matrix={c.m} classNames={c.names} report={classificationReport(c.m)} options={{ ...DEFAULT_MATRIX_OPTIONS, ...patch }} />,
  );
  const cells = [...html.matchAll(/<button[^>]*data-testid="cm-cell"[^>]*>/g)].map((m) => {
    const attr = (name: string) => m[0].match(new RegExp(`${name}="([^"]*)"`))?.[1];
    return { t: Number(attr('data-true')), p: Number(attr('data-pred')), count: Number(attr('data-count')), role: attr('data-role') ?? null };
  });
  return { html, cells };
}

describe('ConfusionMatrix markup', () => {
  it('draws 7x7 counts that sum to the number of images, class names on both axes, axes named', () => {
    const { html, cells } = render(CASE7);
    expect(cells).toHaveLength(49);
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(52);
    expect(html).toContain('data-total="52"');
    for (const [k, name] of CASE7.names.entries()) {
      expect(html).toContain(`data-testid="cm-class-row-${k}"`);
      expect(html).toMatch(new RegExp(`data-testid="cm-class-col-${k}"[^>]*>${name}<`));
    }
    expect(html).toMatch(/data-testid="cm-col-axis"[^>]*>true</);
    expect(html).toMatch(/data-testid="cm-row-axis"[\s\S]*?>predicted</);
  });

  it('puts predicted classes on rows by default and true classes after transposing', () => {
    // first drawn row, second column: default = predicted akiec / true bcc = m[1][0] = 0; transposed = true akiec / predicted bcc = 1
    expect(render(CASE7).cells[1]).toEqual({ t: 1, p: 0, count: 0, role: null });
    expect(render(CASE7, { orientation: 'rows-true' }).cells[1]).toEqual({ t: 0, p: 1, count: 1, role: null });
  });

  it('highlights TP, FP, FN and TN of the clicked class (class b of 3) and lists its numbers', () => {
    const { html, cells } = render(CASE3, { selectedClass: 1 });
    expect(cells.map((c) => c.role)).toEqual(['tn', 'fn', 'tn', 'fp', 'tp', 'fp', 'tn', 'fn', 'tn']);
    expect(html).toContain('data-testid="cm-class-summary"');
    expect(html).toMatch(/data-testid="cm-summary-tp"[^>]*>3</);
    expect(html).toMatch(/data-testid="cm-summary-fp"[^>]*>1</);
    expect(html).toMatch(/data-testid="cm-summary-fn"[^>]*>3</);
    expect(html).toMatch(/data-testid="cm-summary-tn"[^>]*>7</);
    expect(html).toMatch(/data-testid="cm-summary-sensitivity"[^>]*>50.0%</);
  });

  it('shows "-" for the percentages of a class with no images, never NaN', () => {
    const { html } = render(CASE7, { normalisation: 'columns' });
    expect(html).not.toMatch(/NaN/);
    // column of df (true df, no images): every cell "-"
    const dfColumn = [...html.matchAll(/data-true="3"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(dfColumn).toEqual(Array(7).fill('-'));
  });
});
