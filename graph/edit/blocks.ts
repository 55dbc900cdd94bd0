import { inferShapes } from '../shapes';
import type { GraphDocument } from '../types';

/**
 * The nodes that end a block of a CNN, where a reader's eye pauses: layers that change the height and width
 * (pooling, strided convolutions, upsampling) and the output of a merge (an Add or Concatenate, or the
 * activation right after one, as in a residual unit). Layout uses them to break long chains into lines.
 */
export function blockEnds(doc: GraphDocument): Set<string> {
  const report = inferShapes(doc, doc.task);
  const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const ends = new Set<string>();
  for (const node of doc.nodes) {
    const out = report.nodes[node.id]?.shape;
    const inputs = report.inputs[node.id] ?? [];
    const first = inputs.length > 0 ? report.nodes[inputs[0]]?.shape : null;
    const resized = out && first && out.length === 4 && first.length === 4 && (out[1] !== first[1] || out[2] !== first[2]);
    const merge = node.type === 'Add' || node.type === 'Concatenate';
    const afterMerge = inputs.length === 1 && (typeOf.get(inputs[0]) === 'Add' || typeOf.get(inputs[0]) === 'Concatenate');
    if (resized || merge || afterMerge) ends.add(node.id);
  }
  return ends;
}
