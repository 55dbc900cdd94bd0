/** Pure math of the learning explorers (components/learn): window geometry, sliding windows, kernels, activations. */
export * from './geometry';
export * from './slide';
export * from './compose';
export * from './activations';
export * from './sampleGrids';
