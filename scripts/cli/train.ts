/**
 * `npm run convas -- train --graph <file.json> [--task <id>] [--data <folder|zip>] [--epochs N] [--batch B]
 *  [--backend wasm|cpu] [--workers N] [--seed S] [--count N] [--size S] [--lr X] [--optimizer adam|sgd] [--schedule cosine|constant]
 *  [--samples K] [--save <dir>] [--json]`
 *
 * Trains a graph document on a bundled task's generated data (the random test tasks included), or with
 * --data on a real dataset in any layout the app imports (scripts/cli/trainData.ts), with the same engine as
 * the app, printing progress and the final test metrics; with --json one JSON object per
 * event line, each with a `type` (engine/train/events.ts; NaN becomes null, byte arrays base64).
 * --save writes the trained model as a tfjs layers folder (model.json + weights.bin), what
 * `convas export --weights` reads. Ctrl-C stops after the current batch (a second Ctrl-C quits).
 * Exit codes: 0 trained (or stopped), 1 failed or diverged, 2 usage error (a missing --data folder, an unknown
 * layout or data for another task included).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '../../engine/backends/init';
import { nodeCores, nodeReplicas } from '../../engine/parallel/nodeReplicas';
import { autoWorkers, defaultWorkerCount, MAX_WORKERS } from '../../engine/parallel/workerCount';
import { TrainControl, train, type EpochEvent, type EvalResult, type PassMetrics, type TrainEvent } from '../../engine/train';
import type { Dataset } from '../../engine/datasets/types';
import type { DataSpec } from '../../engine/train/data';
import { shortRun } from '../../engine/train/shortRun';
import { CATALOG } from '../../graph/catalog';
import { inferShapes } from '../../graph/shapes';
import { DATA_LIMITS, DEFAULT_DATA_SIZE, parseDocument, TRAINING_LIMITS } from '../../graph/document';
import { taskInfo } from '../../graph/tasks';
import type { TrainingSettings } from '../../graph/types';
import { parseArgs, rangeFlag, requireFlag, type ParsedArgs } from './args';
import { consoleIO, type CliIO } from './io';
import { loadTrainData, TrainDataError } from './trainData';

const USAGE = `Usage: npm run convas -- train --graph <file.json> [options]
  --task <id>          data to train on (default: the graph's task): skin-lesions, brain-mri-classify,
                       brain-mri-segment, random-classify, random-segment
  --epochs N --batch B --lr X --optimizer adam|sgd --seed S   (default: the graph's training settings)
  --schedule cosine|constant   learning rate: warm-up then cosine decay, or constant (default: the graph's)
  --data <path>        train on a real dataset (folder, .zip or hmnist CSV) in a layout the app imports,
                       read at the Input's size and channels; its Testing/ split is the test set, else
                       whole patients or lesions are split off (--format <f> picks a layout)
  --backend wasm|cpu   (default wasm)
  --workers N          worker threads sharing each batch (data parallel; default: Auto, as the app: one per
                       core, ${defaultWorkerCount(nodeCores())} here, fewer when a batch has too little work to share)
  --count N            images to generate (default ${DEFAULT_DATA_SIZE}, as the app)
  --size S             image side: sets the graph's Input to S x S (default: the Input's size)
  --samples K          sample predictions per validation/test pass in the events (default 0)
  --save <dir>         write the trained model (model.json + weights.bin)
  --json               one JSON object per event line`;

/** Sample predictions per pass in the events: each carries its image, so a few are plenty. */
const SAMPLES_RANGE = { min: 0, max: 64, integer: true };

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '-');

/** JSON with NaN as null (JSON's own rule) and byte arrays as base64 strings. */
function toJson(event: TrainEvent): string {
  return JSON.stringify(event, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : value,
  );
}

/** The headline figure of a pass: balanced accuracy (and the baseline's) or mean Dice. */
function headline(m: PassMetrics): string {
  if (m.kind === 'classification') {
    return `acc ${fmt(m.report.accuracy)}  bal.acc ${fmt(m.report.balancedAccuracy)} (majority baseline ${fmt(m.report.baseline.balancedAccuracy)})`;
  }
  return `mean Dice ${fmt(m.dice.mean)}  pixel acc ${fmt(m.pixelAccuracy)}`;
}

function epochLine(e: EpochEvent): string {
  const val = e.validation ? `  val loss ${fmt(e.validation.loss)}  val ${headline(e.validation.metrics)}` : '';
  return `epoch ${e.epoch}/${e.epochs}  loss ${fmt(e.trainLoss)}${val}  ${e.imagesPerSecond.toFixed(0)} img/s  ${e.seconds.toFixed(1)} s  ETA ${e.etaSeconds.toFixed(0)} s  tensors ${e.memory.numTensors}`;
}

