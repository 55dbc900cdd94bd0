import * as z from 'zod';
import { describeIssues, documentToJson, issuePhrase, parseDocument } from '../document';
import { GOAL_METRICS, type LessonGoal } from '../lesson';
import type { GraphDocument, TaskKind, TrainingSettings } from '../types';
import { CLASS_CODE, MAX_NICKNAME_LENGTH, nicknameProblem, normaliseNickname } from './nickname';

/**
 * A participant's result document, `{format: 'convas-results', version: 2}`: what the Results dialog
 * downloads, what a lesson run POSTs to the class board, and what the facilitator drops onto the board.
 * Version 2 keeps every field of version 1 (the results card draws them) and adds who sent it, the class,
 * the graph trained, its settings and per-epoch curves. Never any image.
 */

/** Limits one result must keep; the server refuses larger bodies before parsing them. */
export const RESULT_LIMITS = Object.freeze({
  /** Bytes of one result as JSON text. */
  maxBytes: 256 * 1024,
  maxClasses: 64,
  maxLayers: 500,
  maxEpochs: 1000,
  maxTextLength: 200,
});

/** The version this Convas writes. */
export const RESULT_VERSION = 2;

/** One epoch's figures on a result's curves (validation metrics; null where the task has none). */
export interface ResultCurvePoint {
  epoch: number;
  trainLoss: number | null;
  valLoss: number | null;
  accuracy: number | null;
  balancedAccuracy: number | null;
  meanDice: number | null;
}

export interface ResultDocument {
  format: 'convas-results';
  version: 2;
  title: string;
  task: { id: string; title: string; kind: TaskKind; classes: string[] };
  layers: { name: string; type: string; params: Record<string, string | number | boolean> }[];
  lesson: {
    title: string;
    /** The goal in words ("balanced accuracy ≥ 0.40 on validation"). */
    goal: string;
    best: number | null;
    reached: boolean;
    /** The goal as data (version 2; null in converted version-1 files). */
    spec: LessonGoal | null;
    /** First epoch whose validation figure met the goal, or null. */
    reachedAtEpoch: number | null;
  } | null;
  run: {
    number: number;
    name: string;
    epochs: number;
    learningRate: number;
    validation: { balancedAccuracy: number | null; accuracy: number | null; meanDice: number | null; valLoss: number | null };
    test: { loss: number | null } | null;
    /** `confusion[true][predicted]` counts of the last validation pass. */
    confusion: number[][] | null;
    dicePerClass: (number | null)[] | null;
    /** Version 2: trainable parameters, the settings trained with and the per-epoch curves. */
    params: number | null;
    settings: TrainingSettings | null;
    curves: ResultCurvePoint[];
    status: string | null;
    seconds: number | null;
  } | null;
  /** Who sent it: a random id kept by their browser and the nickname they typed (null: not sent to a class). */
  participant: { id: string; nickname: string } | null;
  classCode: string | null;
  /** Unique per run and participant: a retried send is stored once. */
  submissionId: string | null;
  /** When the result was made (ISO 8601), or null in converted version-1 files. */
  createdAt: string | null;
  /** The graph that was trained (null in converted version-1 files). */
  graph: GraphDocument | null;
}

const num = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const nnum = num.nullable();
const text = z.string().max(RESULT_LIMITS.maxTextLength);
const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { error: 'must be letters, digits and _ . : - (at most 100)' });

const goalSchema = z.object({ metric: z.enum(GOAL_METRICS), op: z.enum(['>=', '<=']), value: num, split: z.enum(['validation', 'test']) });

const curveSchema = z.object({
  epoch: z.number().int().min(1).max(100_000),
  trainLoss: nnum,
  valLoss: nnum,
  accuracy: nnum,
  balancedAccuracy: nnum,
  meanDice: nnum,
});

const v1Fields = {
  title: text,
  task: z.object({ id: text, title: text, kind: z.enum(['classification', 'segmentation']), classes: z.array(text).max(RESULT_LIMITS.maxClasses) }),
  layers: z
    .array(z.object({ name: text, type: text, params: z.record(z.string().max(100), z.union([num, z.string().max(500), z.boolean()])) }))
    .max(RESULT_LIMITS.maxLayers),
};

const runV1 = {
  number: z.number().int().min(0),
  name: text,
  epochs: z.number().int().min(0),
  learningRate: num,
  validation: z.object({ balancedAccuracy: nnum, accuracy: nnum, meanDice: nnum, valLoss: nnum }),
  test: z.object({ loss: nnum }).nullable(),
  confusion: z.array(z.array(z.number().int().min(0)).max(RESULT_LIMITS.maxClasses)).max(RESULT_LIMITS.maxClasses).nullable(),
  dicePerClass: z.array(nnum).max(RESULT_LIMITS.maxClasses).nullable(),
};

