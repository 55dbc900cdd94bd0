import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { classificationReport } from '@/engine/metrics';
import { MetricsTable } from '@/components/training/MetricsTable';
import { CASE3, CASE7 } from './cases';

/** The metric cells of one class row, by data-metric. */
function rowCells(html: string, name: string): Record<string, string> {
  const row = html.match(new RegExp(`<tr[^>]*data-class="${name}"[^>]*>([\\s\\S]*?)</tr>`));
  if (!row) throw new Error(`no row for ${name}`);
  return Object.fromEntries([...row[1].matchAll(/data-metric="(\w+)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]));
}

describe('MetricsTable markup', () => {
  it('shows the 7x7 per-class figures, "-" for df (no support), and no NaN', () => {
    const html = renderToStaticMarkup(<MetricsTable report={classificationReport(CASE7.m)} classNames={CASE7.names} />);
    expect(html).not.toMatch(/NaN/);
    expect(rowCells(html, 'df')).toEqual({ sensitivity: '-', specificity: '98.1', precision: '0.0', npv: '100.0', accuracy: '98.1', f1: '0.0', support: '0' });
    expect(rowCells(html, 'mel')).toEqual({ sensitivity: '66.7', specificity: '90.7', precision: '60.0', npv: '92.9', accuracy: '86.5', f1: '63.2', support: '9' });
    expect(html.match(/data-testid="metrics-row"/g)).toHaveLength(7);
  });

  it('puts accuracy, balanced accuracy and the majority baseline up front', () => {
    const html = renderToStaticMarkup(<MetricsTable report={classificationReport(CASE7.m)} classNames={CASE7.names} />);
    expect(html).toMatch(/data-testid="overall-accuracy"[^>]*>76.9%</);
    expect(html).toMatch(/data-testid="overall-balanced-accuracy"[^>]*>76.6%</);
    expect(html).toMatch(/Baseline \(always &quot;nv&quot;\)/);
    expect(html).toMatch(/data-testid="baseline-accuracy"[^>]*>48.1%</);
    expect(html.indexOf('overall-balanced-accuracy')).toBeLessThan(html.indexOf('<table'));
  });

  it('explains each column formula on hover: a title and a visible tooltip', () => {
    const html = renderToStaticMarkup(<MetricsTable report={classificationReport(CASE3.m)} classNames={CASE3.names} />);
    const header = html.match(/<th[^>]*data-testid="metric-header-npv"[^>]*>[\s\S]*?<\/th>/)?.[0] ?? '';
    expect(header).toMatch(/title="NPV = TN \/ \(TN \+ FN\)\./);
    expect(header).toMatch(/role="tooltip"[\s\S]*NPV = TN \/ \(TN \+ FN\)/);
    expect(html.match(/role="tooltip"/g)).toHaveLength(7); // six metrics and support
    expect(rowCells(html, 'c').sensitivity).toBe('-');
  });
});
