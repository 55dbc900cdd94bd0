import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

/** Impacts that fail the check: WCAG failures a user meets (contrast, names, roles), not advice. */
const BLOCKING = new Set(['serious', 'critical']);
/**
 * Moderate rules that still fail the check: a page without an h1 and doubled or nested landmarks confuse
 * screen-reader navigation by headings and landmarks (issue 15 named them).
 */
const ALSO_BLOCKING = new Set([
  'page-has-heading-one',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-unique',
]);

/** One failing rule, in a form that reads well in a test failure. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe-core (injected from the npm package: nothing is fetched) on the page, or on `include` only, with
 * the WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices, and returns the findings that fail the check.
 */
export async function axeFindings(page: Page, include?: string): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async (selector) => {
    const w = window as unknown as { axe: typeof import('axe-core') };
    const context = selector ? { include: [selector] } : document;
    return w.axe.run(context as never, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
  }, include ?? null);
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? '') || ALSO_BLOCKING.has(v.id))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').split('\n').slice(0, 3).join(' ') })),
    }));
}

/** Fails (softly: the test goes on to the next dialog, and every finding is reported) with every finding spelled out when axe finds a serious or critical violation (see axeFindings). */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  const findings = await axeFindings(page, include);
  expect.soft(findings, `axe on ${where}:\n${JSON.stringify(findings, null, 1)}`).toEqual([]);
}
