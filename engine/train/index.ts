/**
 * The training loop and its parts. Runs in Node and in the web worker (engine/worker).
 */
export { train, type TrainCallbacks, type TrainResult, type TrainSpec } from './train';
export { TrainControl, yieldToEventLoop, type ControlState } from './control';
export { batchTensors, fitDataset, generateFor, isDataSpec, type DataSpec } from './data';
export { divergenceMessage, RisingLossWatch, suggestedLearningRate } from './divergence';
export { evaluate, PassAccumulator, pickSamples, type EvalContext } from './evaluate';
export { predict, predictWithLogits, trainableVariables, trainStep, type StepOptions, type StepResult } from './step';
export type * from './events';
export { measureThroughput, randomBatch, timeSteps, type ThroughputOptions, type ThroughputResult } from './throughput';
