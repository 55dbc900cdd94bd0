/**
 * The graph as data: the types every part of Convas shares (catalog, shape inference, validation,
 * documents, editor store, compiler, exporters). Pure TypeScript: no React, no tfjs, no DOM.
 *
 * Layout conventions (DESIGN.md section 3): tensors are NHWC with the batch dimension `null`.
 * An image tensor's shape is `[null, height, width, channels]`; a vector's is `[null, units]`.
 */

/** Every node type, named after its Keras class. Consumers keyed by this union use `satisfies Record<NodeType, ...>`. */
export const NODE_TYPES = [
  'Input',
  'Conv2D',
  'Conv2DTranspose',
  'DepthwiseConv2D',
  'SeparableConv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'Flatten',
  'Dense',
  'Dropout',
  'BatchNormalization',
  'Activation',
  'LeakyReLU',
  'Add',
  'Concatenate',
  'UpSampling2D',
  'ZeroPadding2D',
  'Output',
] as const;

export type NodeType = (typeof NODE_TYPES)[number];

/** Palette groups, in palette order. */
export const CATEGORIES = [
  'io',
  'convolution',
  'activation',
  'pooling',
  'dense',
  'merge',
  'regularisation',
  'upsampling',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A parameter value as stored in a node. */
export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** A tensor shape, batch first and `null`: `[null, H, W, C]` or `[null, N]`. */
export type Shape = readonly (number | null)[];

/** Task ids known to the graph (the task catalogue in engine/datasets describes each in full). */
export type TaskKind = 'classification' | 'segmentation';

/** One node of the user's graph. `name` is the user's label, unique in the graph, shown on the card. */
export interface GraphNode {
  id: string;
  type: NodeType;
  name: string;
  params: Params;
  /** Canvas position in flow coordinates (pixels at zoom 1). */
  position: { x: number; y: number };
  /**
   * Frozen: training leaves this node's weights as they are (tfjs `trainable: false`, PyTorch
   * `requires_grad_(False)`, Keras `trainable=False`), e.g. the imported layers of a model being fine-tuned.
   * Absent means trainable (documents from before this field load unchanged).
   */
  frozen?: boolean;
}

/**
 * A directed edge carrying the source node's output tensor to the target node.
 * For multi-input nodes (Add, Concatenate) the inputs are ordered by the edges' order in `GraphDocument.edges`.
 */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

/** The graph proper: nodes and edges. */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Which bundled or imported task the graph is built for. */
export interface TaskRef {
  /** 'skin-lesions' | 'brain-mri-classify' | 'brain-mri-segment' | 'random-classify' | 'random-segment' | an import id. */
  id: string;
  /** Segmentation only: 'binary' (tumour vs background) or 'multiclass' (background + tumour types). */
  maskMode?: 'binary' | 'multiclass';
}

export type OptimizerName = 'adam' | 'sgd';
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type SegmentationLoss = 'bce' | 'dice' | 'bce+dice';

/**
 * How soft Dice is summed: over the whole batch (one Dice per class), or per image with images whose mask is
 * empty left out (engine/compile/losses.ts softDiceLoss).
 */
export type DiceMode = 'batch' | 'image';

/**
 * How the learning rate moves during a run. `constant`: the learning rate throughout. `cosine`: a linear
 * warm-up over the first epoch (at most a tenth of the run), then a cosine decay towards 0 at the last step
 * (engine/train/schedule.ts; Loshchilov & Hutter's SGDR without restarts, timm's and torchvision's recipes).
 */
export type LearningRateSchedule = 'constant' | 'cosine';

/** Hyper-parameters saved with the graph. */
export interface TrainingSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  /** SGD only. */
  momentum: number;
  /** Weight the loss by inverse class frequency (classification). */
  classWeights: boolean;
  augment: boolean;
  /** Fraction of the training split held out for validation, 0..0.5. */
  validationFraction: number;
  seed: number;
  backend: 'auto' | BackendName;
  segmentationLoss: SegmentationLoss;
  /** Form of the soft Dice term of the segmentation loss. */
  diceMode: DiceMode;
  /** How the learning rate changes over the run; `learningRate` is its peak. */
  schedule: LearningRateSchedule;
}

/** A saved graph: what files, autosave, share links and the clipboard carry. */
export interface GraphDocument extends Graph {
  format: 'convas-graph';
  version: number;
  /** A human title, e.g. "First CNN". */
  name?: string;
  task: TaskRef;
  training: TrainingSettings;
}
