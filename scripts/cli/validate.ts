/**
 * `npm run convas -- validate --graph <file.json> [--fix [--out <fixed.json>]] [--json]`: loads a graph
 * document and prints a Keras-summary-like table (layer, output shape, params, receptive field,
 * multiply-adds), the totals and the issues. `--fix` first applies every one-click fix the editor offers
 * (graph/edit fixAll), prints each change, reports on the fixed graph and, with `--out`, writes it. Exit
 * code 0 when there is no error (warnings allowed), 1 when there are errors or the file cannot be loaded
 * or written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseDocument, serializeDocument } from '../../graph/document';
import { fixAll, type AppliedFix } from '../../graph/edit';
import { formatCount, type GraphIssue } from '../../graph/issues';
import { inferShapes, type ShapeReport } from '../../graph/shapes';
import { headClasses, taskInfo } from '../../graph/tasks';
import type { GraphDocument, Shape } from '../../graph/types';
import { validate } from '../../graph/validate';
import { parseArgs, requireFlag } from './args';
import { consoleIO } from './io';

/** Keras' way of writing a shape: `(None, 64, 64, 3)`. */
export function kerasShape(shape: Shape | null): string {
  if (!shape) return '?';
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** Rows in topological order, then any node inference did not reach (cycles, after a cycle). */
function rowOrder(doc: GraphDocument, report: ShapeReport): string[] {
  const seen = new Set(report.order);
  return [...report.order, ...doc.nodes.map((n) => n.id).filter((id) => !seen.has(id))];
}

function pad(cells: string[], widths: number[]): string {
  return ` ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
}

/** The summary table, totals and issues as text. */
export function formatSummary(doc: GraphDocument, report: ShapeReport, issues: GraphIssue[]): string {
  const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const errorsAt = new Set(issues.filter((i) => i.severity === 'error' && i.nodeId).map((i) => i.nodeId));
  const header = ['Layer (type)', 'Output shape', 'Param #', 'Field', 'Jump', 'MACs', 'Connected to'];
  const rows = rowOrder(doc, report).map((id) => {
    const node = byId.get(id);
    const info = report.nodes[id];
    const params = info ? info.params.trainable + info.params.nonTrainable : 0;
    return [
      `${errorsAt.has(id) ? '! ' : ''}${node?.name ?? id} (${node?.type ?? '?'})`,
      kerasShape(info?.shape ?? null),
      formatCount(params),
      info?.field ? String(info.field.size) : '-',
      info?.field ? String(Number(info.field.jump.toFixed(3))) : '-',
      formatCount(info?.macs ?? 0),
      (report.inputs[id] ?? []).map((s) => names.get(s) ?? s).join(', '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const width = widths.reduce((a, b) => a + b + 2, 1);
  const info = taskInfo(doc.task.id);
  const taskLine = info
    ? `${doc.task.id}, ${info.kind}, ${headClasses(info, doc.task.maskMode)} output ${info.kind === 'segmentation' ? 'channel(s)' : 'classes'}`
    : `${doc.task.id} (unknown task)`;
  const t = report.totals;
  const lines = [
    `Model: "${doc.name ?? 'untitled'}"   task: ${taskLine}`,
    '_'.repeat(width),
    pad(header, widths),
    '='.repeat(width),
    ...rows.map((r) => pad(r, widths)),
    '='.repeat(width),
    `Total params: ${formatCount(t.trainable + t.nonTrainable)}`,
    `Trainable params: ${formatCount(t.trainable)}`,
    `Non-trainable params: ${formatCount(t.nonTrainable)}`,
    `Multiply-adds per image: ${formatCount(t.macs)}`,
    `Activations per image: ${formatCount(t.activationElements)} values (${((t.activationElements * 4) / 1024 / 1024).toFixed(2)} MB as float32)`,
    '_'.repeat(width),
  ];
  if (!issues.length) lines.push('No issues.');
  for (const issue of issues) {
    const where = issue.nodeId ? `${names.get(issue.nodeId) ?? issue.nodeId}: ` : '';
    const fix = issue.fix ? `  [fix: ${issue.fix.label}]` : '';
    lines.push(`${issue.severity.padEnd(7)} ${issue.code}  ${where}${issue.message}${fix}`);
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  lines.push(`${errors} error(s), ${issues.length - errors} warning(s).`);
  return lines.join('\n');
}

/** The machine-readable result of `--json`. */
export function summaryJson(file: string, doc: GraphDocument, report: ShapeReport, issues: GraphIssue[], warnings: string[]) {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return {
    file,
    name: doc.name ?? null,
    task: doc.task,
    ok: !issues.some((i) => i.severity === 'error'),
    nodes: rowOrder(doc, report).map((id) => {
      const info = report.nodes[id];
      return {
        id,
        name: byId.get(id)?.name ?? id,
        type: byId.get(id)?.type ?? null,
        shape: info?.shape ?? null,
        params: info?.params ?? { trainable: 0, nonTrainable: 0 },
        field: info?.field ?? null,
        macs: info?.macs ?? 0,
        activationElements: info?.activationElements ?? 0,
        inputs: report.inputs[id] ?? [],
      };
    }),
    totals: report.totals,
    issues,
    loadWarnings: warnings,
  };
}

/** One line per applied fix: `fixed  needs-flatten  dense: Insert Flatten`. */
export function formatFixes(applied: readonly AppliedFix[]): string {
  if (applied.length === 0) return 'Nothing to fix: no issue has a one-click fix.';
  return applied.map((f) => `fixed   ${f.code}  ${f.nodeName ? `${f.nodeName}: ` : ''}${f.label}`).join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'fix']);
  const file = typeof args.graph === 'string' ? args.graph : (args._[0] ?? requireFlag(args, 'graph'));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    consoleIO.err(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}.`);
    return 1;
  }
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    if (args.json) consoleIO.out(JSON.stringify({ file, ok: false, error: parsed.error }, null, 2));
    else consoleIO.err(`Cannot load ${file} as a Convas graph: ${parsed.error}`);
    return 1;
  }
  const fixed = args.fix ? fixAll(parsed.doc) : null;
  const doc = fixed ? fixed.doc : parsed.doc;
  const out = typeof args.out === 'string' ? args.out : null;
  if (out !== null && !fixed) {
    consoleIO.err('--out writes the fixed graph: use it with --fix.');
    return 1;
  }
  if (out !== null) {
    try {
      await writeFile(out, serializeDocument(doc));
    } catch (e) {
      consoleIO.err(`Cannot write ${out}: ${e instanceof Error ? e.message : String(e)}.`);
      return 1;
    }
  }
  const report = inferShapes(doc, doc.task);
  const issues = validate(doc, doc.task, report);
  if (args.json) {
    const summary = summaryJson(file, doc, report, issues, parsed.warnings);
    consoleIO.out(JSON.stringify(fixed ? { ...summary, fixes: fixed.applied, out } : summary, null, 2));
  } else {
    for (const w of parsed.warnings) consoleIO.out(`note: ${w}`);
    if (fixed) {
      consoleIO.out(formatFixes(fixed.applied));
      consoleIO.out(out !== null ? `Wrote the fixed graph to ${out}.` : 'The fixed graph was not written (add --out <file.json>).');
    }
    consoleIO.out(formatSummary(doc, report, issues));
  }
  return issues.some((i) => i.severity === 'error') ? 1 : 0;
}
