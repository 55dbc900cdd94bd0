/**
 * Checks a Keras export without Keras: the layer calls that tests/python/check_exports.py reads out of
 * build_model() with `ast` are turned into the Keras config they would create (Keras' defaults filled in),
 * and compared, layer by layer, with the config, class and inbound layers that tfjs itself serialised for
 * the compiled model (tfjs-layers writes Keras' own format). Not a test file.
 */

/** One `var = factory(args, kwargs)(inputs)` line of build_model(), as check_exports.py describes it. */
export interface KerasCall {
  variable: string;
  factory: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  inputs: string[];
}

/** A layer of a tfjs layers-model topology (Keras JSON). */
interface TopologyLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[][][];
}

type Config = Record<string, unknown>;

const pair = (v: unknown): unknown => (typeof v === 'number' ? [v, v] : v);

/** Keras class, positional argument names and defaults of each factory the exporter uses. */
const FACTORIES: Record<string, { className: string; positional: string[]; defaults: Config; pairs?: string[] }> = {
  'keras.Input': { className: 'InputLayer', positional: [], defaults: {} },
  'layers.Conv2D': {
    className: 'Conv2D',
    positional: ['filters', 'kernel_size'],
    defaults: { strides: 1, padding: 'valid', dilation_rate: 1, use_bias: true, activation: 'linear' },
    pairs: ['kernel_size', 'strides', 'dilation_rate'],
  },
  'layers.Conv2DTranspose': {
    className: 'Conv2DTranspose',
    positional: ['filters', 'kernel_size'],
    defaults: { strides: 1, padding: 'valid', use_bias: true, activation: 'linear' },
    pairs: ['kernel_size', 'strides'],
  },
  'layers.DepthwiseConv2D': {
    className: 'DepthwiseConv2D',
    positional: ['kernel_size'],
    defaults: { strides: 1, padding: 'valid', depth_multiplier: 1, use_bias: true, activation: 'linear' },
    pairs: ['kernel_size', 'strides'],
  },
  'layers.SeparableConv2D': {
    className: 'SeparableConv2D',
    positional: ['filters', 'kernel_size'],
    defaults: { strides: 1, padding: 'valid', depth_multiplier: 1, use_bias: true, activation: 'linear' },
    pairs: ['kernel_size', 'strides'],
  },
  'layers.MaxPooling2D': { className: 'MaxPooling2D', positional: ['pool_size'], defaults: { padding: 'valid' }, pairs: ['pool_size', 'strides'] },
  'layers.AveragePooling2D': { className: 'AveragePooling2D', positional: ['pool_size'], defaults: { padding: 'valid' }, pairs: ['pool_size', 'strides'] },
  'layers.GlobalAveragePooling2D': { className: 'GlobalAveragePooling2D', positional: [], defaults: {} },
  'layers.GlobalMaxPooling2D': { className: 'GlobalMaxPooling2D', positional: [], defaults: {} },
  'layers.Flatten': { className: 'Flatten', positional: [], defaults: {} },
  'layers.Dense': { className: 'Dense', positional: ['units'], defaults: { use_bias: true, activation: 'linear' } },
  'layers.Dropout': { className: 'Dropout', positional: ['rate'], defaults: {} },
  'layers.BatchNormalization': { className: 'BatchNormalization', positional: [], defaults: { momentum: 0.99, epsilon: 0.001 } },
  'layers.Activation': { className: 'Activation', positional: ['activation'], defaults: {} },
  'layers.LeakyReLU': { className: 'LeakyReLU', positional: ['alpha'], defaults: { alpha: 0.3 } },
  'layers.ReLU': { className: 'ReLU', positional: ['max_value'], defaults: { max_value: null } },
  'layers.Add': { className: 'Add', positional: [], defaults: {} },
  'layers.Concatenate': { className: 'Concatenate', positional: [], defaults: { axis: -1 } },
  'layers.UpSampling2D': { className: 'UpSampling2D', positional: ['size'], defaults: { interpolation: 'nearest' }, pairs: ['size'] },
  'layers.ZeroPadding2D': { className: 'ZeroPadding2D', positional: ['padding'], defaults: {} },
  'layers.Lambda': { className: 'Lambda', positional: ['function'], defaults: {} },
};

