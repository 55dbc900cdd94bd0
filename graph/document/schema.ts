import * as z from 'zod';
import { CURRENT_VERSION } from './migrations';
import { NODE_TYPES } from '../types';
import { DEFAULT_TRAINING, DOCUMENT_LIMITS as L } from './defaults';
import { TRAINING_LIMITS as T } from './limits';
import { clipText } from './messages';

/**
 * The zod schema of a current-version GraphDocument. It checks structure and the graph's referential
 * integrity (unique ids, edges between existing nodes, no self-loops); whether params suit their node
 * type is validation's job (graph/validate.ts), not the loader's. Unknown extra fields are dropped;
 * missing training fields are filled from DEFAULT_TRAINING, so older files without them still load.
 *
 * Messages here are phrases that follow a location ("training.epochs must be at least 1"); cross-check
 * issues carry whole sentences and are marked `params: {sentence: true}` (see ./messages.ts).
 */

const knownTypes = NODE_TYPES.join(', ');

const id = z.string().min(1).max(L.maxIdLength);

const label = (max: number) =>
  z
    .string()
    .min(1, { abort: true })
    .max(max)
    .refine((s) => s.trim() !== '', { error: 'must not be blank' });

const paramValue = z.union([z.number(), z.string().max(L.maxParamTextLength), z.boolean()], {
  error: (iss) =>
    iss.input === undefined
      ? 'is missing'
      : `must be a number, a text of at most ${L.maxParamTextLength} characters, or true/false`,
});

const params = z
  .record(z.string().max(L.maxParamKeyLength, { error: 'has a parameter name that is too long' }), paramValue)
  .refine((p) => Object.keys(p).length <= L.maxParams, { error: `must have at most ${L.maxParams} parameters` });

const nodeType = z.enum(NODE_TYPES, {
  error: (iss) =>
    typeof iss.input === 'string'
      ? `is "${iss.input.slice(0, 60)}", which is not a node type this version of Convas knows (known types: ${knownTypes})`
      : undefined,
});

export const graphNodeSchema = z.object({
  id,
  type: nodeType,
  name: label(L.maxNameLength),
  params: params.default(() => ({})),
  position: z.object({ x: z.number(), y: z.number() }),
  frozen: z.boolean().optional(),
});

export const graphEdgeSchema = z.object({ id, source: id, target: id });

export const taskRefSchema = z.object({
  id: z.string().min(1).max(L.maxTaskIdLength),
  maskMode: z.enum(['binary', 'multiclass']).optional(),
});

const d = DEFAULT_TRAINING;

/** Every field optional in the input, defaulted from DEFAULT_TRAINING; bounds generous but sane. */
export const trainingSchema = z
  .object({
    epochs: z.int().min(T.epochs.min).max(T.epochs.max).default(d.epochs),
    batchSize: z.int().min(T.batchSize.min).max(T.batchSize.max).default(d.batchSize),
    learningRate: z.number().gt(T.learningRate.minExclusive).max(T.learningRate.max).default(d.learningRate),
    optimizer: z.enum(['adam', 'sgd']).default(d.optimizer),
    momentum: z.number().min(T.momentum.min).max(T.momentum.max).default(d.momentum),
    classWeights: z.boolean().default(d.classWeights),
    augment: z.boolean().default(d.augment),
    validationFraction: z.number().min(T.validationFraction.min).max(T.validationFraction.max).default(d.validationFraction),
    seed: z.int().min(T.seed.min).max(T.seed.max).default(d.seed),
    backend: z.enum(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']).default(d.backend),
    segmentationLoss: z.enum(['bce', 'dice', 'bce+dice']).default(d.segmentationLoss),
    diceMode: z.enum(['batch', 'image']).default(d.diceMode),
    schedule: z.enum(['constant', 'cosine']).default(d.schedule),
  })
  .default(() => ({ ...DEFAULT_TRAINING }));

/** An id as these messages quote it: cut short, since a broken file's ids can be any length. */
const clip = (id: string) => clipText(id, 60);

function ordinal(i: number): string {
  const n = i + 1;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

/** The schema of a current-version document. Use parseDocument (./parse.ts) to load user input. */
export const graphDocumentSchema = z
  .object({
    format: z.literal('convas-graph'),
    version: z.literal(CURRENT_VERSION),
    name: label(L.maxTitleLength).optional(),
    nodes: z.array(graphNodeSchema).max(L.maxNodes),
    edges: z.array(graphEdgeSchema).max(L.maxEdges),
    task: taskRefSchema,
    training: trainingSchema,
  })
  .superRefine((doc, ctx) => {
    const sentence = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path, params: { sentence: true } });

    const nodeIndex = new Map<string, number>();
    doc.nodes.forEach((n, i) => {
      const first = nodeIndex.get(n.id);
      if (first === undefined) nodeIndex.set(n.id, i);
      else sentence(`two nodes have the id "${clip(n.id)}" (the ${ordinal(first)} and the ${ordinal(i)} node); node ids must be unique`, ['nodes', i, 'id']);
    });

    const edgeIndex = new Map<string, number>();
    doc.edges.forEach((e, i) => {
      const first = edgeIndex.get(e.id);
      if (first === undefined) edgeIndex.set(e.id, i);
      else sentence(`two edges have the id "${clip(e.id)}" (the ${ordinal(first)} and the ${ordinal(i)} edge); edge ids must be unique`, ['edges', i, 'id']);
      if (!nodeIndex.has(e.source)) {
        sentence(`edge "${clip(e.id)}" comes from node "${clip(e.source)}", which is not in the graph`, ['edges', i, 'source']);
      }
      if (!nodeIndex.has(e.target)) {
        sentence(`edge "${clip(e.id)}" points to node "${clip(e.target)}", which is not in the graph`, ['edges', i, 'target']);
      }
      if (e.source === e.target) sentence(`edge "${clip(e.id)}" connects node "${clip(e.source)}" to itself`, ['edges', i]);
    });
  });
