/**
 * Graph documents: what files, autosave, the clipboard and share links carry (DESIGN.md section 4).
 * `{format: 'convas-graph', version, name?, nodes, edges, task, training}`, loaded with
 * {@link parseDocument} (size limit, JSON, version check, migrations, zod schema; never throws) and
 * written with {@link serializeDocument}. Share links live in ./shareLink.ts, migrations in ./migrations.ts.
 *
 * This file is the room's only door: code outside graph/document/ imports from here, never from its modules.
 *
 * @example
 * const text = serializeDocument(createDocument(graph, { id: 'skin-lesions' }));
 * const back = parseDocument(text); // { ok: true, doc, warnings: [] }
 */
export { CURRENT_VERSION } from './migrations';
export { DEFAULT_DATA_SIZE, DEFAULT_TRAINING, DOCUMENT_LIMITS, createDocument } from './defaults';
export { DATA_LIMITS, TRAINING_LIMITS, type NumberRange, rangeError } from './limits';
export { graphDocumentSchema, graphEdgeSchema, graphNodeSchema, taskRefSchema, trainingSchema } from './schema';
export { parseDocument, type ParseOptions, type ParseResult } from './parse';
export { TRAINING_KEYS, documentToJson, isLikelyDocumentText, sameDocument, serializeDocument } from './serialize';
export { describeJsonError, locateJsonError, type JsonErrorAt } from './jsonError';
export { clipText, describeIssues, issuePhrase } from './messages';
export { extractLinkData, fragmentUrl, packLinkData, unpackLinkData, type UnpackResult } from './linkData';
export { SHARE_LINK_KEY, SHARE_LINK_LIMITS, SHARE_LINK_TAG, decodeShareLink, encodeShareLink, shareUrl } from './shareLink';
export { MIGRATIONS, migrate } from './migrations';
