/**
 * Benchmark: shape inference on a 500-node graph (issue 2 asks for under 5 ms).
 * `npx tsx scripts/bench/graphShapes.ts` runs it alone; `benchGraphShapes()` is what `npm run bench` calls.
 */
import { pathToFileURL } from 'node:url';
import { median } from '../../engine/metrics/ratio';
import { defaultParams } from '../../graph/catalog';
import { inferShapes } from '../../graph/shapes';
import type { Graph, GraphEdge, GraphNode, NodeType, Params } from '../../graph/types';

/**
 * A ResNet-like graph of about `nodes` nodes: Input, a stem convolution, then residual units
 * (Conv2D, BatchNormalization, Activation, Conv2D, Add) with a strided unit now and then, and a
 * GlobalAveragePooling2D + Output head, padded with Dropout to exactly `nodes`. Shape inference over it
 * finds no errors.
 */
export function buildBenchGraph(nodes = 500): Graph {
  const out: Graph = { nodes: [], edges: [] };
  const add = (type: NodeType, params: Params, inputs: string[]): string => {
    const id = `n${out.nodes.length}`;
    const node: GraphNode = { id, type, name: id, params: { ...defaultParams(type), ...params }, position: { x: out.nodes.length * 260, y: 0 } };
    out.nodes.push(node);
    for (const source of inputs) out.edges.push({ id: `e${out.edges.length}`, source, target: id } satisfies GraphEdge);
    return id;
  };
  let x = add('Input', { height: 64, width: 64, channels: 3 }, []);
  x = add('Conv2D', { filters: 16 }, [x]);
  let unit = 0;
  while (out.nodes.length + 5 + 2 <= nodes) {
    const shortcut = x;
    let y = add('Conv2D', { filters: 16 }, [x]);
    y = add('BatchNormalization', {}, [y]);
    y = add('Activation', { activation: 'relu' }, [y]);
    y = add('Conv2D', { filters: 16 }, [y]);
    x = add('Add', {}, [y, shortcut]);
    // Halve the size every 20 units while it stays above 4x4 (a pooling node keeps the Add shapes equal).
    if (++unit % 20 === 0 && out.nodes.length + 1 + 7 <= nodes) x = add('MaxPooling2D', {}, [x]);
  }
  while (out.nodes.length < nodes - 2) x = add('Dropout', { rate: 0.1 }, [x]);
  x = add('GlobalAveragePooling2D', {}, [x]);
  add('Output', { head: 'classification' }, [x]);
  return out;
}


/** Median wall time of `inferShapes` on the 500-node graph, over many runs after a warm-up. */
export async function benchGraphShapes(): Promise<{ name: string; value: number; unit: string }[]> {
  const graph = buildBenchGraph(500);
  const task = { id: 'skin-lesions' };
  for (let i = 0; i < 50; i++) inferShapes(graph, task);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    inferShapes(graph, task);
    times.push(performance.now() - t0);
  }
  return [{ name: 'graph_infer_shapes_500_nodes_ms', value: Number(median(times).toFixed(3)), unit: 'ms' }];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchGraphShapes().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}`);
  });
}
