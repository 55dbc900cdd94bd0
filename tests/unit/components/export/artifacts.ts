/**
 * Trained-model artefacts for the export dialog's tests (not a test file): engine/compile's model of a tiny
 * graph, saved as the training worker hands it back (engine/export/artifacts.ts). cpu backend, milliseconds.
 */
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '@/engine/compile';
import { saveArtifacts } from '@/engine/export/artifacts';
import type { TrainedArtifacts } from '@/engine/export';
import type { GraphDocument } from '@/graph/types';

/** The saved artefacts of `doc`'s freshly built model (seeded initialisers). */
export async function artifactsOf(doc: GraphDocument): Promise<TrainedArtifacts> {
  await tf.setBackend('cpu');
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  try {
    return await saveArtifacts(compiled.model);
  } finally {
    compiled.model.dispose();
  }
}
