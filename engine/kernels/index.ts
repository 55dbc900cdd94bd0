/**
 * Kernels and gradients that let Convas train on tfjs' wasm backend (and fix two stock gradients).
 * Call {@link registerTrainingKernels} (or the backend's `initBackend`) before training.
 */
export { registerTrainingKernels, registerWasmTrainingKernels, registerCpuKernelFixes, WASM_TRAINING_KERNELS, WASM_WRAPPED_KERNELS, CPU_KERNEL_FIXES } from './register';
export { registerConvGradients, dilateFilter } from './conv2dGradient';
export { conv2dBiasRelu, fusedConvReluAvailable, setConvReluFusion, CONV_BIAS_RELU_KERNEL, RELU_GRAD_KERNEL, RELU_GRAD_SUM_KERNEL } from './fusedConvRelu';
export { batchNormTrain, batchNormTrainAvailable, setBatchNormFusion, BATCH_NORM_TRAIN_KERNEL, BATCH_NORM_GRAD_KERNEL } from './batchNorm';