/** The Keras config a call creates: positional arguments named, defaults filled, scalars expanded to pairs. */
function kerasConfig(call: KerasCall): { className: string; config: Config } {
  const spec = FACTORIES[call.factory];
  if (!spec) return { className: `unknown factory ${call.factory}`, config: {} };
  const config: Config = { ...spec.defaults };
  call.args.forEach((a, i) => (config[spec.positional[i] ?? `arg${i}`] = a));
  Object.assign(config, call.kwargs);
  if (spec.className.endsWith('Pooling2D') && config.strides === undefined) config.strides = config.pool_size;
  for (const key of spec.pairs ?? []) if (key in config) config[key] = pair(config[key]);
  if (spec.className === 'ZeroPadding2D') config.padding = [pair(config.padding), pair(config.padding)];
  if (spec.className === 'InputLayer') config.batch_input_shape = [null, ...(config.shape as number[])];
  return { className: spec.className, config };
}

/** Config keys compared per Keras class (the ones the Convas params decide). */
const COMPARED: Record<string, string[]> = {
  InputLayer: ['batch_input_shape'],
  Conv2D: ['filters', 'kernel_size', 'strides', 'padding', 'dilation_rate', 'use_bias', 'activation'],
  Conv2DTranspose: ['filters', 'kernel_size', 'strides', 'padding', 'use_bias', 'activation'],
  DepthwiseConv2D: ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'use_bias', 'activation'],
  SeparableConv2D: ['filters', 'kernel_size', 'strides', 'padding', 'depth_multiplier', 'use_bias', 'activation'],
  MaxPooling2D: ['pool_size', 'strides', 'padding'],
  AveragePooling2D: ['pool_size', 'strides', 'padding'],
  Dense: ['units', 'use_bias', 'activation'],
  Dropout: ['rate'],
  BatchNormalization: ['momentum', 'epsilon'],
  Activation: ['activation'],
  LeakyReLU: ['alpha'],
  ReLU: ['max_value'],
  Concatenate: ['axis'],
  UpSampling2D: ['size', 'interpolation'],
  ZeroPadding2D: ['padding'],
};

/** Layer names feeding a tfjs layer, in order. */
function inbound(layer: TopologyLayer): string[] {
  return (layer.inbound_nodes[0] ?? []).map((n) => String(n[0]));
}

/**
 * Differences between the Keras calls and the tfjs topology, one line each; empty when every layer has the
 * same name, class, Convas-decided config and inputs. tfjs' bilinear UpSampling2D must be a Lambda calling
 * ResizeBilinear without half-pixel centres (what tfjs computes; Keras' own bilinear UpSampling2D differs).
 */
export function kerasMismatches(calls: KerasCall[], topology: unknown): string[] {
  const layers = (topology as { config: { layers: TopologyLayer[] } }).config.layers;
  const out: string[] = [];
  const nameOf = new Map(calls.map((c) => [c.variable, String(c.kwargs.name)]));
  if (calls.length !== layers.length) out.push(`${calls.length} Keras layers for ${layers.length} tfjs layers`);
  const byName = new Map(calls.map((c) => [String(c.kwargs.name), c]));
  layers.forEach((layer) => {
    const call = byName.get(layer.name);
    if (!call) {
      out.push(`no Keras layer named ${layer.name}`);
      return;
    }
    const name = layer.name;
    const { className, config } = kerasConfig(call);
    const inputs = call.inputs.map((v) => nameOf.get(v) ?? `?${v}`);
    if (JSON.stringify(inputs) !== JSON.stringify(inbound(layer))) {
      out.push(`${name}: inputs ${inputs.join(', ')} vs tfjs ${inbound(layer).join(', ')}`);
    }
    if (className === 'Lambda') {
      const source = String(config.function);
      const ok =
        layer.class_name === 'UpSampling2D' &&
        layer.config.interpolation === 'bilinear' &&
        source.includes('ResizeBilinear') &&
        source.includes('half_pixel_centers=False') &&
        source.includes('align_corners=False');
      if (!ok) out.push(`${name}: Lambda ${source} for tfjs ${layer.class_name}`);
      return;
    }
    if (className !== layer.class_name) {
      out.push(`${name}: Keras ${className}, tfjs ${layer.class_name}`);
      return;
    }
    for (const key of COMPARED[className] ?? []) {
      const mine = JSON.stringify(config[key]);
      const theirs = JSON.stringify(layer.config[key]);
      if (mine !== theirs) out.push(`${name}.${key}: Keras ${mine}, tfjs ${theirs}`);
    }
  });
  return out;
}
