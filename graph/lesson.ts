import * as z from 'zod';
import {
  DATA_LIMITS,
  describeIssues,
  documentToJson,
  extractLinkData,
  fragmentUrl,
  issuePhrase,
  packLinkData,
  parseDocument,
  SHARE_LINK_LIMITS,
  unpackLinkData,
} from './document';
import { CLASS_CODE } from './results/nickname';
import type { GraphDocument } from './types';

/**
 * Lessons: a facilitator's prepared exercise. A starting document plus which controls participants may
 * change, which are hidden, and a goal to reach. Carried in a link like a share link (`#lesson=l1.<data>`,
 * same zlib + base64url codec), so a room of offline laptops needs nothing but the URL.
 */

/** Metrics a goal can be set on (the names the training panel reports). */
export const GOAL_METRICS = ['balancedAccuracy', 'accuracy', 'meanDice', 'valLoss'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** What a participant should reach: e.g. balanced accuracy >= 0.4 on the validation split. */
export interface LessonGoal {
  metric: GoalMetric;
  op: '>=' | '<=';
  value: number;
  split: 'validation' | 'test';
}

/**
 * What a participant may change. `editable` keys are `training.<field>` (e.g. `training.learningRate`) or
 * `<NodeType>.<param>` (e.g. `Conv2D.filters`); everything not listed is locked. `hidden` names panels
 * and controls that are not rendered at all (e.g. `palette`, `export`, `settings.optimizer`).
 */
export interface LessonLocks {
  editable: string[];
  hidden: string[];
  allowStructureEdits: boolean;
}

/** A lesson as its link and files carry it. */
export interface Lesson {
  format: 'convas-lesson';
  version: 1;
  title: string;
  /** Short text; blank lines separate paragraphs, lines starting with "- " are bullets. */
  instructions: string;
  document: GraphDocument;
  locks: LessonLocks;
  goal: LessonGoal;
  /**
   * How many images each participant's run generates at the start (results depend on it as much as on the
   * graph). A starting value, not a lock: a slow laptop may lower it. Absent: the participant's own setting.
   */
  dataSize?: number;
  /**
   * The class this lesson belongs to, when it was made on a server that collects results (`npm run serve --
   * --collect`): finished runs are then sent to that server's class board. Absent: nothing is sent.
   */
  classCode?: string;
}

/** Tag of the lesson link encoding. */
export const LESSON_LINK_TAG = 'l1.';
/** The URL-fragment key a lesson's data goes under. */
export const LESSON_LINK_KEY = 'lesson';

const LOCK_KEY = /^(training\.[A-Za-z]+|[A-Z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9_]*)$/;
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Schema of everything in a lesson but its document (which goes through parseDocument). */
const lessonShellSchema = z.object({
  format: z.literal('convas-lesson', { error: 'must be "convas-lesson"' }),
  version: z.literal(1, { error: 'must be 1 (this Convas reads lesson version 1)' }),
  title: z.string().trim().min(1, { error: 'must not be empty' }).max(120),
  instructions: z.string().max(4000).default(''),
  document: z.unknown(),
  locks: z.object({
    editable: z
      .array(z.string().regex(LOCK_KEY, { error: 'must look like "training.learningRate" or "Conv2D.filters"' }))
      .max(200)
      .default([]),
    hidden: z.array(z.string().regex(CONTROL_ID, { error: 'must be a control id like "palette"' })).max(200).default([]),
    allowStructureEdits: z.boolean().default(false),
  }),
  goal: z.object({
    metric: z.enum(GOAL_METRICS),
    op: z.enum(['>=', '<=']),
    value: z.number().refine(Number.isFinite, { error: 'must be a finite number' }),
    split: z.enum(['validation', 'test']).default('validation'),
  }),
  dataSize: z.number().int().min(DATA_LIMITS.minImages).max(DATA_LIMITS.maxImages).optional(),
  classCode: z.string().regex(CLASS_CODE, { error: 'must be 3 to 32 lower-case letters, digits or hyphens' }).optional(),
});

/** Loading a lesson: the lesson, or why it cannot be opened. */
export type LessonResult = { ok: true; lesson: Lesson; warnings: string[] } | { ok: false; error: string };

/** Checks a parsed JSON value as a lesson. Never throws; errors name the field ("goal.op must be ..."). */
export function parseLesson(raw: unknown): LessonResult {
  // The documents' error map, so lesson errors read as plain phrases ("goal.op must be \">=\" or ..."), not zod's wording.
  const shell = lessonShellSchema.safeParse(raw, { error: issuePhrase });
  if (!shell.success) return { ok: false, error: `This lesson is not valid: ${describeIssues(shell.error.issues, raw)}.` };
  const doc = parseDocument(shell.data.document, { warnDefaultedTraining: false });
  if (!doc.ok) return { ok: false, error: `This lesson's graph cannot be loaded: ${doc.error}` };
  const { format, version, title, instructions, locks, goal, dataSize, classCode } = shell.data;
  const lesson: Lesson = {
    format,
    version,
    title,
    instructions,
    locks,
    goal,
    document: doc.doc,
    ...(dataSize === undefined ? {} : { dataSize }),
    ...(classCode === undefined ? {} : { classCode }),
  };
  return { ok: true, lesson, warnings: doc.warnings };
}

/** The lesson as plain JSON (document compacted the way share links compact it). */
export function lessonToJson(lesson: Lesson): Record<string, unknown> {
  return { ...lesson, document: documentToJson(lesson.document, { omitDefaultTraining: true }) };
}

/** Encodes a lesson as link data: `l1.` followed by base64url characters. */
export function encodeLessonLink(lesson: Lesson): string {
  return packLinkData(LESSON_LINK_TAG, JSON.stringify(lessonToJson(lesson)));
}

/** `pageUrl` (any fragment dropped) with the lesson as its `#lesson=` fragment. */
export function lessonUrl(pageUrl: string, lesson: Lesson): string {
  return fragmentUrl(pageUrl, LESSON_LINK_KEY, encodeLessonLink(lesson));
}

/** True when a location hash carries a lesson (`#lesson=l1...` or the bare `#l1...`). */
export function isLessonHash(hash: string): boolean {
  return new RegExp(`(^#?|[#&])${LESSON_LINK_KEY}=`).test(hash) || /^#l\d+\./.test(hash);
}

/**
 * Opens the lesson in a link: the bare data, `#l1...`, `#lesson=l1...` or a whole URL. Never throws;
 * a bad link gives `{ok: false, error}` saying what is wrong with it.
 */
export function decodeLessonLink(fragment: string): LessonResult {
  const data = extractLinkData(fragment, LESSON_LINK_KEY);
  if (data === '') return { ok: false, error: 'This lesson link holds no lesson.' };
  if (data.length > SHARE_LINK_LIMITS.maxChars) return { ok: false, error: 'This lesson link is too long to be a Convas lesson.' };
  const tag = /^l(\d+)\./.exec(data);
  if (tag === null) return { ok: false, error: `This is not a Convas lesson link: its data should start with "${LESSON_LINK_TAG}".` };
  if (`${tag[0]}` !== LESSON_LINK_TAG) {
    return {
      ok: false,
      error: `This lesson link was made by a newer Convas (lesson link format ${tag[1]}); this app reads format 1.`,
    };
  }
  const unpacked = unpackLinkData(data.slice(tag[0].length), SHARE_LINK_LIMITS.maxInflatedBytes);
  if (!unpacked.ok && (unpacked.reason === 'length' || unpacked.reason === 'character')) {
    return { ok: false, error: 'This lesson link is damaged (it has characters or a length a link cannot have). Copy the whole link again.' };
  }
  if (!unpacked.ok) return { ok: false, error: 'This lesson link is damaged: its data cannot be unpacked. Copy the whole link again.' };
  let raw: unknown;
  try {
    raw = JSON.parse(unpacked.text);
  } catch {
    return { ok: false, error: 'This lesson link is damaged: its data is not a lesson.' };
  }
  return parseLesson(raw);
}

/** Whether `value` meets the goal. NaN never does. */
export function goalReached(goal: LessonGoal, value: number | null | undefined): boolean {
  if (value === null || value === undefined || Number.isNaN(value)) return false;
  return goal.op === '>=' ? value >= goal.value : value <= goal.value;
}

/** The better of two metric values for this goal (higher for `>=`, lower for `<=`), ignoring missing ones. */
export function betterValue(goal: LessonGoal, a: number | null, b: number | null): number | null {
  if (a === null || Number.isNaN(a)) return b === null || Number.isNaN(b) ? null : b;
  if (b === null || Number.isNaN(b)) return a;
  return goal.op === '>=' ? Math.max(a, b) : Math.min(a, b);
}

/** Human label of a goal metric. */
export const GOAL_METRIC_LABELS = {
  balancedAccuracy: 'balanced accuracy',
  accuracy: 'accuracy',
  meanDice: 'mean Dice',
  valLoss: 'validation loss',
} as const satisfies Record<GoalMetric, string>;

/** The goal in words, e.g. "balanced accuracy ≥ 0.40 on validation". */
export function describeGoal(goal: LessonGoal): string {
  return `${GOAL_METRIC_LABELS[goal.metric]} ${goal.op === '>=' ? '≥' : '≤'} ${goal.value.toFixed(2)} on ${goal.split}`;
}
