import { uniqueName } from '../ids';
import { CURRENT_VERSION, isRecord, migrate } from './migrations';
import type { GraphDocument } from '../types';
import { DOCUMENT_LIMITS as L } from './defaults';
import { describeJsonError } from './jsonError';
import { describeIssues, issuePhrase, quoteValue } from './messages';
import { graphDocumentSchema } from './schema';
import { TRAINING_KEYS } from './serialize';

/** What loading a document gives: the document and notes for the user, or why it cannot be loaded. */
export type ParseResult = { ok: true; doc: GraphDocument; warnings: string[] } | { ok: false; error: string };

/** Options of {@link parseDocument}. */
export interface ParseOptions {
  /**
   * Warn when training fields are missing and defaulted (default true). Share links leave default
   * values out on purpose, so they turn this off.
   */
  warnDefaultedTraining?: boolean;
}

const fail = (error: string): ParseResult => ({ ok: false, error });

function megabytes(chars: number): string {
  return (chars / 1_000_000).toFixed(1);
}

/**
 * Loads a graph document from text (a file, the clipboard, a decoded share link) or from an already
 * parsed JSON value. In order: size limit (before any parsing), JSON syntax, format and version checks,
 * migrations from older versions, then the schema (graph/document/schema.ts). Never throws and never
 * mutates `input`; on failure the caller must leave its current graph untouched and show `error`.
 * Warnings (conversion from an old version, defaulted training fields, renamed duplicate node names)
 * are worth showing but do not stop the load.
 *
 * @example
 * const r = parseDocument(fileText);
 * if (r.ok) store.load(r.doc); else toast(r.error);
 */
export function parseDocument(input: string | unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnchecked(input, options.warnDefaultedTraining ?? true);
  } catch (e) {
    // Only exotic inputs get here (an object whose getters throw, a stack overflow); say so, do not crash.
    return fail(`Could not read this graph: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseUnchecked(input: unknown, warnDefaultedTraining: boolean): ParseResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (input.length > L.maxChars) {
      return fail(
        `This text is ${megabytes(input.length)} MB; Convas reads graph files of at most ${megabytes(L.maxChars)} MB, so it is not a Convas graph.`,
      );
    }
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return fail(describeJsonError(text, e instanceof Error ? e.message : String(e)));
    }
  }

  if (!isRecord(raw)) {
    return fail(`This is not a Convas graph: expected a JSON object with "format": "convas-graph", found ${quoteValue(raw)}.`);
  }
  if (raw.format === undefined) return fail('This is not a Convas graph: it has no "format": "convas-graph" field.');
  if (raw.format !== 'convas-graph') {
    return fail(`This is not a Convas graph: its format is ${quoteValue(raw.format)}, not "convas-graph".`);
  }
  const version = raw.version;
  if (version === undefined) return fail('This graph file has no "version" number, so Convas cannot tell how to read it.');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail(`This graph file's "version" must be a whole number of 0 or more (found ${quoteValue(version)}).`);
  }
  if (version > CURRENT_VERSION) {
    return fail(
      `This graph was made by a newer Convas (version ${version}); this app reads up to version ${CURRENT_VERSION}. Update Convas to open it.`,
    );
  }
  // Checked before migrations and zod, which would otherwise walk every element of a huge list first.
  for (const [key, max] of [['nodes', L.maxNodes], ['edges', L.maxEdges]] as const) {
    const list = raw[key];
    if (Array.isArray(list) && list.length > max) {
      return fail(`This graph has ${list.length} ${key}; Convas handles at most ${max}.`);
    }
  }

  const migrated = migrate(raw, version);
  if (!migrated.ok) return fail(migrated.error);
  const warnings = [...migrated.warnings];

  const parsed = graphDocumentSchema.safeParse(migrated.doc, { error: issuePhrase });
  if (!parsed.success) return fail(`This graph cannot be loaded: ${describeIssues(parsed.error.issues, migrated.doc)}.`);
  const doc: GraphDocument = parsed.data;

  if (warnDefaultedTraining) warnings.push(...defaultedTraining(migrated.doc.training));
  warnings.push(...renameDuplicateNames(doc));
  return { ok: true, doc, warnings };
}

/**
 * Training fields added to version 1 after files were written without them: a file that lacks one is not
 * incomplete, so it is filled from DEFAULT_TRAINING without a note.
 */
const LATER_TRAINING_KEYS: ReadonlySet<string> = new Set(['diceMode', 'schedule']);

/** Notes on training fields the file lacks (the schema filled them from DEFAULT_TRAINING). */
function defaultedTraining(training: unknown): string[] {
  if (training === undefined) return ['The file has no training settings; the defaults were used.'];
  if (!isRecord(training)) return [];
  const missing = TRAINING_KEYS.filter((k) => training[k] === undefined && !LATER_TRAINING_KEYS.has(k));
  return missing.length > 0 ? [`Training settings missing from the file were set to their defaults: ${missing.join(', ')}.`] : [];
}

/**
 * Node names must be unique (exporters use them as layer names). A hand-edited file may repeat one; rather
 * than refuse the whole graph, later duplicates get a fresh name. Mutates `doc`, which is the loader's own copy.
 */
function renameDuplicateNames(doc: GraphDocument): string[] {
  const taken = new Set(doc.nodes.map((n) => n.name));
  const seen = new Set<string>();
  const renamed: string[] = [];
  for (const node of doc.nodes) {
    if (seen.has(node.name)) {
      const name = uniqueName(node.name, taken);
      taken.add(name);
      renamed.push(`"${node.name}" -> "${name}" (node "${node.id}")`);
      node.name = name;
    }
    seen.add(node.name);
  }
  if (renamed.length === 0) return [];
  const shown = renamed.slice(0, 3).join(', ');
  const more = renamed.length > 3 ? ` and ${renamed.length - 3} more` : '';
  return [`Node names must be unique, so ${renamed.length === 1 ? 'a repeated name was' : 'repeated names were'} changed: ${shown}${more}.`];
}
