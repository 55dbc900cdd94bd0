import { defaultParams } from '../catalog';
import { defaultNodeName, uniqueName } from '../ids';
import type { Graph, GraphNode, NodeType, Params } from '../types';

/** Horizontal distance between card columns (cards are about 200 px wide). */
export const COLUMN_SPACING = 260;
/** Vertical distance between rows (branches, U-Net levels). */
export const ROW_SPACING = 160;

/**
 * Builds a template graph node by node: ids `n1, n2, ...`, Keras-style names (`conv2d`, `conv2d_1`),
 * params = catalog defaults overridden by the given ones, and a grid position (column, row) so the
 * canvas shows the network left to right.
 */
export class TemplateBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: Graph['edges'] = [];
  private readonly names = new Set<string>();

  /** Adds a node fed by `inputs` (in order) at grid cell (col, row); returns its id. */
  add(type: NodeType, params: Params, inputs: readonly string[], col: number, row = 0): string {
    const id = `n${this.nodes.length + 1}`;
    const name = uniqueName(defaultNodeName(type), this.names);
    this.names.add(name);
    this.nodes.push({
      id,
      type,
      name,
      params: { ...defaultParams(type), ...params },
      position: { x: col * COLUMN_SPACING, y: row * ROW_SPACING },
    });
    for (const source of inputs) this.edges.push({ id: `e${this.edges.length + 1}`, source, target: id });
    return id;
  }

  /**
   * Conv2D (no bias: BatchNorm's shift replaces it) -> BatchNormalization -> ReLU, in columns col, col + 1,
   * col + 2 of `row`; `conv` is merged over kernel 3, padding 'same'. Returns the ReLU's id.
   * Example: b.addConvBnRelu(x, { filters: 16 }, 4) adds the three cards at columns 4-6.
   */
  addConvBnRelu(input: string, conv: Params, col: number, row = 0): string {
    const c = this.add('Conv2D', { kernelSize: 3, padding: 'same', useBias: false, ...conv }, [input], col, row);
    const bn = this.add('BatchNormalization', {}, [c], col + 1, row);
    return this.add('Activation', { activation: 'relu' }, [bn], col + 2, row);
  }

  graph(): Graph {
    return { nodes: [...this.nodes], edges: [...this.edges] };
  }
}
