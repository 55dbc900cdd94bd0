/**
 * A planned training batch's shard as sources in a helper's inbox (./inbox.ts): the coordinator packs each
 * image's uint8 bytes, mask bytes, label and drawn augmentation (`packSources`, a copy of a few kilobytes an
 * image); the helper renders x and y from them in place (`renderSources`) with the function the coordinator
 * renders its own shard with (engine/datasets' renderImage), so the floats are the same bits wherever they
 * are made. The random draws stay on the coordinator, in the one stream a single worker draws from.
 */
import { renderImage, sourceBytes, type ImagePlan, type PlannedBatch, type RenderSpec } from '../datasets/batches';
import { PLAN_WORDS, type InboxViews } from './inbox';

/** Writes images [start, end) of `batch` into `views` (a half sized for end - start images) as sources. */
export function packSources(views: InboxViews, batch: PlannedBatch, start: number, end: number): void {
  const { source: ds, spec } = batch;
  const { imageBytes, maskBytes } = sourceBytes(spec);
  const words = views.plans;
  for (let i = 0; i < end - start; i++) {
    const idx = batch.indices[start + i];
    views.images.set(ds.images.subarray(idx * imageBytes, (idx + 1) * imageBytes), i * imageBytes);
    if (spec.segmentation) views.masks.set((ds.masks as Uint8Array).subarray(idx * maskBytes, (idx + 1) * maskBytes), i * maskBytes);
    const { map, photometric } = batch.plans[start + i];
    const w = i * PLAN_WORDS;
    words[w] = map.a;
    words[w + 1] = map.b;
    words[w + 2] = map.c;
    words[w + 3] = map.d;
    words[w + 4] = map.tx;
    words[w + 5] = map.ty;
    words[w + 6] = map.identity ? 1 : 0;
    words[w + 7] = photometric ? 1 : 0;
    words[w + 8] = photometric?.shift ?? 0;
    words[w + 9] = photometric?.factor ?? 1;
    words[w + 10] = ds.labels[idx];
  }
}

/** Renders the `n` images packed in `views` into its x and y. */
export function renderSources(views: InboxViews, spec: RenderSpec, n: number): void {
  const { imageBytes, maskBytes } = sourceBytes(spec);
  const words = views.plans;
  for (let i = 0; i < n; i++) {
    const w = i * PLAN_WORDS;
    const plan: ImagePlan = {
      map: { a: words[w], b: words[w + 1], c: words[w + 2], d: words[w + 3], tx: words[w + 4], ty: words[w + 5], identity: words[w + 6] === 1 },
      photometric: words[w + 7] === 1 ? { shift: words[w + 8], factor: words[w + 9] } : null,
    };
    const source = { images: views.images, at: i * imageBytes, masks: views.masks, maskAt: i * maskBytes, label: words[w + 10] };
    renderImage(spec, plan, source, i, views.x, views.y);
  }
}
