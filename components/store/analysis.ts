import type { GraphIssue } from '@/graph/issues';
import { inferShapes, type ShapeReport } from '@/graph/shapes';
import type { GraphDocument } from '@/graph/types';
import { validate } from '@/graph/validate';
import type { AppState } from './types';

/** Shapes and problems of the current graph, derived from the document by graph/ (never stored). */
export interface Analysis {
  report: ShapeReport;
  /** Every issue, errors first. */
  issues: GraphIssue[];
  /** Issues by node id (graph-wide ones under ''), errors before warnings. */
  byNode: ReadonlyMap<string, GraphIssue[]>;
  errorCount: number;
  warningCount: number;
}

/**
 * True when two documents have the same structure for shape inference: same task, same edges array and
 * every node with the same id, type, name and params objects. A drag only replaces positions, so moving
 * nodes does not recompute shapes on every frame.
 */
function sameStructure(a: GraphDocument, b: GraphDocument): boolean {
  if (a.task !== b.task || a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i];
    const y = b.nodes[i];
    if (x !== y && (x.id !== y.id || x.type !== y.type || x.name !== y.name || x.params !== y.params)) return false;
  }
  return true;
}

/** Analyse a document (uncached): shape inference, then validation over that report. */
export function analyse(doc: GraphDocument): Analysis {
  const report = inferShapes(doc, doc.task);
  const issues = [...validate(doc, doc.task, report)].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const byNode = new Map<string, GraphIssue[]>();
  for (const issue of issues) {
    const key = issue.nodeId ?? '';
    byNode.set(key, [...(byNode.get(key) ?? []), issue]);
  }
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  return { report, issues, byNode, errorCount, warningCount: issues.length - errorCount };
}

/**
 * Memoised analysis of a store's document, for selectors: returns the same object while the graph's
 * structure is unchanged, so components that select from it do not re-render during a drag.
 * Each call makes its own one-entry cache. It is keyed by the document alone, so sharing one selector
 * between stores is still correct (it only misses more often).
 */
export function createAnalysisSelector(): (state: Pick<AppState, 'doc'>) => Analysis {
  let lastDoc: GraphDocument | null = null;
  let last: Analysis | null = null;
  return (state) => {
    if (last && lastDoc && (state.doc === lastDoc || sameStructure(state.doc, lastDoc))) {
      lastDoc = state.doc;
      return last;
    }
    last = analyse(state.doc);
    lastDoc = state.doc;
    return last;
  };
}

/** The selector UI components share (a page has one editor store). */
export const selectAnalysis = createAnalysisSelector();