const lessonV1 = { title: text, goal: text, best: nnum, reached: z.boolean() };

const v1Schema = z.object({
  format: z.literal('convas-results'),
  version: z.literal(1),
  ...v1Fields,
  lesson: z.object(lessonV1).nullable(),
  run: z.object(runV1).nullable(),
});

const v2Schema = z.object({
  format: z.literal('convas-results'),
  version: z.literal(2),
  ...v1Fields,
  lesson: z.object({ ...lessonV1, spec: goalSchema.nullable(), reachedAtEpoch: z.number().int().min(1).nullable() }).nullable(),
  run: z
    .object({
      ...runV1,
      params: z.number().int().min(0).nullable(),
      // The graph document's own schema checks the settings (as part of `graph`); here only their shape.
      settings: z.record(z.string().max(40), z.union([num, z.string().max(40), z.boolean()])).nullable(),
      curves: z.array(curveSchema).max(RESULT_LIMITS.maxEpochs),
      status: z.string().max(20).nullable(),
      seconds: nnum,
    })
    .nullable(),
  participant: z.object({ id, nickname: z.string().max(MAX_NICKNAME_LENGTH * 4) }).nullable(),
  classCode: z.string().regex(CLASS_CODE, { error: 'must be 3 to 32 lower-case letters, digits or hyphens' }).nullable(),
  submissionId: id.nullable(),
  createdAt: z.iso.datetime({ error: 'must be an ISO 8601 date and time' }).nullable(),
  graph: z.unknown(),
});

/** Reading a result: the document (as version 2), or why it cannot be used. */
export type ResultParse = { ok: true; result: ResultDocument } | { ok: false; error: string };

const fail = (error: string): ResultParse => ({ ok: false, error });

/**
 * Checks a parsed JSON value as a result document (version 1 or 2; version 1 comes back as version 2 with
 * the new parts empty). The nickname is normalised and must pass {@link nicknameProblem}; the graph goes
 * through the document loader. Never throws; errors name the field.
 */
export function parseResultDocument(raw: unknown): ResultParse {
  try {
    if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== 'convas-results') {
      return fail('This is not a Convas result file (its "format" should be "convas-results").');
    }
    const version = (raw as { version?: unknown }).version;
    if (version === 1) {
      const v1 = v1Schema.safeParse(raw, { error: issuePhrase });
      if (!v1.success) return fail(`This result is not valid: ${describeIssues(v1.error.issues, raw)}.`);
      const d = v1.data;
      return {
        ok: true,
        result: {
          ...d,
          version: 2,
          lesson: d.lesson ? { ...d.lesson, spec: null, reachedAtEpoch: null } : null,
          run: d.run ? { ...d.run, params: null, settings: null, curves: [], status: null, seconds: null } : null,
          participant: null,
          classCode: null,
          submissionId: null,
          createdAt: null,
          graph: null,
        },
      };
    }
    if (version !== RESULT_VERSION) {
      return fail(typeof version === 'number' && version > RESULT_VERSION ? `This result was made by a newer Convas (version ${version}); this board reads versions 1 and 2.` : 'This result has no valid "version" (1 or 2).');
    }
    const v2 = v2Schema.safeParse(raw, { error: issuePhrase });
    if (!v2.success) return fail(`This result is not valid: ${describeIssues(v2.error.issues, raw)}.`);
    const d = v2.data;
    let participant = d.participant;
    if (participant) {
      const nickname = normaliseNickname(participant.nickname);
      const problem = nicknameProblem(nickname);
      if (problem) return fail(`participant.nickname: ${problem}`);
      participant = { ...participant, nickname };
    }
    let graph: GraphDocument | null = null;
    if (d.graph !== undefined && d.graph !== null) {
      const parsed = parseDocument(d.graph, { warnDefaultedTraining: false });
      if (!parsed.ok) return fail(`This result's graph cannot be loaded: ${parsed.error}`);
      graph = parsed.doc;
    }
    // Settings are the trained graph's own (checked by the document schema) when the graph came along.
    const run = d.run ? { ...d.run, settings: graph ? { ...graph.training } : (d.run.settings as TrainingSettings | null) } : null;
    return { ok: true, result: { ...d, version: 2, participant, run, graph } };
  } catch (e) {
    return fail(`Could not read this result: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The result as JSON text (the graph compacted the way share links compact it). */
export function resultToJson(result: ResultDocument): Record<string, unknown> {
  return { ...result, graph: result.graph ? documentToJson(result.graph, { omitDefaultTraining: false }) : null };
}
