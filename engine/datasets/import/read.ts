import type { Progress } from '../types';
import type { LoadedImage, Plan, PlanItem } from './formats/types';
import { type InspectReport, type SkippedFile, tally } from './report';

/** One image that was read, handed to the caller (importDataset keeps the pixels). */
export interface ReadImage {
  item: PlanItem;
  /** Decoded pixels; undefined when only the header was probed. */
  image?: LoadedImage;
  /** Segmentation: the mask as 0/1 at the image's own size. */
  mask?: Uint8Array;
  /** Class index into plan.classes (segmentation: 1 when the mask has foreground). */
  label: number;
}

const EXTENSION_FORMAT: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', tif: 'tiff', tiff: 'tiff' };

/**
 * Masks are stored 0/255 (LGG) but some re-exports store 0/1: with a maximum of 1 the values are kept,
 * otherwise a pixel is foreground from 128 up. The first channel of a multi-channel mask is used.
 */
export function binariseMask(mask: LoadedImage): Uint8Array {
  const n = mask.width * mask.height;
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, mask.data[i * mask.channels]);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = mask.data[i * mask.channels];
    out[i] = max <= 1 ? v : v >= 128 ? 1 : 0;
  }
  return out;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Reads every item of a plan (decoding, or only probing headers when `quick`), never stopping on a bad
 * file: failures become skipped entries with their reason. Returns the report of what was read.
 */
export async function readPlan(
  plan: Plan,
  source: string,
  opts: { quick?: boolean; onProgress?: Progress; onImage?: (read: ReadImage) => void } = {},
): Promise<InspectReport> {
  const skipped: SkippedFile[] = [...plan.skipped];
  const accepted: { item: PlanItem; label: number; width: number; height: number; mode: string; empty?: boolean }[] = [];
  let renamed = 0;
  let renamedExample = '';
  const total = plan.items.length;
  for (let i = 0; i < total; i++) {
    const item = plan.items[i];
    opts.onProgress?.(i, total, 'reading images');
    let image: LoadedImage | undefined;
    let info: { width: number; height: number; mode: string; format: string };
    try {
      if (opts.quick && item.probe) info = await item.probe();
      else info = image = await item.load();
    } catch (e) {
      skipped.push({ file: item.id, reason: errorText(e) });
      continue;
    }
    let mask: Uint8Array | undefined;
    let label = item.label;
    if (item.loadMask) {
      try {
        const m = await item.loadMask();
        if (m.width !== info.width || m.height !== info.height) throw new Error(`mask is ${m.width}x${m.height} but the image is ${info.width}x${info.height}`);
        mask = binariseMask(m);
        label = mask.some((v) => v !== 0) ? 1 : 0;
      } catch (e) {
        skipped.push({ file: item.id, reason: `its mask cannot be used: ${errorText(e)}` });
        continue;
      }
    }
    const ext = /\.([a-z]+)$/i.exec(item.id)?.[1]?.toLowerCase();
    const expected = ext ? EXTENSION_FORMAT[ext] : undefined;
    if (expected && info.format !== 'csv' && expected !== info.format) {
      renamed++;
      renamedExample ||= `${item.id} is ${info.format.toUpperCase()}`;
    }
    accepted.push({ item, label, width: info.width, height: info.height, mode: `${info.format.toUpperCase()} ${info.mode}`, empty: mask ? label === 0 : undefined });
    opts.onImage?.({ item, image, mask, label });
  }
  opts.onProgress?.(total, total, 'reading images');

  const countClasses = (list: typeof accepted) => plan.classes.map((name, k) => ({ name, count: list.filter((a) => a.label === k).length }));
  const hasSplits = accepted.some((a) => a.item.split !== undefined);
  const splitCount = (s: 'train' | 'test') => {
    const list = accepted.filter((a) => a.item.split === s);
    return { images: list.length, classes: countClasses(list) };
  };
  const notes = [...plan.notes];
  if (renamed > 0) notes.push(`${renamed} files hold a different format than their extension says (e.g. ${renamedExample}); they were decoded by content.`);
  if (opts.quick) notes.push('Quick inspection: only image headers were read, so files with broken pixel data are not detected.');
  const segmentation = plan.kind === 'segmentation';
  return {
    format: plan.format,
    title: plan.title,
    source,
    root: plan.root,
    kind: plan.kind,
    images: accepted.length,
    classes: countClasses(accepted),
    masks: segmentation ? accepted.length : null,
    emptyMasks: segmentation ? accepted.filter((a) => a.empty).length : null,
    groups: new Set(accepted.map((a) => a.item.group)).size,
    groupBy: plan.groupBy,
    splits: hasSplits ? { train: splitCount('train'), test: splitCount('test') } : null,
    skipped,
    missing: plan.missingIds.length,
    missingIds: plan.missingIds,
    duplicates: plan.duplicates,
    sizes: tally(accepted, (a) => `${a.width}x${a.height}`).map(({ value, count }) => ({ width: value.width, height: value.height, count })),
    modes: tally(accepted, (a) => a.mode).map(({ value, count }) => ({ mode: value.mode, count })),
    notes,
    decoded: !opts.quick,
  };
}
