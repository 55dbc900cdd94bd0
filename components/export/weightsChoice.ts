import type { GraphDocument } from '@/graph/types';
import { importedWeightsFor, weightNodeId, type ImportedWeights } from '../store/modelImportSlice';
import type { WeightsOffer } from './trainedWeights';

/**
 * Which weights go into an export: a finished run's (trained), the imported model's as they came from its
 * file (imported), or none (the code starts from a fresh initialisation).
 */
export type WeightsSource = 'trained' | 'imported' | 'none';

/** The imported weights the current graph can take: from which file, and for how many of its nodes. */
export type ImportedOffer = { kind: 'available'; label: string; nodes: number } | { kind: 'unavailable' };

/** What the imported weights offer for `doc` (nodes with the same id and type as at the import). */
export function importedOffer(doc: GraphDocument, imported: ImportedWeights | null): ImportedOffer {
  const weights = importedWeightsFor(doc, imported);
  if (!imported || !weights.length) return { kind: 'unavailable' };
  return { kind: 'available', label: imported.label, nodes: new Set(weights.map((w) => weightNodeId(w.name))).size };
}

/** The sources the dialog can offer, best first. */
export function weightSources(trained: WeightsOffer, imported: ImportedOffer): WeightsSource[] {
  return [...(trained.kind === 'available' ? (['trained'] as const) : []), ...(imported.kind === 'available' ? (['imported'] as const) : []), 'none'];
}

/**
 * The source used: the one picked when it is still offered, else the best offered. A run that finished
 * for this graph is newer work than the file it started from, so trained comes before imported.
 */
export function chosenSource(picked: WeightsSource | null, trained: WeightsOffer, imported: ImportedOffer): WeightsSource {
  const offered = weightSources(trained, imported);
  return picked && offered.includes(picked) ? picked : offered[0];
}
