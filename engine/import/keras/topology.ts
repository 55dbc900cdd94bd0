import { ModelImportError } from '../types';

/**
 * Reads a Keras model config (what `model.to_json()`, tfjs' modelTopology, a .keras file's config.json and
 * an .h5 file's `model_config` hold) into a flat list of layers with their inputs. Handles Sequential and
 * Functional models in the Keras 2 / tfjs layout (`inbound_nodes: [[[name, 0, 0, {}]]]`) and the Keras 3
 * layout (`inbound_nodes: [{args: [{class_name: '__keras_tensor__', config: {keras_history: [...]}}]}]`).
 */

/** One layer of the config: its class, its config object and the names of the layers it reads. */
export interface KerasLayer {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inputs: string[];
  /** How many times the layer is called (a shared layer is called more than once). */
  calls: number;
}

export interface KerasTopology {
  name?: string;
  layers: KerasLayer[];
  output: string;
  /** `[H, W, C]` of the model input when the config states it (batch_input_shape / batch_shape). */
  inputShape?: (number | null)[];
  /** Output layers the model lists; Convas uses the last one (`output`). */
  outputs: string[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A config's layer name (Keras 2 puts it on the layer, Keras 3 and tfjs in its config too). */
function layerName(layer: Json, index: number): string {
  const cfg = isObj(layer.config) ? layer.config : {};
  const name = layer.name ?? cfg.name;
  return typeof name === 'string' && name ? name : `layer_${index + 1}`;
}

/** The layer names of the tensors in one Keras 3 call argument (a tensor, or a list of tensors). */
function kerasTensors(arg: unknown, out: string[]): void {
  if (Array.isArray(arg)) for (const a of arg) kerasTensors(a, out);
  else if (isObj(arg) && arg.class_name === '__keras_tensor__' && isObj(arg.config) && Array.isArray(arg.config.keras_history)) {
    out.push(String(arg.config.keras_history[0]));
  }
}

/** Inputs of a layer's first call, and the number of calls. */
function inbound(layer: Json): { inputs: string[]; calls: number } {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return { inputs: [], calls: 0 };
  const first = nodes[0];
  const inputs: string[] = [];
  if (Array.isArray(first)) {
    // Keras 2 / tfjs: [[name, nodeIndex, tensorIndex, kwargs], ...]
    for (const t of first) if (Array.isArray(t) && typeof t[0] === 'string') inputs.push(t[0]);
  } else if (isObj(first)) {
    kerasTensors(first.args, inputs);
  }
  return { inputs, calls: nodes.length };
}

/** `[[name, 0, 0], ...]` or `[name, 0, 0]`: the output layers' names. */
function outputNames(spec: unknown): string[] {
  if (!Array.isArray(spec)) return [];
  if (typeof spec[0] === 'string') return [spec[0]];
  return spec.flatMap(outputNames);
}

/** Keras' SavedModel metadata writes tuples and shapes as `{class_name: '__tuple__', items: [...]}`. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (!isObj(value)) return value;
  if ((value.class_name === '__tuple__' || value.class_name === 'TensorShape') && Array.isArray(value.items)) return value.items.map(plain);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

/** The `[H, W, C]` part of a batch shape `[null, H, W, C]`. */
function batchShape(cfg: Json): (number | null)[] | undefined {
  const s = cfg.batch_input_shape ?? cfg.batch_shape;
  if (Array.isArray(s)) return s.slice(1).map((d) => (typeof d === 'number' ? d : null));
  if (Array.isArray(cfg.input_shape)) return cfg.input_shape.map((d) => (typeof d === 'number' ? d : null));
  return undefined;
}

const NESTED = new Set(['Sequential', 'Functional', 'Model']);
/** How deep models may nest (a base model inside a model inside a model is already rare). */
const MAX_NESTING = 8;

/**
 * Nested models (a `data_augmentation` or `resize_and_rescale` Sequential as the first layer, a base model
 * inside a transfer-learning model) inlined: their layers take the nested model's place, its input layer
 * reads what the nested model read, and whatever read the nested model reads its output. A nested model
 * called more than once (shared) stays one layer, and is listed as such.
 */
function inlineNested(layers: KerasLayer[], depth: number): { layers: KerasLayer[]; alias: Map<string, string>; inputShape?: (number | null)[] } {
  const alias = new Map<string, string>();
  const out: KerasLayer[] = [];
  let inputShape: (number | null)[] | undefined;
  const rename = (n: string) => alias.get(n) ?? n;
  for (const l of layers) {
    const inputs = l.inputs.map(rename);
    if (!NESTED.has(l.className) || l.calls > 1 || depth >= MAX_NESTING) {
      out.push({ ...l, inputs });
      continue;
    }
    const inner = readTopology({ class_name: l.className, config: l.config }, depth + 1);
    const innerInputs = new Set(inner.layers.filter((x) => x.className === 'InputLayer').map((x) => x.name));
    if (out.length === 0 || (out.length === 1 && out[0].className === 'InputLayer')) inputShape ??= inner.inputShape;
    for (const x of inner.layers) {
      if (innerInputs.has(x.name)) continue;
      out.push({ ...x, inputs: x.inputs.length === 0 ? inputs.slice(0, 1) : x.inputs.map((n) => (innerInputs.has(n) ? inputs[0] : n)) });
    }
    alias.set(l.name, innerInputs.has(inner.output) ? inputs[0] ?? inner.output : inner.output);
  }
  return { layers: out, alias, inputShape };
}

/**
 * The layers of a Keras model config. Accepts the whole `{class_name, config}` object or a tfjs
 * `modelTopology` that wraps it as `{model_config: ...}`. Throws ModelImportError for anything that is not
 * a Sequential or Functional model.
 * Example: readKerasTopology(JSON.parse(model.to_json())).layers[0].className -> 'InputLayer'
 */
export function readKerasTopology(raw: unknown): KerasTopology {
  return readTopology(raw, 0);
}

function readTopology(raw: unknown, depth: number): KerasTopology {
  let top = plain(raw);
  if (isObj(top) && isObj(top.model_config)) top = top.model_config;
  if (!isObj(top) || typeof top.class_name !== 'string') {
    throw new ModelImportError('The model description has no Keras model class (expected {"class_name": "Sequential" or "Functional", "config": ...}).');
  }
  const className = top.class_name;
  const config = top.config;
  if (className === 'Sequential') {
    const list = Array.isArray(config) ? config : isObj(config) && Array.isArray(config.layers) ? config.layers : null;
    if (!list) throw new ModelImportError('The Sequential model lists no layers.');
    const layers: KerasLayer[] = [];
    let inputShape = isObj(config) && Array.isArray(config.build_input_shape) ? (config.build_input_shape as unknown[]).slice(1).map((d) => (typeof d === 'number' ? d : null)) : undefined;
    let previous: string | undefined;
    list.forEach((l: unknown, i: number) => {
      if (!isObj(l)) throw new ModelImportError(`Layer ${i + 1} of the Sequential model is not an object.`);
      const cfg = isObj(l.config) ? l.config : {};
      inputShape ??= batchShape(cfg);
      const name = layerName(l, i);
      layers.push({ name, className: String(l.class_name), config: cfg, inputs: previous ? [previous] : [], calls: 1 });
      previous = name;
    });
    if (!previous) throw new ModelImportError('The Sequential model has no layers.');
    const flat = inlineNested(layers, depth);
    const output = flat.alias.get(previous) ?? previous;
    return { name: isObj(config) && typeof config.name === 'string' ? config.name : undefined, layers: flat.layers, output, outputs: [output], inputShape: inputShape ?? flat.inputShape };
  }
  if (className === 'Functional' || className === 'Model') {
    if (!isObj(config) || !Array.isArray(config.layers)) throw new ModelImportError(`The ${className} model lists no layers.`);
    const layers = config.layers.map((l: unknown, i: number): KerasLayer => {
      if (!isObj(l)) throw new ModelImportError(`Layer ${i + 1} of the model is not an object.`);
      return { name: layerName(l, i), className: String(l.class_name), config: isObj(l.config) ? l.config : {}, ...inbound(l) };
    });
    const inputs = Array.isArray(config.input_layers) ? config.input_layers : [];
    if (inputs.length > 1 && Array.isArray(inputs[0])) throw new ModelImportError(`The model has ${inputs.length} inputs; Convas graphs read one image. Import a model with a single input.`);
    const outputs = outputNames(config.output_layers);
    // Several outputs (a visualiser's intermediate outputs, auxiliary heads): the last listed is the model's answer.
    const output = outputs.at(-1) ?? layers.at(-1)?.name;
    if (!output) throw new ModelImportError('The model names no output layer.');
    const first = layers.find((l) => l.className === 'InputLayer');
    const flat = inlineNested(layers, depth);
    const named = (n: string) => flat.alias.get(n) ?? n;
    return { name: typeof config.name === 'string' ? config.name : undefined, layers: flat.layers, output: named(output), outputs: outputs.length ? outputs.map(named) : [named(output)], inputShape: first ? batchShape(first.config) : flat.inputShape };
  }
  throw new ModelImportError(`"${className}" models cannot be imported; Convas reads Keras Sequential and Functional models.`);
}
