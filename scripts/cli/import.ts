/**
 * `npm run convas -- import <file|folder|zip> --out graph.json [--weights-out <dir>] [--json]`: a model
 * written by TensorFlow.js (model.json + weight files), Keras (.keras, .h5, architecture JSON) or PyTorch (ONNX) as a Convas graph document,
 * and with --weights-out its weights as a tfjs model folder (model.json + weights.bin) that
 * `convas export --weights <dir>` reads. Unsupported layers are listed by name and type.
 * Exit codes: 0 imported (possibly with unsupported layers, listed), 1 the file cannot be imported, 2 usage error.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { initBackend } from '../../engine/backends/init';
import { compileGraph } from '../../engine/compile';
import { nodeDirSource, openNodePath } from '../../engine/datasets/import/nodeSource';
import { modelJson } from '../../engine/export/tfjs';
import { weightBytes } from '../../engine/export/weights';
import { importModel, ModelImportError, type ImportedModel } from '../../engine/import';
import { importedArtifacts } from '../../engine/import/applyWeights';
import { serializeDocument } from '../../graph/document';
import { parseArgs, requireFlag } from './args';
import { consoleIO, type CliIO } from './io';

const USAGE = `Usage: npm run convas -- import <model> --out <graph.json> [--weights-out <dir>] [--json]
  <model>        a TensorFlow.js model folder (model.json + weight files), its model.json, a .zip of it,
                 a Keras 3 .keras archive, a Keras .h5 (model.save), a Keras architecture .json
                 (model.to_json()), or an .onnx file (torch.onnx.export)
  --out          where to write the Convas graph document
  --weights-out  a folder for the imported weights as a tfjs model (model.json + weights.bin), for
                 \`convas export --graph <graph.json> --weights <dir>\`
  --json         print the import summary as JSON`;

/** The summary as lines for people. */
export function summaryLines(m: ImportedModel): string[] {
  const s = m.summary;
  const lines = [
    `Imported ${s.imported} of ${s.layers} layers as ${m.doc.nodes.length} nodes; ${s.withWeights} of ${s.weighted} weighted nodes with their weights (${s.parameters.toLocaleString('en-US')} values).`,
    `Task: ${m.doc.task.id}${m.doc.task.maskMode ? ` (${m.doc.task.maskMode} masks)` : ''}.`,
  ];
  if (s.unsupported.length) {
    lines.push(`Not imported (${s.unsupported.length}):`);
    for (const u of s.unsupported) lines.push(`  ${u.name} (${u.type}): ${u.reason}`);
  }
  if (s.omitted.length) {
    lines.push(`Left out, changing nothing when the model predicts (${s.omitted.length}):`);
    for (const o of s.omitted) lines.push(`  ${o.name} (${o.type}): ${o.reason}`);
  }
  for (const n of s.notes) lines.push(`- ${n}`);
  return lines;
}

/** Entry point: `argv` is what follows `import`. */
export async function run(argv: string[], io: CliIO = consoleIO): Promise<number> {
  const args = parseArgs(argv, ['json', 'help']);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  let path: string;
  let out: string;
  try {
    if (args._.length !== 1) throw new Error(args._.length ? `Give one model path, not ${args._.length}.` : 'Missing the model path.');
    path = args._[0];
    out = requireFlag(args, 'out');
    if (args['weights-out'] !== undefined) requireFlag(args, 'weights-out');
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let imported: ImportedModel;
  try {
    // A model.json named on its own reads its weight files from its folder.
    const json = path.toLowerCase().endsWith('.json') && (await stat(path).catch(() => undefined))?.isFile();
    const source = await (json ? Promise.resolve(nodeDirSource(dirname(path))) : openNodePath(path)).catch((error: unknown) => {
      throw new ModelImportError(`Cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const onProgress = (phase: string, done: number, total: number) => io.progress?.(`${phase} ${done}/${total}`);
    imported = await importModel(source, { onProgress, modelFile: json ? basename(path) : undefined });
  } catch (error) {
    io.err(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  await writeFile(out, serializeDocument(imported.doc));
  const weightsOut = args['weights-out'];
  if (typeof weightsOut === 'string') {
    await initBackend('cpu');
    const compiled = compileGraph(imported.doc);
    if (!compiled.ok) {
      io.err(`The graph was written to ${out}, but its weights cannot be saved until it is valid:\n${compiled.issues.map((i) => `  ${i.message}`).join('\n')}`);
      return 1;
    }
    const artifacts = await importedArtifacts(compiled, imported.weights);
    compiled.model.dispose();
    await mkdir(weightsOut, { recursive: true });
    await writeFile(join(weightsOut, 'model.json'), modelJson(artifacts));
    await writeFile(join(weightsOut, 'weights.bin'), weightBytes(artifacts.weightData));
  }
  if (args.json) io.out(JSON.stringify({ out, weightsOut: typeof weightsOut === 'string' ? weightsOut : null, task: imported.doc.task, nodes: imported.doc.nodes.length, summary: imported.summary }, null, 2));
  else io.out([...summaryLines(imported), `Wrote ${out}${typeof weightsOut === 'string' ? ` and ${join(weightsOut, 'model.json')} + weights.bin` : ''}.`].join('\n'));
  return 0;
}
