import { defaultNodeName, uniqueId, uniqueName } from '../ids';
import { NODE_TYPES, type NodeType } from '../types';

/**
 * Up-migrations of saved graph documents, one per version step (tldraw-style: each step takes the
 * previous version's JSON and returns the next one's). They run on raw JSON before the schema
 * validates anything, so each step must accept junk without throwing: it converts what it recognises
 * and leaves the rest for the schema to report.
 */

/** The document version this app writes. Bump it together with a new entry in MIGRATIONS. */
export const CURRENT_VERSION = 1;

/** A parsed JSON object of unknown shape. */
export type JsonObject = Record<string, unknown>;

/** One version step. */
export interface Migration {
  /** Version it reads; it produces `from + 1`. */
  from: number;
  /** For the log and the tests: what changed in this step. */
  what: string;
  /** Returns a new object (never mutates `doc`); may push user-facing notes to `warnings`. */
  up(doc: JsonObject, warnings: string[]): JsonObject;
}

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNodeType(v: unknown): v is NodeType {
  return typeof v === 'string' && (NODE_TYPES as readonly string[]).includes(v);
}

/**
 * Version 0, the first draft format (files saved before documents had edge ids):
 * ```json
 * { "format": "convas-graph", "version": 0, "title": "First CNN", "task": "skin-lesions",
 *   "nodes": [{ "id": "in", "type": "Input", "label": "image", "params": {}, "x": 0, "y": 0 }, ...],
 *   "edges": [{ "from": "in", "to": "c1" }, ...],
 *   "settings": { "epochs": 10, "lr": 0.01, "optimizer": "sgd" } }
 * ```
 * Version 1 renamed `title` to `name`, made `task` an object `{id}`, nested `x`/`y` in `position`,
 * renamed `label` to `name` (now required: unnamed nodes get Keras-style names from their type), gave
 * edges ids and named their ends `source`/`target`, and renamed `settings` to `training` (`lr` to
 * `learningRate`).
 */
const v0ToV1: Migration = {
  from: 0,
  what: 'title -> name, task id -> {id}, x/y -> position, label -> name, edges {from,to} -> {id,source,target}, settings -> training',
  up(doc, warnings) {
    const out: JsonObject = { format: doc.format, version: 1 };
    if (doc.title !== undefined) out.name = doc.title;
    out.task = typeof doc.task === 'string' ? { id: doc.task } : doc.task;

    if (Array.isArray(doc.nodes)) {
      const named = new Set<string>();
      for (const n of doc.nodes) if (isRecord(n) && typeof n.label === 'string') named.add(n.label);
      let unnamed = 0;
      out.nodes = doc.nodes.map((n: unknown) => {
        if (!isRecord(n)) return n;
        let name = n.label;
        if (name === undefined) {
          name = uniqueName(isNodeType(n.type) ? defaultNodeName(n.type) : 'node', named);
          named.add(name as string);
          unnamed++;
        }
        const position = n.x !== undefined || n.y !== undefined ? { x: n.x, y: n.y } : n.position;
        return { id: n.id, type: n.type, name, params: n.params ?? {}, position };
      });
      if (unnamed > 0) warnings.push(`${unnamed} node(s) had no name and were named after their type.`);
    } else {
      out.nodes = doc.nodes;
    }

    if (Array.isArray(doc.edges)) {
      const ids = new Set<string>();
      for (const e of doc.edges) if (isRecord(e) && typeof e.id === 'string') ids.add(e.id);
      out.edges = doc.edges.map((e: unknown) => {
        if (!isRecord(e)) return e;
        let id = e.id;
        if (id === undefined) {
          id = uniqueId('e', ids);
          ids.add(id as string);
        }
        return { id, source: e.from ?? e.source, target: e.to ?? e.target };
      });
    } else {
      out.edges = doc.edges;
    }

    const settings = doc.settings ?? doc.training;
    if (isRecord(settings)) {
      const { lr, ...rest } = settings;
      out.training = lr !== undefined && rest.learningRate === undefined ? { ...rest, learningRate: lr } : rest;
    } else if (settings !== undefined) {
      out.training = settings;
    }
    return out;
  },
};

/** Every step, in order: MIGRATIONS[v] turns version v into v + 1. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];

export type MigrateResult = { ok: true; doc: JsonObject; warnings: string[] } | { ok: false; error: string };

/**
 * Brings a raw document of version `from` (0 <= from <= CURRENT_VERSION) to CURRENT_VERSION.
 * A current document comes back as it is, with no warnings. Never throws.
 */
export function migrate(doc: JsonObject, from: number): MigrateResult {
  const warnings: string[] = [];
  let current = doc;
  for (let v = from; v < CURRENT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (step === undefined || step.from !== v) {
      return { ok: false, error: `Convas cannot convert graph files of version ${v}.` };
    }
    try {
      current = step.up(current, warnings);
    } catch (e) {
      // A step that meets input it did not foresee must not take the app down; report it instead.
      const why = e instanceof Error ? e.message : String(e);
      return { ok: false, error: `Could not convert this graph from version ${v} to ${v + 1}: ${why}` };
    }
  }
  if (from < CURRENT_VERSION) {
    warnings.unshift(
      `This graph was saved by an older Convas (file version ${from}) and has been converted to version ${CURRENT_VERSION}; saving it writes the new version.`,
    );
  }
  return { ok: true, doc: current, warnings };
}
