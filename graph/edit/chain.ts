import { catalogEntry } from '../catalog';
import type { GraphDocument } from '../types';

/**
 * The node a clicked palette layer should follow: the single selected node; with nothing selected, the
 * graph's one open end (a node with an output that feeds nothing, e.g. the Input of an empty graph or the
 * last layer of a chain not yet joined to the Output). Null when there is no clear choice.
 */
export function chainAnchor(doc: GraphDocument, selected: readonly string[]): string | null {
  if (selected.length === 1) return selected[0];
  if (selected.length > 1) return null;
  const open = doc.nodes.filter((n) => catalogEntry(n.type)?.hasOutput && !doc.edges.some((e) => e.source === n.id));
  return open.length === 1 ? open[0].id : null;
}
