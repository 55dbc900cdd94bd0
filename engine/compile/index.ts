/**
 * Graph -> tfjs: the compiler, the heads' losses and the optimisers.
 */
export { compileGraph, type CompiledGraph, type CompileFailure, type CompileOptions, type CompileResult } from './compile';
export { LAYER_BUILDERS, type BuildArgs, type LayerBuilder } from './builders';
export { headFor, type HeadSpec } from './head';
export {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  DICE_SMOOTH,
  EPSILON,
  lossFor,
  softDiceLoss,
  type HeadLoss,
  type LossFn,
} from './losses';
export { layerNames, sanitizeLayerName } from './names';
export { createOptimizer, inverseFrequencyWeights } from './optimizer';
