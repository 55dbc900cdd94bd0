import { catalogEntry } from '../catalog';
import type { IssueFix } from '../issues';
import type { GraphDocument } from '../types';
import { addNodeAt, CHAIN_STEP, connectNodes, insertBefore, removeItems, setNodeParam } from './edits';

/**
 * Apply a one-click fix offered by graph/issues.ts to the node the issue is about (null for graph-wide
 * issues). Returns the new document and the node to select afterwards (the inserted or fixed one).
 */
export function applyFixTo(
  doc: GraphDocument,
  nodeId: string | null,
  fix: IssueFix,
): { doc: GraphDocument; select: string[] } {
  switch (fix.kind) {
    case 'insert-before': {
      if (!nodeId) return { doc, select: [] };
      const r = insertBefore(doc, nodeId, fix.nodeType, fix.params);
      return { doc: r.doc, select: [r.id] };
    }
    case 'set-param':
      if (!nodeId) return { doc, select: [] };
      return { doc: setNodeParam(doc, nodeId, fix.param, fix.value), select: [nodeId] };
    case 'remove-node':
      if (!nodeId) return { doc, select: [] };
      return { doc: removeItems(doc, [nodeId]), select: [] };
    case 'remove-edge':
      return { doc: removeItems(doc, [], [fix.edgeId]), select: nodeId ? [nodeId] : [] };
    case 'add-node':
      return addTerminal(doc, fix.nodeType);
  }
}

/**
 * Add a missing Input (left of everything, feeding the one node that lacks an input) or Output (right of
 * everything, fed by the one node whose output goes nowhere). With several candidates it is left unconnected
 * for the user to wire.
 */
function addTerminal(doc: GraphDocument, type: GraphDocument['nodes'][number]['type']): { doc: GraphDocument; select: string[] } {
  const xs = doc.nodes.map((n) => n.position.x);
  const ys = doc.nodes.map((n) => n.position.y);
  const isInput = catalogEntry(type).inputs.max === 0;
  const position = {
    x: xs.length === 0 ? 0 : isInput ? Math.min(...xs) - CHAIN_STEP : Math.max(...xs) + CHAIN_STEP,
    y: ys.length === 0 ? 0 : Math.min(...ys),
  };
  const added = addNodeAt(doc, type, position);
  let next = added.doc;
  const candidates = doc.nodes.filter((n) => {
    const entry = catalogEntry(n.type);
    if (!entry) return false;
    return isInput
      ? entry.inputs.min > 0 && !doc.edges.some((e) => e.target === n.id)
      : entry.hasOutput && !doc.edges.some((e) => e.source === n.id);
  });
  if (candidates.length === 1) {
    next = isInput ? connectNodes(next, added.id, candidates[0].id).doc : connectNodes(next, candidates[0].id, added.id).doc;
  }
  return { doc: next, select: [added.id] };
}
