/**
 * Layer names from node names. tfjs uses a layer's name as the prefix of its weights' names, which must
 * match /^[A-Za-z0-9][-A-Za-z0-9._]*$/ (a '/' would open a name scope), and names must be unique in a model.
 */
import type { GraphNode } from '../../graph/types';

const VALID = /^[A-Za-z0-9][-A-Za-z0-9._]*$/;

/**
 * A name tfjs accepts, close to the user's: characters outside [-A-Za-z0-9._] become '_', a leading
 * character that is not a letter or digit is dropped, an empty result falls back to `fallback`.
 * Example: sanitizeLayerName('conv 1 (3x3)', 'Conv2D') -> 'conv_1_3x3'.
 */
export function sanitizeLayerName(name: string, fallback: string): string {
  let s = name.replace(/[^-A-Za-z0-9._]+/g, '_').replace(/^[^A-Za-z0-9]+/, '').replace(/_+$/, '');
  if (!s) s = fallback.replace(/[^-A-Za-z0-9._]+/g, '_') || 'layer';
  if (!VALID.test(s)) s = `layer_${s}`;
  return s;
}

/**
 * Unique tfjs layer names for the nodes, by node id, in node order: the sanitised name, then `_2`, `_3`...
 * when two names sanitise to the same text.
 * Example: two nodes named 'conv' and 'conv!' -> { a: 'conv', b: 'conv_2' }.
 */
export function layerNames(nodes: readonly Pick<GraphNode, 'id' | 'name' | 'type'>[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const node of nodes) {
    if (out.has(node.id)) continue;
    const base = sanitizeLayerName(node.name ?? '', node.type);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.set(node.id, name);
  }
  return out;
}
