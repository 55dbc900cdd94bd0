import type { GraphDocument, Params, TrainingSettings } from '../types';
import { DEFAULT_TRAINING, DOCUMENT_LIMITS } from './defaults';

/** Training fields in the order files list them. */
export const TRAINING_KEYS = Object.keys(DEFAULT_TRAINING) as (keyof TrainingSettings)[];

/** Options of {@link documentToJson}. */
export interface ToJsonOptions {
  /** Leave out training fields equal to DEFAULT_TRAINING (share links: loading fills them back). */
  omitDefaultTraining?: boolean;
}

function sortedParams(params: Params): Params {
  const out: Params = {};
  for (const key of Object.keys(params).sort()) out[key] = params[key];
  return out;
}

/**
 * The document as a plain object with a fixed key order (format, version, name, task, training, nodes,
 * edges; params sorted by name), keeping only the fields a GraphDocument defines. So equal documents
 * give equal text, whatever order their objects were built in, and diffs of saved files stay small.
 */
export function documentToJson(doc: GraphDocument, options: ToJsonOptions = {}): Record<string, unknown> {
  const training: Partial<TrainingSettings> = {};
  for (const key of TRAINING_KEYS) {
    if (options.omitDefaultTraining && doc.training[key] === DEFAULT_TRAINING[key]) continue;
    (training as Record<string, unknown>)[key] = doc.training[key];
  }
  return {
    format: doc.format,
    version: doc.version,
    ...(doc.name === undefined ? {} : { name: doc.name }),
    task: { id: doc.task.id, ...(doc.task.maskMode === undefined ? {} : { maskMode: doc.task.maskMode }) },
    training,
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      name: n.name,
      params: sortedParams(n.params),
      position: { x: n.position.x, y: n.position.y },
      // Written only when set, so documents without frozen nodes stay as they were.
      ...(n.frozen ? { frozen: true } : {}),
    })),
    edges: doc.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/**
 * The text of a document for files and the clipboard: pretty JSON (2-space indent, trailing newline)
 * with a stable key order. `parseDocument(serializeDocument(doc))` gives back an equal document.
 * Expects a valid document (non-finite positions, for one, would turn into null and fail to load).
 */
export function serializeDocument(doc: GraphDocument): string {
  return `${JSON.stringify(documentToJson(doc), null, 2)}\n`;
}

const FORMAT_FIELD = /"format"\s*:\s*"convas-graph"/;

/**
 * A cheap test for paste handling: does this clipboard text look like a Convas document (a JSON object
 * declaring `"format": "convas-graph"`, within the size limit)? True does not mean it is valid: the
 * paste still goes through parseDocument, which explains what is wrong.
 */
export function isLikelyDocumentText(text: string): boolean {
  if (text.length > DOCUMENT_LIMITS.maxChars) return false;
  const start = text.search(/\S/);
  return start !== -1 && text[start] === '{' && FORMAT_FIELD.test(text);
}

/** True when two documents hold the same graph, task and settings (titles and node positions aside). */
export function sameDocument(a: GraphDocument, b: GraphDocument): boolean {
  const strip = (d: GraphDocument) => {
    const json = documentToJson({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
    return JSON.stringify({ ...json, name: undefined });
  };
  return strip(a) === strip(b);
}
