/**
 * The graph core's public API in one place: types, the task table, the node catalog, shape inference,
 * validation and its messages, templates, documents and share links, the pure edits (graph/edit) and the
 * lesson-lock rule. Pure TypeScript (no React, tfjs or DOM), so the editor, the engine, the CLI and tests
 * all import from here or from the modules directly.
 */
export * from './types';
export * from './tasks';
export {
  ACTIVATIONS,
  CATALOG,
  FUSED_ACTIVATIONS,
  catalogEntry,
  checkParams,
  convLength,
  deconvLength,
  defaultParams,
  effectiveKernel,
  inputParamsForTask,
  poolStride,
  withDefaults,
} from './catalog';
export type { ActivationName } from './catalog';
export type { CatalogEntry, FieldStep, InferContext, InferResult, ParamCounts, ParamSpec, ShapeError } from './catalog/types';
export * from './issues';
export * from './shapes';
export * from './validate';
export * from './templates';
export * from './document';
export * from './ids';
export * from './edit';
export * from './lessonLocks';
