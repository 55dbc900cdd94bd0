/**
 * Dev tool (not part of `npm test`): imports every model of a corpus folder of real model files and prints
 * a table of what came along, and, where a reference can run here, how far Convas' outputs are from it.
 *
 *   npx tsx scripts/dev/importCorpus.ts <corpus folder> [--ort <onnxruntime-web folder>] [--only <text>] [--json]
 *
 * Each entry of the folder is one model: a file (.onnx, .h5, .keras, a Keras .json) or a folder (a tfjs
 * model.json with its shards, or an .onnx with ONNX-zoo `test_data_set_*` folders beside it). Dot files,
 * *.md, *.txt and a `tools` folder are skipped. References:
 * - tfjs Layers models run in tfjs itself (the same files, loaded by tfjs' own loader);
 * - ONNX models run in onnxruntime-web when --ort names its package folder (it is not a Convas dependency:
 *   install it outside the repository), or against `test_data_set_*` input/output .pb files;
 * - Keras .h5/.keras have no runtime here: scripts/dev/keras_reference.py computes `<file>.ref.json` beside
 *   them in PyTorch from the file's own config and weights (read with h5py, not Convas' reader).
 * Outputs are compared as probabilities (Convas' Output applies softmax/sigmoid; a source that ends in
 * logits gets the same). Where no bundled task has the model's class count, Convas makes a new head, so the
 * comparison is made on the features that feed the head instead ("features" in the table).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../engine/backends/init';
import { compileGraph, type CompiledGraph } from '../../engine/compile';
import { openNodePath } from '../../engine/datasets/import/nodeSource';
import { importModel, type ImportedModel } from '../../engine/import';
import { applyImportedWeights } from '../../engine/import/applyWeights';
import { decodeOnnx, decodeOnnxTensor } from '../../engine/import/onnx/proto';
import { tensorValues } from '../../engine/import/onnx/tensors';

interface Row {
  file: string;
  format: string;
  outcome: string;
  unsupported: string[];
  compared?: string;
  maxDiff?: number;
  notes: string[];
}

const SKIP = (name: string) => name.startsWith('.') || name === 'tools' || /\.(md|txt)$/i.test(name) || /\.ref\.json$/.test(name) || /^test_data_set_/.test(name);

/** What the reference gives and what Convas gives for the same input, as flat arrays of equal length. */
type Pair = { what: string; source: Float32Array; convas: Float32Array };

/** Softmax or sigmoid of a source output, unless it already holds probabilities like Convas' Output. */
function asProbabilities(values: Float32Array, rowSize: number, softmax: boolean): Float32Array {
  const inUnit = values.every((v) => v >= -1e-6 && v <= 1 + 1e-6);
  const rowsSumToOne = () => {
    for (let i = 0; i < values.length; i += rowSize) if (Math.abs(values.subarray(i, i + rowSize).reduce((a, b) => a + b, 0) - 1) > 1e-3) return false;
    return true;
  };
  if (inUnit && (!softmax || rowsSumToOne())) return values;
  if (!softmax) return values.map((v) => 1 / (1 + Math.exp(-v)));
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i += rowSize) {
    const row = values.subarray(i, i + rowSize);
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => (out[i + j] = v / sum));
  }
  return out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.NaN;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** NCHW values -> NHWC. */
function nchwToNhwc(data: Float32Array, [n, c, h, w]: number[]): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++) for (let k = 0; k < c; k++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + k] = data[((b * c + k) * h + y) * w + x];
  return out;
}

/** The Convas side: the compiled import with its weights, its Output node and the node feeding it. */
function convasModel(m: ImportedModel): { compiled: CompiledGraph; newHead: boolean; feature: string; softmax: boolean; classes: number } {
  const compiled = compileGraph(m.doc);
  if (!compiled.ok) throw new Error(`does not compile: ${compiled.issues.map((i) => i.message).join('; ')}`);
  const skipped = applyImportedWeights(compiled, m.weights).skipped;
  if (skipped.length) throw new Error(`weights skipped: ${skipped.map((s) => s.reason).join('; ')}`);
  const output = m.doc.nodes.find((n) => n.type === 'Output');
  if (!output) throw new Error('no Output');
  const newHead = Boolean(output.params.projection) && !m.weights.some((w) => w.name.startsWith(`${output.id}/`));
  const feature = m.doc.edges.find((e) => e.target === output.id)?.source ?? '';
  return { compiled, newHead, feature, softmax: compiled.head.activation === 'softmax', classes: compiled.head.classes };
}

/** Values of a Convas node's output (a tfjs model cut at that node's layer). */
function convasAt(compiled: CompiledGraph, nodeId: string, x: tf.Tensor): Float32Array {
  const layer = compiled.model.getLayer(compiled.layers[nodeId]);
  const cut = tf.model({ inputs: compiled.model.inputs, outputs: layer.output as tf.SymbolicTensor });
  return tf.tidy(() => (cut.predict(x) as tf.Tensor).dataSync() as Float32Array).slice();
}

