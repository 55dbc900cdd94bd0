import { catalogEntry, withDefaults } from './catalog';
import { effectiveKernel, isImage } from './catalog/shared';
import { makeIssue, type GraphIssue, type IssueCode, type IssueParams } from './issues';
import { inferShapes, type ShapeReport } from './shapes';
import { taskInfo, type TaskInfo } from './tasks';
import type { Graph, GraphNode, TaskRef } from './types';

/** Above this many parameters training in a browser gets slow (issue 2: "more than ~50M"). */
export const PARAM_WARNING_LIMIT = 50_000_000;

/**
 * Everything wrong with a graph, errors first, then warnings; each with the node, the numbers and a fix
 * (graph/issues.ts). Pass the ShapeReport when you already have one; it is computed otherwise. `info`
 * overrides the task lookup (imported datasets). Never throws for user mistakes.
 * Example: validate(graphWithoutOutput, { id: 'skin-lesions' }) -> [{ code: 'no-output', severity: 'error', ... }].
 */
export function validate(graph: Graph, task: TaskRef, report?: ShapeReport, info?: TaskInfo): GraphIssue[] {
  const known = info ?? taskInfo(task.id);
  const shapes = report ?? inferShapes(graph, task, known);
  const issues: GraphIssue[] = [];
  const add = (code: IssueCode, nodeId: string | null, params: IssueParams = {}) => issues.push(makeIssue(code, nodeId, params));

  const byId = new Map<string, GraphNode>();
  const copies = new Map<string, number>();
  for (const node of graph.nodes) {
    if (byId.has(node.id)) copies.set(node.id, (copies.get(node.id) ?? 1) + 1);
    else byId.set(node.id, node);
  }
  for (const [id, count] of copies) add('duplicate-node-id', id, { id, count });

  for (const edge of graph.edges) {
    const missing = !byId.has(edge.source) ? edge.source : !byId.has(edge.target) ? edge.target : undefined;
    if (missing !== undefined) add('edge-missing-node', null, { edge: edge.id, missing });
    else if (catalogEntry(byId.get(edge.source)?.type ?? '')?.hasOutput === false) {
      add('edge-from-output', edge.source, { edge: edge.id, target: byId.get(edge.target)?.name ?? edge.target });
    }
  }

  if (!known) add('unknown-task', null, { task: task.id });

  const nodes = [...byId.values()];
  const inputs = nodes.filter((n) => n.type === 'Input');
  const outputs = nodes.filter((n) => n.type === 'Output');
  if (inputs.length === 0) add('no-input', null);
  for (const extra of inputs.slice(1)) add('multiple-inputs', extra.id, { count: inputs.length });
  if (outputs.length === 0) add('no-output', null);
  for (const extra of outputs.slice(1)) add('multiple-outputs', extra.id, { count: outputs.length });

  if (shapes.cycle.length) {
    const names = shapes.cycle.map((id) => byId.get(id)?.name ?? id);
    add('cycle', shapes.cycle[0], { count: names.length, names: names.join(' -> ') });
  }

  for (const id of shapes.order) {
    const error = shapes.nodes[id]?.error;
    if (error) issues.push(makeIssue(error.code, id, error.params));
  }

  if (inputs.length && outputs.length) {
    const onPath = pathNodes(nodes, shapes, inputs, outputs);
    const inCycle = new Set(shapes.cycle);
    for (const node of nodes) {
      if (!onPath.has(node.id) && !inCycle.has(node.id)) add('not-connected', node.id, { name: node.name });
    }
  }

  if (known) {
    for (const out of outputs) {
      const head = out.params?.head ?? 'classification';
      if (head !== known.kind) add('head-task-mismatch', out.id, { head: String(head), task: known.id, kind: known.kind });
    }
    const input = inputs[0];
    const shape = input ? shapes.nodes[input.id]?.shape : null;
    if (input && shape && isImage(shape)) {
      const [, h, w, c] = shape;
      if (c !== known.input[2]) add('input-channels-mismatch', input.id, { channels: c, taskChannels: known.input[2] });
      const [min, max] = known.sizeRange;
      if (h < min || h > max || w < min || w > max) add('input-size-range', input.id, { height: h, width: w, min, max });
    }
  }

  for (const id of shapes.order) windowWarning(byId.get(id), shapes, add);

  const total = shapes.totals.trainable + shapes.totals.nonTrainable;
  if (total > PARAM_WARNING_LIMIT) add('too-many-params', null, { params: total, limit: PARAM_WARNING_LIMIT });

  // Stable: errors first, each group in the order found.
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')];
}

/** Nodes that are both reachable from an Input and reach an Output (along edges that carry a tensor). */
function pathNodes(nodes: GraphNode[], shapes: ShapeReport, inputs: GraphNode[], outputs: GraphNode[]): Set<string> {
  const outs = new Map<string, string[]>();
  for (const node of nodes) outs.set(node.id, []);
  for (const node of nodes) for (const src of shapes.inputs[node.id] ?? []) outs.get(src)?.push(node.id);
  const walk = (starts: GraphNode[], next: (id: string) => readonly string[]): Set<string> => {
    const seen = new Set(starts.map((n) => n.id));
    const stack = [...seen];
    while (stack.length) {
      for (const m of next(stack.pop() as string)) {
        if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    return seen;
  };
  const forward = walk(inputs, (id) => outs.get(id) ?? []);
  const backward = walk(outputs, (id) => shapes.inputs[id] ?? []);
  return new Set([...forward].filter((id) => backward.has(id)));
}

/**
 * A kernel or pool larger than its input with padding 'same' still runs (the output keeps its size) but
 * mostly sees zero border: a warning. With 'valid' the output would be empty, which inference reports.
 */
function windowWarning(node: GraphNode | undefined, shapes: ShapeReport, add: (code: IssueCode, id: string, p: IssueParams) => void) {
  const entry = node && catalogEntry(node.type);
  if (!node || !entry?.fieldStep || entry.category === 'upsampling' || !shapes.nodes[node.id]?.shape) return;
  const params = withDefaults(entry.type, node.params ?? {});
  if (params.padding !== 'same') return;
  const source = shapes.inputs[node.id]?.[0];
  const input = source ? shapes.nodes[source]?.shape : null;
  const step = entry.fieldStep(params);
  if (!input || !isImage(input) || !step) return;
  const eff = effectiveKernel(step.kernel, step.dilation);
  if (eff > input[1] || eff > input[2]) {
    add('kernel-too-large', node.id, {
      what: entry.category === 'pooling' ? 'Pool' : 'Kernel',
      kernel: step.kernel,
      dilation: step.dilation,
      effective: eff,
      height: input[1],
      width: input[2],
    });
  }
}
