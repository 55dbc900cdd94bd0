/**
 * Graph documents: what files, autosave, the clipboard and share links carry (DESIGN.md section 4).
 * `{format: 'convas-graph', version, name?, nodes, edges, task, training}`, loaded with
 * {@link parseDocument} (size limit, JSON, version check, migrations, zod schema; never throws) and
 * written with {@link serializeDocument}. Share links live in ./shareLink.ts, migrations in ./migrations.ts.
 *
 * @example
 * const text = serializeDocument(createDocument(graph, { id: 'skin-lesions' }));
 * const back = parseDocument(text); // { ok: true, doc, warnings: [] }
 */
export { CURRENT_VERSION } from './migrations';
export { DEFAULT_TRAINING, DOCUMENT_LIMITS, createDocument } from './document/defaults';
export { DATA_LIMITS, TRAINING_LIMITS, type NumberRange, rangeError } from './document/limits';
export { graphDocumentSchema, graphEdgeSchema, graphNodeSchema, taskRefSchema, trainingSchema } from './document/schema';
export { parseDocument, type ParseOptions, type ParseResult } from './document/parse';
export { TRAINING_KEYS, documentToJson, isLikelyDocumentText, serializeDocument } from './document/serialize';
export { describeJsonError, locateJsonError, type JsonErrorAt } from './document/jsonError';