/** The test split's metrics as a small report. */
function testReport(test: EvalResult, classNames: string[]): string {
  const lines = [`Test (${test.images} images): loss ${fmt(test.loss)}  ${headline(test.metrics)}`];
  const m = test.metrics;
  if (m.kind === 'classification') {
    const w = Math.max(5, ...classNames.map((c) => c.length));
    lines.push(`  ${'class'.padEnd(w)}  support  sens.   spec.   prec.   NPV     F1`);
    m.report.perClass.forEach((c, k) => {
      lines.push(`  ${(classNames[k] ?? String(k)).padEnd(w)}  ${String(c.support).padStart(7)}  ${[c.sensitivity, c.specificity, c.precision, c.npv, c.f1].map((v) => fmt(v).padEnd(6)).join('  ')}`.trimEnd());
    });
    lines.push('  confusion matrix (rows = true class, columns = predicted):');
    m.confusion.forEach((row, k) => lines.push(`  ${(classNames[k] ?? String(k)).padEnd(w)}  ${row.map((v) => String(v).padStart(5)).join(' ')}`));
  } else {
    const names = m.dice.perClass.length === 2 && classNames.length !== 2 ? ['background', 'tumour'] : classNames;
    m.dice.perClass.forEach((d, k) => lines.push(`  Dice ${names[k] ?? k}: ${fmt(d)}${k === 0 ? ' (not in the mean)' : ''}`));
  }
  return lines.join('\n');
}

/** Writes `model` as a tfjs layers model folder: model.json + weights.bin. */
async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(await new Blob(data as ArrayBuffer[]).arrayBuffer());
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: 'Convas',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      await writeFile(join(dir, 'weights.bin'), bytes);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes.byteLength } };
    }),
  );
}

function settingsFrom(args: ParsedArgs): Partial<TrainingSettings> {
  const out: Partial<TrainingSettings> = {};
  const T = TRAINING_LIMITS;
  if (args.epochs !== undefined) out.epochs = rangeFlag(args, 'epochs', 1, T.epochs);
  if (args.batch !== undefined) out.batchSize = rangeFlag(args, 'batch', 32, T.batchSize);
  if (args.lr !== undefined) out.learningRate = rangeFlag(args, 'lr', 0.001, T.learningRate);
  if (args.seed !== undefined) out.seed = rangeFlag(args, 'seed', 42, T.seed);
  if (args.optimizer !== undefined) {
    if (args.optimizer !== 'adam' && args.optimizer !== 'sgd') throw new Error(`--optimizer wants adam or sgd, got "${String(args.optimizer)}".`);
    out.optimizer = args.optimizer;
  }
  if (args.schedule !== undefined) {
    if (args.schedule !== 'cosine' && args.schedule !== 'constant') throw new Error(`--schedule wants cosine or constant, got "${String(args.schedule)}".`);
    out.schedule = args.schedule;
  }
  return out;
}

