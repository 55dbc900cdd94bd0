import { DECODE_BUDGET } from '../datasets/import/budget';

const MiB = 1024 * 1024;

/**
 * What one imported model may cost, on top of the dataset importers' DECODE_BUDGET (which bounds every single
 * file and .zip entry read through a FileSource): checked from headers and manifests before the memory is spent.
 */
export const MODEL_BUDGET = Object.freeze({
  /** Bytes of one model file (model.json, a shard, an .onnx, an .h5): the decode budget's per-file limit. */
  maxFileBytes: DECODE_BUDGET.maxFileBytes,
  /** Weight values of one model, all layers together (100 M float32 = 400 MB): what a browser tab can train. */
  maxParameters: 100_000_000,
  /** Characters of a JSON model description (model.json topology, config.json, model.to_json()). */
  maxJsonChars: 64 * MiB,
  /** Weight shards a tfjs manifest may list. */
  maxShards: 4096,
  /** Nodes of an ONNX graph and entries of an HDF5 group walked before giving up. */
  maxGraphNodes: 20_000,
});

/** The error text for a model whose weights hold more values than the budget; null when within it. */
export function parameterBudgetError(count: number): string | null {
  if (count <= MODEL_BUDGET.maxParameters) return null;
  return `The model has ${(count / 1e6).toFixed(1)} million weight values; Convas imports at most ${MODEL_BUDGET.maxParameters / 1e6} million (a model that big would not train in a browser tab).`;
}
