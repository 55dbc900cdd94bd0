/**
 * `npm run convas -- export --graph <file.json> --to pytorch|keras|tfjs [--weights <dir>] --out <dir|file.zip>`:
 * the graph as runnable code (plus README.md), with the trained weights of a tfjs model folder
 * (model.json + weights.bin, what Convas saves after training) converted for the target.
 * Exit codes: 0 written, 1 the graph or weights cannot be exported, 2 usage error.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { EXPORT_TARGETS, ExportError, exportGraph, type ExportTarget, type TrainedArtifacts } from '../../engine/export';
import { zipFiles } from '../../engine/export/zip';
import { parseDocument } from '../../graph/document';
import { parseArgs } from './args';
import { consoleIO, type CliIO } from './io';

const USAGE = `Usage: npm run convas -- export --graph <file.json> --to <${EXPORT_TARGETS.join('|')}> [--weights <dir>] --out <dir | file.zip>
  --graph    a Convas graph document (.json)
  --to       pytorch: model.py (nn.Module, build_model(), INPUT_SHAPE) + train.py (one CPU, GPU, or torchrun)
             keras:   model.py (TensorFlow 2 functional API, compile and weight loading)
             tfjs:    model.js (ES module) and, with --weights, model.json + weights.bin
  --weights  a trained tfjs model: a folder holding model.json and its weight files, or the model.json itself
  --out      a folder to write the files into, or a path ending in .zip for one archive`;

/**
 * Where a manifest's weight file lies: `path` taken relative to the model's folder, which it may not leave
 * (no absolute paths, no '..', no URL), so a hostile model.json cannot make the CLI read other files.
 * Throws with the reason.
 * Example: weightsFilePath('/m', 'weights.bin') -> '/m/weights.bin'; weightsFilePath('/m', '../etc/passwd') throws
 */
export function weightsFilePath(folder: string, path: unknown): string {
  const shown = JSON.stringify(String(path).slice(0, 80));
  if (typeof path !== 'string' || path === '' || path.includes('\0')) throw new Error(`The weights manifest names a file ${shown}, which is not a file name.`);
  const root = resolve(folder);
  const full = resolve(root, path);
  if (isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path) || !full.startsWith(root + sep))
    throw new Error(`The weights manifest names ${shown}, outside the model's folder; weight files must sit beside model.json.`);
  return full;
}

/**
 * Reads a tfjs model saved to files: model.json and the weight files its manifest lists (in manifest order,
 * which is the order of the weight specs).
 */
export async function readModelFolder(path: string): Promise<TrainedArtifacts> {
  const jsonPath = (await stat(path)).isDirectory() ? join(path, 'model.json') : path;
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as {
    modelTopology?: TrainedArtifacts['modelTopology'];
    weightsManifest?: io.WeightsManifestConfig;
    trainingConfig?: TrainedArtifacts['trainingConfig'];
    format?: string;
    generatedBy?: string;
    convertedBy?: string | null;
  };
  if (!json.modelTopology || !json.weightsManifest) throw new Error(`${jsonPath} is not a tfjs layers model (no topology or weights manifest).`);
  const buffers: ArrayBuffer[] = [];
  const weightSpecs: io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const bytes = await readFile(weightsFilePath(dirname(jsonPath), p));
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
    weightSpecs.push(...group.weights);
  }
  return {
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: buffers,
    trainingConfig: json.trainingConfig,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
  };
}

/** Entry point: `argv` is what follows `export`. */
export async function run(argv: string[], io: CliIO = consoleIO): Promise<number> {
  const args = parseArgs(argv, ['help']);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const graph = args.graph;
  const to = args.to;
  const out = args.out;
  if (typeof graph !== 'string' || typeof out !== 'string' || typeof to !== 'string') {
    io.err(USAGE);
    return 2;
  }
  if (!(EXPORT_TARGETS as readonly string[]).includes(to)) {
    io.err(`--to must be one of ${EXPORT_TARGETS.join(', ')}, not "${to}".`);
    return 2;
  }
  if (args.weights !== undefined && typeof args.weights !== 'string') {
    io.err('--weights needs a folder (model.json + weights.bin) or a model.json path.');
    return 2;
  }
  try {
    const parsed = parseDocument(await readFile(graph, 'utf8'));
    if (!parsed.ok) {
      io.err(`${graph}: ${parsed.error}`);
      return 1;
    }
    const weights = typeof args.weights === 'string' ? await readModelFolder(args.weights) : undefined;
    const { files, plan } = exportGraph(parsed.doc, to as ExportTarget, { weights });
    if (out.toLowerCase().endsWith('.zip')) {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, zipFiles(files));
    } else {
      await mkdir(out, { recursive: true });
      for (const f of files) await writeFile(join(out, f.path), f.content);
    }
    const params = plan.totals.trainable + plan.totals.nonTrainable;
    io.out(`Exported "${plan.title}" (${plan.nodes.length} layers, ${params} parameters) as ${to} to ${out}:`);
    for (const f of files) io.out(`  ${f.path} (${typeof f.content === 'string' ? f.content.length : f.content.byteLength} bytes)`);
    if (!weights) io.out('No --weights given: the exported model starts untrained.');
    return 0;
  } catch (e) {
    io.err(e instanceof ExportError ? e.message : `Export failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