function randomInput(compiled: CompiledGraph, batch: number): tf.Tensor {
  return tf.randomUniform([batch, ...compiled.inputShape], 0, 1, 'float32', 17);
}

/** tfjs reference: the model.json and shards loaded by tfjs' own loader. */
async function compareTfjs(dir: string, m: ImportedModel): Promise<Pair> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) parts.push(new Uint8Array(await readFile(join(dir, p))));
  }
  const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const ref = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: bytes.buffer }));
  const { compiled, newHead, feature, softmax, classes } = convasModel(m);
  const x = randomInput(compiled, 2);
  if (!newHead) {
    const source = (ref.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const convas = (compiled.model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    return { what: 'output', source: asProbabilities(source, classes, softmax), convas };
  }
  const name = m.doc.nodes.find((n) => n.id === feature)?.name ?? '';
  const cut = tf.model({ inputs: ref.inputs, outputs: ref.getLayer(name).output as tf.SymbolicTensor });
  return { what: `features (${name})`, source: (cut.predict(x) as tf.Tensor).dataSync() as Float32Array, convas: convasAt(compiled, feature, x) };
}

/** A `<file>.ref.json` reference (scripts/dev/keras_reference.py: PyTorch on the file's own config and weights). */
async function compareRef(refFile: string, m: ImportedModel): Promise<Pair> {
  const ref = JSON.parse(await readFile(refFile, 'utf8')) as { shape: number[]; input: number[]; output: number[]; features: number[] | null };
  const { compiled, newHead, feature, softmax, classes } = convasModel(m);
  const x = tf.tensor(ref.input, ref.shape, 'float32');
  if (!newHead) return { what: 'output (reference)', source: asProbabilities(Float32Array.from(ref.output), classes, softmax), convas: (compiled.model.predict(x) as tf.Tensor).dataSync() as Float32Array };
  if (!ref.features) throw new Error('the reference has no features before a Dense head');
  const name = m.doc.nodes.find((n) => n.id === feature)?.name ?? feature;
  return { what: `features (${name}, reference)`, source: Float32Array.from(ref.features), convas: convasAt(compiled, feature, x) };
}

/**
 * An ONNX model with one more graph output: appending a GraphProto (field 7) holding one `output` (field 12)
 * to the ModelProto bytes merges it into the graph, as protobuf merges repeated embedded messages.
 */
function withExtraOutput(bytes: Uint8Array, name: string): Uint8Array {
  const varint = (n: number) => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n >>>= 7;
    }
    out.push(n);
    return out;
  };
  const field = (id: number, body: number[]) => [...varint((id << 3) | 2), ...varint(body.length), ...body];
  const nameBytes = [...new TextEncoder().encode(name)];
  const tensorType = field(1, [0x08, 1]); // TypeProto.tensor_type { elem_type: FLOAT }
  const valueInfo = [...field(1, nameBytes), ...field(2, tensorType)];
  const extra = field(7, field(12, valueInfo));
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes);
  out.set(extra, bytes.length);
  return out;
}

/** The part of onnxruntime-web this tool uses (the package is not a Convas dependency, so typed here). */
interface OrtTensor {
  data: unknown;
  dims: readonly number[];
}
interface Ort {
  env: { wasm: { numThreads: number } };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
  InferenceSession: { create(bytes: Uint8Array): Promise<{ inputNames: readonly string[]; run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> }> };
}

