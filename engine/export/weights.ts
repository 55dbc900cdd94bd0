import type { io } from '@tensorflow/tfjs';
import { kerasWeights, type WeightSpec } from './layout';
import type { ExportPlan, PlanNode } from './plan';
import { sizeOf, type NamedTensor } from './tensor';

/**
 * Trained weights as tfjs saves them (`model.save(tf.io.withSaveHandler(...))`, or model.json + weights.bin
 * read back): the topology, the manifest entries and the raw bytes.
 */
export type TrainedArtifacts = Pick<
  io.ModelArtifacts,
  'modelTopology' | 'weightSpecs' | 'weightData' | 'trainingConfig' | 'format' | 'generatedBy' | 'convertedBy'
>;

/** One node's weights, Keras order and layout (see layout.ts), ready for the exporters to convert. */
export type NodeWeights = Map<string, NamedTensor[]>;

/** The weight bytes as one buffer (tfjs 4 may hand them over as a list of buffers). */
export function weightBytes(data: io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  if (!Array.isArray(data)) return new Uint8Array(data);
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out;
}

/**
 * The float32 tensors of tfjs artefacts, by manifest name (`conv2d/kernel`), in manifest order. Throws on
 * quantised or non-float weights and on a manifest that does not fit the bytes.
 */
export function decodeArtifacts(artifacts: TrainedArtifacts): NamedTensor[] {
  const bytes = weightBytes(artifacts.weightData);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: NamedTensor[] = [];
  let at = 0;
  for (const spec of artifacts.weightSpecs ?? []) {
    if (spec.quantization) throw new Error(`Weight "${spec.name}" is quantised; export needs float32 weights.`);
    if (spec.dtype !== 'float32') throw new Error(`Weight "${spec.name}" is ${spec.dtype}; export needs float32 weights.`);
    const n = sizeOf(spec.shape);
    if (at + n * 4 > bytes.length) throw new Error(`The weights file is shorter than its manifest says (at "${spec.name}").`);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = view.getFloat32(at + i * 4, true);
    at += n * 4;
    out.push({ name: spec.name, shape: [...spec.shape], data });
  }
  if (at !== bytes.length) throw new Error(`The weights file has ${bytes.length - at} bytes more than its manifest lists.`);
  return out;
}

interface Group {
  layer: string;
  tensors: NamedTensor[];
  used: boolean;
}

/** The group's tensors in the order of `specs` when roles and shapes match exactly, else undefined. */
function arrange(group: Group, specs: WeightSpec[]): NamedTensor[] | undefined {
  if (group.tensors.length !== specs.length) return undefined;
  const out: NamedTensor[] = [];
  for (const s of specs) {
    const t = group.tensors.find((c) => c.name.slice(c.name.lastIndexOf('/') + 1) === s.role);
    if (!t || t.shape.length !== s.shape.length || t.shape.some((d, j) => d !== s.shape[j])) return undefined;
    out.push(t);
  }
  return out;
}

function describe(specs: WeightSpec[]): string {
  return specs.map((s) => `${s.role} [${s.shape.join(', ')}]`).join(', ');
}

/**
 * Assigns the trained tensors to the graph's nodes. A node's layer is found by name (the tfjs layer named
 * like the node's label, its exported layer name, or its id); layers named otherwise are taken in model
 * order when their weights have exactly the shapes the node needs. Every weighted node must get its weights
 * and every trained layer must be used, else it throws, naming the node: weights of another graph must not
 * be exported silently.
 */
export function matchWeights(plan: ExportPlan, tensors: readonly NamedTensor[]): NodeWeights {
  const groups: Group[] = [];
  const byLayer = new Map<string, Group>();
  for (const t of tensors) {
    const slash = t.name.lastIndexOf('/');
    const layer = slash < 0 ? '' : t.name.slice(0, slash);
    let g = byLayer.get(layer);
    if (!g) {
      g = { layer, tensors: [], used: false };
      byLayer.set(layer, g);
      groups.push(g);
    }
    g.tensors.push(t);
  }
  const result: NodeWeights = new Map();
  const pending: { node: PlanNode; specs: WeightSpec[] }[] = [];
  for (const node of plan.nodes) {
    const specs = kerasWeights(node);
    if (!specs.length) continue;
    const named = [node.names.layer, node.name, node.names.code, node.id].map((c) => byLayer.get(c)).find((g) => g && !g.used);
    const ordered = named && arrange(named, specs);
    if (named && ordered) {
      named.used = true;
      result.set(node.id, ordered);
    } else pending.push({ node, specs });
  }
  for (const { node, specs } of pending) {
    const g = groups.find((c) => !c.used && arrange(c, specs));
    if (!g) {
      throw new Error(
        `The trained weights do not fit this graph: no layer has the weights of "${node.name}" (${describe(specs)}).`,
      );
    }
    g.used = true;
    result.set(node.id, arrange(g, specs) as NamedTensor[]);
  }
  const left = groups.filter((g) => !g.used);
  if (left.length) {
    throw new Error(`The trained weights do not fit this graph: layer "${left[0].layer}" has weights no node of the graph needs.`);
  }
  return result;
}
