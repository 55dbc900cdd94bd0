import { catalogEntry } from '../catalog';
import type { GraphDocument, NodeType } from '../types';
import { validate } from '../validate';
import { addNodeAfter } from './edits';

/**
 * The node a clicked palette layer should follow: the single selected node; with nothing selected, the
 * graph's one open end (a node with an output that feeds nothing, e.g. the Input of an empty graph or the
 * last layer of a chain not yet joined to the Output); with no open end, the best place on the path into
 * the Output (see {@link insertionBeforeOutput}, when `type` is given). Null when there is no clear choice.
 */
export function chainAnchor(doc: GraphDocument, selected: readonly string[], type?: NodeType): string | null {
  if (selected.length === 1) return selected[0];
  if (selected.length > 1) return null;
  const open = doc.nodes.filter((n) => catalogEntry(n.type)?.hasOutput && !doc.edges.some((e) => e.source === n.id));
  if (open.length === 1) return open[0].id;
  return type ? insertionBeforeOutput(doc, type) : null;
}

/**
 * The nodes on the path into the graph's one Output, nearest the Output first: its input, that node's
 * first input, and so on back to the Input (a join follows its first input, the main path). Empty when the
 * graph has no single Output or the Output has no input.
 */
export function pathToOutput(doc: GraphDocument): string[] {
  const outputs = doc.nodes.filter((n) => n.type === 'Output');
  if (outputs.length !== 1) return [];
  const path: string[] = [];
  const seen = new Set<string>([outputs[0].id]);
  let at = outputs[0].id;
  for (;;) {
    const from = doc.edges.find((e) => e.target === at)?.source;
    if (from === undefined || seen.has(from)) return path;
    path.push(from);
    seen.add(from);
    at = from;
  }
}

/**
 * Where a layer added with nothing selected goes in a built graph: after the last node on the path into the
 * Output where it adds no error (so a Conv2D lands before the Flatten of a classifier, a Dense just before
 * the Output). When every place adds an error, straight before the Output. Null without a path to an Output.
 *
 * @example insertionBeforeOutput(firstCnn, 'Dense') // the node feeding the Output
 */
export function insertionBeforeOutput(doc: GraphDocument, type: NodeType): string | null {
  const path = pathToOutput(doc);
  if (path.length === 0) return null;
  const errors = (d: GraphDocument) => validate(d, d.task).filter((i) => i.severity === 'error').length;
  const before = errors(doc);
  for (const anchor of path) {
    if (!catalogEntry(doc.nodes.find((n) => n.id === anchor)!.type).hasOutput) continue;
    if (errors(addNodeAfter(doc, anchor, type).doc) <= before) return anchor;
  }
  return path[0];
}
