import * as tf from '@tensorflow/tfjs';
import type { TrainedArtifacts } from './weights';

/**
 * A trained tf.LayersModel's artefacts, exactly as tfjs saves them (topology, weight manifest and bytes,
 * training config), to pass as `exportGraph(doc, target, { weights })`. Works in a worker: the artefacts are
 * plain data and can be posted to the UI thread. Nothing is written anywhere.
 */
export async function saveArtifacts(model: tf.LayersModel): Promise<TrainedArtifacts> {
  let saved: TrainedArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('tfjs saved no artefacts for this model.');
  return saved;
}
