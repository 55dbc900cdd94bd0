import type { Category, NodeType, Params, Shape } from '../types';
import type { IssueCode } from '../issues';

/**
 * How a catalog entry declares its parameters. The inspector builds its widgets from these, validation
 * checks bounds with them, documents fill defaults from them.
 */
export type ParamSpec =
  | { kind: 'int'; label: string; doc: string; default: number; min: number; max: number; step?: number }
  | { kind: 'float'; label: string; doc: string; default: number; min: number; max: number; step?: number }
  | { kind: 'enum'; label: string; doc: string; default: string; options: readonly string[] }
  | { kind: 'bool'; label: string; doc: string; default: boolean };

/** Context a node's shape inference may need beyond its inputs (the task decides the Output head). */
export interface InferContext {
  /** Classes the task's head must produce (segmentation binary: 1). */
  headClasses: number;
  taskKind: 'classification' | 'segmentation';
  /** The Input node's shape, `[null, H, W, C]`: segmentation heads must match its H and W. */
  inputShape: Shape | null;
}

/**
 * A user mistake found while inferring a shape. Never thrown: returned, and turned into a message by
 * graph/issues.ts from `code` and `params` (the numbers the message quotes).
 */
export interface ShapeError {
  ok: false;
  /** Typed, so every code a catalog entry returns has its message in graph/issues.ts. */
  code: IssueCode;
  params: Record<string, number | string>;
}

export type InferResult = { ok: true; shape: Shape } | ShapeError;

/** Trainable and non-trainable parameter counts (BatchNorm's moving mean/variance are non-trainable). */
export interface ParamCounts {
  trainable: number;
  nonTrainable: number;
}

/** How a node moves the receptive field: kernel k, stride s, dilation d (r_out = r_in + d(k-1) j_in; j_out = j_in s). */
export interface FieldStep {
  kernel: number;
  stride: number;
  dilation: number;
}

/** One node type, declared once; palette, inspector, shapes, validation, compiler and exporters read it. */
export interface CatalogEntry {
  type: NodeType;
  label: string;
  category: Category;
  /** 2-4 sentences for beginners: what it does and what each parameter means. */
  doc: string;
  /** How many incoming edges it accepts (Input: 0..0; Add/Concatenate: 2..Infinity). */
  inputs: { min: number; max: number };
  /** Output nodes have none. */
  hasOutput: boolean;
  params: Record<string, ParamSpec>;
  /** Output shape for the given input shapes (in edge order), or a ShapeError. Never throws. */
  inferShape(inputs: readonly Shape[], params: Params, ctx: InferContext): InferResult;
  /** Parameter counts given the input shapes and the inferred output shape. */
  paramCount(inputs: readonly Shape[], params: Params, output: Shape, ctx: InferContext): ParamCounts;
  /** Receptive-field step; undefined means the node leaves r and j unchanged (elementwise, merge, dense...). */
  fieldStep?(params: Params): FieldStep | undefined;
  /** Multiply-adds per image. */
  macs(inputs: readonly Shape[], params: Params, output: Shape, ctx: InferContext): number;
  /** Key params in short form for the node card, e.g. `32 @ 3x3 /2 same`. */
  summary(params: Params, ctx: InferContext): string;
}