export async function run(argv: string[], io: CliIO = consoleIO): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const json = args.json === true;
  let graphPath: string;
  let settings: Partial<TrainingSettings>;
  let count: number;
  let size: number | undefined;
  let samples: number;
  let requestedWorkers: number | undefined;
  try {
    graphPath = requireFlag(args, 'graph');
    settings = settingsFrom(args);
    count = rangeFlag(args, 'count', DEFAULT_DATA_SIZE, { min: DATA_LIMITS.minImages, max: DATA_LIMITS.maxImages, integer: true });
    // The Input node's own limits (data outside the task's generator range is resized to it).
    const side = CATALOG.Input.params.height;
    size = args.size === undefined ? undefined : rangeFlag(args, 'size', 64, { min: side.kind === 'int' ? side.min : 1, max: side.kind === 'int' ? side.max : 1024, integer: true });
    samples = rangeFlag(args, 'samples', 0, SAMPLES_RANGE);
    requestedWorkers = args.workers === undefined ? undefined : rangeFlag(args, 'workers', 1, { min: 1, max: MAX_WORKERS, integer: true });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const backend = args.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') {
    io.err(`--backend wants wasm or cpu in Node, got "${String(backend)}".\n${USAGE}`);
    return 2;
  }
  const out = (line: string) => io.out(line);
  const parsed = parseDocument(await readFile(graphPath, 'utf8'));
  if (!parsed.ok) {
    io.err(`${graphPath}: ${parsed.error}`);
    return 1;
  }
  const document = parsed.doc;
  const taskId = typeof args.task === 'string' ? args.task : document.task.id;
  if (!taskInfo(taskId)) {
    io.err(`Unknown task "${taskId}".\n${USAGE}`);
    return 2;
  }
  if (taskId !== document.task.id) document.task = { ...document.task, id: taskId };
  if (size !== undefined) {
    // Smaller images train faster: resize the model's Input rather than upsampling the data to it.
    for (const node of document.nodes) if (node.type === 'Input') node.params = { ...node.params, height: size, width: size };
  }

  let data: Dataset | DataSpec = { taskId, count, seed: settings.seed ?? document.training.seed };
  if (args.data !== undefined) {
    try {
      if (typeof args.data !== 'string') throw new TrainDataError('--data wants a folder, .zip or CSV file.');
      const loaded = await loadTrainData(args.data, document, { format: typeof args.format === 'string' ? args.format : undefined });
      data = loaded.dataset;
      if (!json) for (const note of [`Read ${loaded.dataset.count} images (${loaded.dataset.source}) from ${args.data}${loaded.skipped ? `, ${loaded.skipped} skipped` : ''}.`, ...loaded.notes]) out(note);
    } catch (error) {
      if (!(error instanceof TrainDataError)) throw error;
      io.err(`${error.message}\n${USAGE}`);
      return 2;
    }
  }

  // --workers N, or Auto as the app decides it: the cores, and no more workers than the batch has work to
  // share (the graph's work is read only for Auto).
  const { workers, why } =
    requestedWorkers !== undefined
      ? { workers: requestedWorkers, why: null }
      : autoWorkers(nodeCores(), { macsPerImage: inferShapes(document, document.task).totals.macs, batchSize: settings.batchSize ?? document.training.batchSize });
  const autoWhy = why ? `${why} --workers N overrides it.` : null;

  await initBackend(backend);
  const control = new TrainControl();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(130);
    if (!json) io.err('Stopping after this batch (Ctrl-C again to quit now)...');
    control.stop();
  };
  process.on('SIGINT', onSigint);
  let classNames: string[] = [];
  let lastBatchPrint = 0;
  const result = await train(
    { document, data, settings, samples, keepModel: typeof args.save === 'string', workers, replicas: nodeReplicas },
    {
      onEvent(event) {
        if (json) {
          out(toJson(event));
          if (event.type === 'start' && autoWhy) out(toJson({ type: 'log', level: 'info', code: 'workers', message: autoWhy }));
          return;
        }
        switch (event.type) {
          case 'start':
            classNames = event.classNames;
            out(`Training on ${event.backend}: ${event.params} parameters, ${event.lossName}; ${event.splits.train} train / ${event.splits.validation} validation / ${event.splits.test} test images; ${event.epochs} epochs of ${event.batchesPerEpoch} batches of ${event.batchSize}${(event.workers ?? 1) > 1 ? `, shared by ${event.workers} workers` : ''}`);
            {
              const short = shortRun(event.splits.train, event.batchSize, event.epochs);
              if (short) out(`Short run: ${short.updates} weight updates in all. Models usually need a few hundred to learn; try --epochs ${short.suggestedEpochs}.`);
            }
            if (autoWhy) out(autoWhy);
            break;
          case 'batch':
            // About ten lines per epoch at most.
            if (event.batch === event.batches || event.batch - lastBatchPrint >= Math.max(1, Math.ceil(event.batches / 10))) {
              lastBatchPrint = event.batch === event.batches ? 0 : event.batch;
              out(`  epoch ${event.epoch} batch ${event.batch}/${event.batches}  loss ${fmt(event.loss)}  ${event.imagesPerSecond.toFixed(0)} img/s`);
            }
            break;
          case 'epoch':
            out(epochLine(event));
            break;
          case 'log':
            out(`${event.level === 'warning' ? 'warning: ' : ''}${event.message}`);
            break;
          case 'error':
            io.err(`${event.message}\n${event.hint}`);
            break;
          case 'done':
            if (event.test) out(testReport(event.test, classNames));
            out(`Done (${event.reason}) after ${event.epochsDone} epoch(s) in ${event.seconds.toFixed(1)} s.`);
            break;
          default:
            break;
        }
      },
    },
    control,
  );
  process.off('SIGINT', onSigint);
  if (typeof args.save === 'string' && result.compiled) {
    await saveModel(result.compiled.model, args.save);
    result.compiled.model.dispose();
    if (!json) out(`Saved the trained model to ${args.save}/model.json + weights.bin.`);
  }
  return result.reason === 'completed' || result.reason === 'stopped' ? 0 : 1;
}
