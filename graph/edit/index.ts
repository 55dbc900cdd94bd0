/**
 * Pure document edits: each takes a GraphDocument and returns a new one (unchanged nodes and edges shared).
 * The editor's store, the CLI and the benchmarks all edit graphs through these.
 */
export * from './arrange';
export * from './blocks';
export * from './chain';
export * from './edits';
export * from './fixAll';
export * from './fixes';
export * from './history';
export * from './navigate';
export * from './newDocument';
export * from './task';
