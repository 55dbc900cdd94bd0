/**
 * Backend choice and start-up: `chooseBackend(preference, browserProbes)` then `initBackend(choice.name)`.
 */
export { AUTO_ORDER, candidateOrder, chooseBackend, decideBackend } from './choose';
export type { BackendChoice, BackendProbes, ProbeResult, TriedBackend } from './choose';
export { browserProbes, isSoftwareRenderer, probeCpu, probeWasm, probeWebGl, probeWebGpu } from './probe';
export { activeBackend, initBackend, isNode, WASM_PATH } from './init';