/** ONNX reference: onnxruntime-web on the same (NCHW) input, or the file's test_data_set. */
async function compareOnnx(file: string, m: ImportedModel, ort: Ort | undefined, testDir: string | undefined): Promise<Pair> {
  const { compiled, newHead, feature, softmax, classes } = convasModel(m);
  if (testDir && !newHead) {
    const input = tensorValues(decodeOnnxTensor(new Uint8Array(await readFile(join(testDir, 'input_0.pb')))));
    const expected = tensorValues(decodeOnnxTensor(new Uint8Array(await readFile(join(testDir, 'output_0.pb')))));
    const x = tf.tensor(nchwToNhwc(input.data, input.shape), [input.shape[0], input.shape[2], input.shape[3], input.shape[1]]);
    const convas = (compiled.model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    return { what: 'output (test_data_set)', source: asProbabilities(expected.data, classes, softmax), convas };
  }
  if (!ort) throw new Error('no reference (give --ort, or test_data_set_0 beside the model)');
  let bytes: Uint8Array = new Uint8Array(await readFile(file));
  const graph = decodeOnnx(bytes).graph;
  let tensor = graph?.output[0]?.name ?? '';
  let convasNode = '';
  if (newHead && graph) {
    // The features: the data input of the last Gemm/MatMul; before a Flatten, the image it flattens
    // (ONNX flattens C,H,W and Convas H,W,C, so the image is what compares).
    const gemm = [...graph.node].reverse().find((n) => n.opType === 'Gemm' || n.opType === 'MatMul');
    if (!gemm) throw new Error('no Gemm/MatMul head to cut before');
    tensor = gemm.input[0];
    const producer = graph.node.find((n) => n.output.includes(tensor));
    convasNode = feature;
    if (producer && (producer.opType === 'Flatten' || producer.opType === 'Reshape')) {
      tensor = producer.input[0];
      const flat = m.doc.nodes.find((n) => n.id === feature);
      if (flat?.type === 'Flatten') convasNode = m.doc.edges.find((e) => e.target === feature)?.source ?? feature;
    }
    bytes = withExtraOutput(bytes, tensor);
  }
  const session = await ort.InferenceSession.create(bytes);
  // Batch 1: exports often fix the batch size at the one example they were traced with.
  const x = randomInput(compiled, 1);
  const nhwc = x.dataSync() as Float32Array;
  const [b, h, w, c] = x.shape;
  const nchw = new Float32Array(nhwc.length);
  for (let i = 0; i < b; i++) for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) for (let k = 0; k < c; k++) nchw[((i * c + k) * h + y) * w + xx] = nhwc[((i * h + y) * w + xx) * c + k];
  const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', nchw, [b, c, h, w]) });
  const got = result[tensor];
  let source = got.data as Float32Array;
  if (got.dims.length === 4) source = nchwToNhwc(source, got.dims as number[]);
  if (!newHead) return { what: 'output', source: asProbabilities(source, classes, softmax), convas: (compiled.model.predict(x) as tf.Tensor).dataSync() as Float32Array };
  return { what: `features (${tensor})`, source, convas: convasAt(compiled, convasNode, x) };
}

async function formatOf(path: string): Promise<{ kind: 'tfjs' | 'onnx' | 'other'; model: string; testDir?: string }> {
  if (!(await stat(path)).isDirectory()) return { kind: path.toLowerCase().endsWith('.onnx') ? 'onnx' : 'other', model: path };
  const names = await readdir(path);
  if (names.includes('model.json')) return { kind: 'tfjs', model: path };
  const onnx = names.find((n) => n.toLowerCase().endsWith('.onnx'));
  const test = names.find((n) => /^test_data_set_\d+$/.test(n));
  if (onnx) return { kind: 'onnx', model: join(path, onnx), testDir: test ? join(path, test) : undefined };
  return { kind: 'other', model: path };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const ortAt = args.indexOf('--ort');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--ort' && args[i - 1] !== '--only');
  if (!dir) {
    console.error('Usage: npx tsx scripts/dev/importCorpus.ts <corpus folder> [--ort <onnxruntime-web folder>] [--only <text>] [--json]');
    process.exit(2);
  }
  let ort: Ort | undefined;
  if (ortAt >= 0) {
    ort = (await import(join(args[ortAt + 1], 'dist', 'ort.node.min.mjs')).catch(() => import(join(args[ortAt + 1], 'dist', 'ort.mjs')))) as Ort;
    ort.env.wasm.numThreads = 1;
  }
  await initBackend('cpu');
  const rows: Row[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (SKIP(name) || (only !== undefined && !name.includes(only))) continue;
    const path = join(dir, name);
    const row: Row = { file: name, format: '', outcome: '', unsupported: [], notes: [] };
    rows.push(row);
    const kind = await formatOf(path);
    let m: ImportedModel;
    try {
      m = await importModel(await openNodePath(kind.model));
    } catch (error) {
      row.outcome = `refused: ${error instanceof Error ? error.message : String(error)}`;
      continue;
    }
    const s = m.summary;
    row.format = s.format;
    row.outcome = `${s.imported}/${s.layers} layers, ${s.withWeights}/${s.weighted} weighted, ${s.parameters} values`;
    row.unsupported = s.unsupported.map((u) => `${u.name} (${u.type}): ${u.reason}`);
    row.notes = s.notes.slice(1);
    try {
      const ref = await stat(`${path}.ref.json`).then(() => `${path}.ref.json`, () => undefined);
      const pair = ref ? await compareRef(ref, m) : kind.kind === 'tfjs' ? await compareTfjs(path, m) : kind.kind === 'onnx' ? await compareOnnx(kind.model, m, ort, kind.testDir) : undefined;
      if (pair) {
        row.compared = pair.what;
        row.maxDiff = maxAbsDiff(pair.source, pair.convas);
        if (Number.isNaN(row.maxDiff)) row.compared += ` (sizes differ: ${pair.source.length} vs ${pair.convas.length})`;
      }
    } catch (error) {
      row.compared = `not compared: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200);
    }
  }
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  console.log('| file | format | outcome | compared | max abs diff |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    const outcome = [r.outcome, ...r.unsupported.map((u) => `not imported: ${u}`)].join('<br>').replace(/\|/g, '\\|');
    console.log(`| ${r.file} | ${r.format || '-'} | ${outcome} | ${r.compared ?? '-'} | ${r.maxDiff === undefined ? '-' : r.maxDiff.toExponential(2)} |`);
  }
}

void main();
