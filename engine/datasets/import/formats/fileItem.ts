import { probeImage } from '../decode/decode';
import type { PlanItem, ScanContext } from './types';

/** A plan item read from an image file of the source, decoded by content with the context's decoder. */
export function fileItem(ctx: ScanContext, path: string, fields: Pick<PlanItem, 'label' | 'group' | 'split'>, maskPath?: string): PlanItem {
  const item: PlanItem = {
    id: path,
    ...fields,
    load: async () => ctx.decode(await ctx.source.read(path)),
    probe: async () => probeImage(await ctx.source.read(path)),
  };
  if (maskPath !== undefined) item.loadMask = async () => ctx.decode(await ctx.source.read(maskPath));
  return item;
}
