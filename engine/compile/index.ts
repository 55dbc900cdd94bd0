/**
 * Graph -> tfjs: the compiler, the heads' losses and the optimisers.
 */
export { compileGraph, type CompiledGraph, type CompileFailure, type CompileOptions, type CompileResult } from './compile';
export { LAYER_BUILDERS, type BuildArgs, type LayerBuilder } from './builders';
export { headFor, type HeadSpec } from './head';
export { headLogits, type HeadLogits, type HeadParts } from './logits';
export {
  DICE_SMOOTH,
  headActivation,
  lossFor,
  sigmoidCrossEntropy,
  softDiceLoss,
  softmaxCrossEntropy,
  type HeadLoss,
  type LossChoice,
  type LossFn,
} from './losses';
export { layerNames, sanitizeLayerName } from './names';
export { createOptimizer, disposeOptimizer, inverseFrequencyWeights } from './optimizer';
