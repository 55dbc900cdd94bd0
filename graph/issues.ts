import { SHAPE_ERROR_CODES, type ShapeErrorCode } from './catalog/shared';
import type { NodeType, Params, ParamValue } from './types';

/**
 * Every problem Convas reports about a graph, in one map (DESIGN.md section 3): code -> severity, a message
 * that says what is wrong with the numbers and how to fix it, and where possible a fix the editor applies in
 * one click. Shape inference and validation only produce codes and numbers; the words live here.
 */

/** Codes found by looking at the graph as a whole (validate.ts) or before a node's shape is inferred (shapes.ts). */
export const GRAPH_ISSUE_CODES = [
  'cycle',
  'no-input',
  'multiple-inputs',
  'no-output',
  'multiple-outputs',
  'not-connected',
  'edge-missing-node',
  'edge-from-output',
  'duplicate-node-id',
  'unknown-type',
  'unknown-task',
  'head-task-mismatch',
  'input-channels-mismatch',
  'input-size-range',
  'wrong-input-count',
  'param-out-of-range',
  'param-wrong-kind',
  'kernel-too-large',
  'too-many-params',
] as const;

/** Every issue code: the catalog's shape errors and the graph-level ones. */
export type IssueCode = ShapeErrorCode | (typeof GRAPH_ISSUE_CODES)[number];

/** All codes, for tests and docs. */
export const ISSUE_CODES: readonly IssueCode[] = [...SHAPE_ERROR_CODES, ...GRAPH_ISSUE_CODES];

/** 'error': the model cannot be built or trained; 'warning': it can, but probably not as meant. */
export type Severity = 'error' | 'warning';

/** The numbers and names a message quotes. */
export type IssueParams = Record<string, number | string>;

/**
 * A one-click repair. It acts on the issue's node: `insert-before` puts a new node between it and its input,
 * `set-param` changes one of its params, `remove-node` deletes it. `remove-edge` and `add-node` name their target.
 */
export type IssueFix =
  | { kind: 'insert-before'; nodeType: NodeType; params?: Params; label: string }
  | { kind: 'set-param'; param: string; value: ParamValue; label: string }
  | { kind: 'remove-node'; label: string }
  | { kind: 'remove-edge'; edgeId: string; label: string }
  | { kind: 'add-node'; nodeType: NodeType; label: string };

/** One reported problem. `nodeId` is null for problems of the whole graph (no Input, too many params...). */
export interface GraphIssue {
  nodeId: string | null;
  code: IssueCode;
  severity: Severity;
  message: string;
  fix?: IssueFix;
}

interface IssueSpec {
  severity: Severity;
  message: (p: IssueParams) => string;
  fix?: (p: IssueParams) => IssueFix | undefined;
}

const num = (p: IssueParams, key: string): number => Number(p[key]);
const str = (p: IssueParams, key: string): string => String(p[key]);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "a 64x64x3 image" but "an 8x8x4 image" / "an 11x11x1 image". */
const article = (p: IssueParams, key: string): string => (/^(8|11|18)/.test(str(p, key)) ? 'an' : 'a');

/** 12345678 -> "12,345,678" (no locale data needed). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function window(p: IssueParams): string {
  const k = num(p, 'kernel');
  const d = num(p, 'dilation');
  return `${str(p, 'what')} ${k}x${k}${d > 1 ? ` with dilation ${d}` : ''}`;
}

function inputsWanted(min: number, max: number): string {
  if (max === 0) return 'no inputs';
  if (min === max) return `exactly ${plural(min, 'input')}`;
  return max === Infinity || max > 1e9 ? `at least ${plural(min, 'input')}` : `${min} to ${max} inputs`;
}

/** What restores a segmentation head's size, as a sentence and maybe a fix. */
function segRemedy(p: IssueParams): { text: string; fix?: IssueFix } {
  const [h, w, ih, iw] = [num(p, 'height'), num(p, 'width'), num(p, 'inputHeight'), num(p, 'inputWidth')];
  if (h < ih && ih % h === 0 && iw % w === 0 && ih / h === iw / w) {
    const f = ih / h;
    return {
      text: `It is ${f} times too small: add UpSampling2D with size ${f} (or a Conv2DTranspose with stride ${f}) before the Output.`,
      fix: { kind: 'insert-before', nodeType: 'UpSampling2D', params: { size: f, interpolation: 'nearest' }, label: `Insert UpSampling2D x${f}` },
    };
  }
  if (h < ih && ih - h === iw - w && (ih - h) % 2 === 0) {
    const pad = (ih - h) / 2;
    return {
      text: `It is ${ih - h} pixels short in each direction, as 'valid' convolutions shrink the image: use padding 'same' in them, or insert ZeroPadding2D with padding ${pad}.`,
      fix: { kind: 'insert-before', nodeType: 'ZeroPadding2D', params: { padding: pad }, label: `Insert ZeroPadding2D ${pad}` },
    };
  }
  if (h > ih && h % ih === 0 && w % iw === 0 && h / ih === w / iw) {
    return { text: `It is ${h / ih} times too large: remove an upsampling step or add a pooling layer with pool size ${h / ih}.` };
  }
  return {
    text:
      `It is ${Math.abs(ih - h)} pixels ${h < ih ? 'short' : 'too tall'} and ${Math.abs(iw - w)} ${w < iw ? 'short' : 'too wide'}: ` +
      "use padding 'same' everywhere and undo each downsampling with an upsampling of the same factor.",
  };
}

