import type { GraphIssue } from '../issues';
import { inferShapes } from '../shapes';
import type { GraphDocument } from '../types';
import { validate } from '../validate';
import { applyFixTo } from './fixes';

/** One fix {@link fixAll} applied: the issue it answered and what the one-click button says. */
export interface AppliedFix {
  code: GraphIssue['code'];
  severity: GraphIssue['severity'];
  /** The node the issue was about (its id and name as they were), or null for a graph-wide issue. */
  nodeId: string | null;
  nodeName: string | null;
  /** The fix's label, e.g. "Insert Flatten". */
  label: string;
}

/** Fixes one graph can need at most; a longer run means two fixes undo each other. */
const MAX_FIXES = 100;

/**
 * Apply every one-click fix the validator offers (graph/issues.ts), one at a time and re-validating after
 * each, since a fix can solve or reveal others (errors first, in the order validation reports them). Stops
 * when no issue has a fix left, or when an issue comes back after its fix (so two fixes cannot loop).
 * Returns the fixed document and the fixes in the order they were applied. Pure: the CLI's `validate --fix`
 * and the editor's fix buttons apply the same edits.
 *
 * @example fixAll(denseAfterConv).applied // [{ code: 'needs-flatten', label: 'Insert Flatten', ... }]
 */
export function fixAll(doc: GraphDocument): { doc: GraphDocument; applied: AppliedFix[] } {
  const applied: AppliedFix[] = [];
  const tried = new Set<string>();
  let current = doc;
  for (let step = 0; step < MAX_FIXES; step++) {
    const issues = validate(current, current.task, inferShapes(current, current.task));
    const ordered = [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')];
    const issue = ordered.find((i) => i.fix && !tried.has(fixKey(i)));
    if (!issue?.fix) break;
    tried.add(fixKey(issue));
    const next = applyFixTo(current, issue.nodeId, issue.fix).doc;
    if (next === current) continue;
    const node = issue.nodeId ? current.nodes.find((n) => n.id === issue.nodeId) : undefined;
    applied.push({ code: issue.code, severity: issue.severity, nodeId: issue.nodeId, nodeName: node?.name ?? null, label: issue.fix.label });
    current = next;
  }
  return { doc: current, applied };
}

function fixKey(issue: GraphIssue): string {
  return `${issue.code}|${issue.nodeId ?? ''}|${issue.fix?.label ?? ''}`;
}