/** The one map: code -> severity, message and fix. */
export const ISSUES = {
  // Shape errors returned by catalog entries.
  'needs-image': {
    severity: 'error',
    message: (p) =>
      `${str(p, 'type')} works on images (height x width x channels), but its input is a flat list of ${str(p, 'got')} numbers. ` +
      'Move it before the Flatten, global pooling or Dense layer.',
  },
  'dense-on-image': {
    severity: 'error',
    message: (p) =>
      `Dense needs a flat list of numbers, but its input is ${article(p, 'height')} ${num(p, 'height')}x${num(p, 'width')}x${num(p, 'channels')} image. ` +
      `Insert Flatten (${formatCount(num(p, 'height') * num(p, 'width') * num(p, 'channels'))} numbers) or ` +
      `GlobalAveragePooling2D (${num(p, 'channels')} numbers, far fewer weights) before it.`,
    fix: () => ({ kind: 'insert-before', nodeType: 'Flatten', label: 'Insert Flatten' }),
  },
  'stride-with-dilation': {
    severity: 'error',
    message: (p) =>
      `tfjs cannot combine stride ${num(p, 'strides')} with dilation ${num(p, 'dilation')} in one convolution. ` +
      'Set the dilation (or the stride) to 1; a pooling layer can do the downsampling instead.',
    fix: () => ({ kind: 'set-param', param: 'dilationRate', value: 1, label: 'Set dilation to 1' }),
  },
  'shape-zero': {
    severity: 'error',
    message: (p) =>
      `${window(p)} needs at least ${num(p, 'effective')} pixels; this input is ${num(p, 'height')}x${num(p, 'width')}, ` +
      `so nothing would be left. Use padding 'same' or a smaller ${str(p, 'what').toLowerCase()}.`,
    fix: () => ({ kind: 'set-param', param: 'padding', value: 'same', label: "Use padding 'same'" }),
  },
  'add-shape-mismatch': {
    severity: 'error',
    message: (p) =>
      `Add needs inputs of exactly the same shape, but input 1 is ${str(p, 'first')} and input ${num(p, 'index')} is ${str(p, 'other')}. ` +
      'Match the channels (a 1x1 Conv2D on the shortcut) and the sizes (the same strides and padding on both branches).',
  },
  'concat-size-mismatch': {
    severity: 'error',
    message: (p) =>
      `Concatenate stacks channels, so height and width must match, but input 1 is ${num(p, 'height')}x${num(p, 'width')} ` +
      `and input ${num(p, 'index')} is ${num(p, 'otherHeight')}x${num(p, 'otherWidth')} ` +
      `(the height differs by ${Math.abs(num(p, 'height') - num(p, 'otherHeight'))}, the width by ${Math.abs(num(p, 'width') - num(p, 'otherWidth'))}). ` +
      "Use padding 'same' in both branches and the same number of down- and upsampling steps.",
  },
  'merge-rank-mismatch': {
    severity: 'error',
    message: (p) =>
      `${str(p, 'type')} cannot join an image and a flat list: input 1 is ${str(p, 'first')} and input ${num(p, 'index')} is ${str(p, 'other')}. ` +
      'Join the branches before flattening, or flatten (or globally pool) both.',
  },
  'head-on-image': {
    severity: 'error',
    message: (p) =>
      `A classification head needs one list of numbers per image, but its input is ${article(p, 'height')} ${num(p, 'height')}x${num(p, 'width')}x${num(p, 'channels')} image. ` +
      `Insert GlobalAveragePooling2D (${num(p, 'channels')} numbers) or Flatten before the Output.`,
    fix: () => ({ kind: 'insert-before', nodeType: 'GlobalAveragePooling2D', label: 'Insert GlobalAveragePooling2D' }),
  },
  'head-size-mismatch': {
    severity: 'error',
    message: (p) =>
      `With projection off, the layer before the Output must give exactly ${num(p, 'need')} values per ${str(p, 'per')} ` +
      `(one per class), but it gives ${num(p, 'got')}. Set it to ${num(p, 'need')} ${str(p, 'per') === 'pixel' ? 'filters' : 'units'} or turn projection on.`,
    fix: () => ({ kind: 'set-param', param: 'projection', value: true, label: 'Turn projection on' }),
  },
  'seg-head-on-vector': {
    severity: 'error',
    message: (p) =>
      `A segmentation head draws a mask the size of the image, but its input is a flat list of ${str(p, 'got')} numbers. ` +
      'Remove the Flatten, Dense or global pooling layer before the Output.',
  },
  'seg-size-mismatch': {
    severity: 'error',
    message: (p) =>
      `The mask must be ${num(p, 'inputHeight')}x${num(p, 'inputWidth')} like the input image, but the head gets ` +
      `${num(p, 'height')}x${num(p, 'width')}. ${segRemedy(p).text}`,
    fix: (p) => segRemedy(p).fix,
  },

  // Graph-level problems.
  cycle: {
    severity: 'error',
    message: (p) =>
      `${plural(num(p, 'count'), 'layer')} form a loop (${str(p, 'names')}); data must flow one way from Input to Output. ` +
      'Delete the edge that leads back.',
  },
  'no-input': {
    severity: 'error',
    message: () => "The graph has no Input node. Add one from the palette; it takes the task's image size.",
    fix: () => ({ kind: 'add-node', nodeType: 'Input', label: 'Add an Input' }),
  },
  'multiple-inputs': {
    severity: 'error',
    message: (p) => `The graph has ${num(p, 'count')} Input nodes, but the task feeds one image. Delete all but one.`,
    fix: () => ({ kind: 'remove-node', label: 'Delete this Input' }),
  },
  'no-output': {
    severity: 'error',
    message: () => 'The graph has no Output node, so there is nothing to train. Add an Output after the last layer.',
    fix: () => ({ kind: 'add-node', nodeType: 'Output', label: 'Add an Output' }),
  },
  'multiple-outputs': {
    severity: 'error',
    message: (p) => `The graph has ${num(p, 'count')} Output nodes; a model has one task head. Delete all but one.`,
    fix: () => ({ kind: 'remove-node', label: 'Delete this Output' }),
  },
  'not-connected': {
    severity: 'warning',
    message: (p) =>
      `"${str(p, 'name')}" is not on a path from Input to Output, so it is not part of the model. Connect it or delete it.`,
    fix: () => ({ kind: 'remove-node', label: 'Delete it' }),
  },
  'edge-missing-node': {
    severity: 'error',
    message: (p) => `Edge "${str(p, 'edge')}" connects to node "${str(p, 'missing')}", which does not exist. Delete the edge.`,
    fix: (p) => ({ kind: 'remove-edge', edgeId: str(p, 'edge'), label: 'Delete the edge' }),
  },
  'edge-from-output': {
    severity: 'error',
    message: (p) =>
      `The Output is the end of the network and has nothing to pass on, but an edge leads from it to "${str(p, 'target')}". Delete that edge.`,
    fix: (p) => ({ kind: 'remove-edge', edgeId: str(p, 'edge'), label: 'Delete the edge' }),
  },
  'duplicate-node-id': {
    severity: 'error',
    message: (p) => `${num(p, 'count')} nodes share the id "${str(p, 'id')}"; ids must be unique. Delete the copies.`,
  },
  'unknown-type': {
    severity: 'error',
    message: (p) => `"${str(p, 'type')}" is not a layer type Convas knows. Delete this node and use one from the palette.`,
    fix: () => ({ kind: 'remove-node', label: 'Delete it' }),
  },
  'unknown-task': {
    severity: 'error',
    message: (p) => `The task "${str(p, 'task')}" is unknown, so the number of classes is unknown. Choose a task.`,
  },
  'head-task-mismatch': {
    severity: 'error',
    message: (p) =>
      `The Output head is set to ${str(p, 'head')}, but the task "${str(p, 'task')}" is ${str(p, 'kind')}. Set the head to ${str(p, 'kind')}.`,
    fix: (p) => ({ kind: 'set-param', param: 'head', value: str(p, 'kind'), label: `Set head to ${str(p, 'kind')}` }),
  },
  'input-channels-mismatch': {
    severity: 'warning',
    message: (p) =>
      `Input has ${plural(num(p, 'channels'), 'channel')} but the task's images have ${num(p, 'taskChannels')}; ` +
      `they will be converted, losing or repeating information. Set channels to ${num(p, 'taskChannels')}.`,
    fix: (p) => ({ kind: 'set-param', param: 'channels', value: num(p, 'taskChannels'), label: `Set channels to ${num(p, 'taskChannels')}` }),
  },
  'input-size-range': {
    severity: 'warning',
    message: (p) =>
      `Input is ${num(p, 'height')}x${num(p, 'width')}, outside the ${num(p, 'min')} to ${num(p, 'max')} pixels this task supports. ` +
      'Choose a height and width in that range.',
  },
  'wrong-input-count': {
    severity: 'error',
    message: (p) =>
      `${str(p, 'type')} takes ${inputsWanted(num(p, 'min'), num(p, 'max'))} but has ${num(p, 'got')}. ` +
      (num(p, 'got') < num(p, 'min') ? 'Connect a layer into it.' : 'Delete the extra edges.'),
  },
  'param-out-of-range': {
    severity: 'error',
    message: (p) =>
      `${str(p, 'label')} is ${str(p, 'value')}; it must be between ${num(p, 'min')} and ${num(p, 'max')}. Set it to ${num(p, 'suggest')}.`,
    fix: (p) => ({ kind: 'set-param', param: str(p, 'param'), value: num(p, 'suggest'), label: `Set ${str(p, 'label')} to ${num(p, 'suggest')}` }),
  },
  'param-wrong-kind': {
    severity: 'error',
    message: (p) => `${str(p, 'label')} is ${str(p, 'value')} but must be ${str(p, 'expected')}. Set it to ${str(p, 'suggest')}.`,
    fix: (p) => {
      // IssueParams hold numbers and strings only, so a boolean suggestion travels as 'true'/'false'.
      const type = str(p, 'suggestType');
      const value = type === 'boolean' ? p.suggest === 'true' : type === 'number' ? num(p, 'suggest') : str(p, 'suggest');
      return { kind: 'set-param', param: str(p, 'param'), value, label: `Set ${str(p, 'label')} to ${str(p, 'suggest')}` };
    },
  },
  'kernel-too-large': {
    severity: 'warning',
    message: (p) =>
      `${window(p)}${num(p, 'dilation') > 1 ? ` covers ${num(p, 'effective')} pixels,` : ' is'} larger than its ${num(p, 'height')}x${num(p, 'width')} input; with padding 'same' ` +
      `most of each window is zero border. Use a smaller ${str(p, 'what').toLowerCase()} or downsample less before it.`,
  },
  'too-many-params': {
    severity: 'warning',
    message: (p) =>
      `The model has ${formatCount(num(p, 'params'))} parameters (over ${formatCount(num(p, 'limit'))}); training in a browser will be slow ` +
      'and may run out of memory. Use fewer filters or units, more downsampling, or GlobalAveragePooling2D instead of Flatten.',
  },
} satisfies Record<IssueCode, IssueSpec>;

/** True when a string is a known issue code. */
export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(ISSUES, code);
}

/**
 * Build the issue for a code and its numbers. Codes are typed (ShapeError.code is an IssueCode too), so every
 * code reaching here has its entry in ISSUES.
 */
export function makeIssue(code: IssueCode, nodeId: string | null, params: IssueParams): GraphIssue {
  const spec: IssueSpec = ISSUES[code];
  const issue: GraphIssue = { nodeId, code, severity: spec.severity, message: spec.message(params) };
  const fix = spec.fix?.(params);
  if (fix) issue.fix = fix;
  return issue;
}
