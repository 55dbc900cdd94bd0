'use client';

import { useAppStore } from '../store/StoreProvider';

/**
 * A hint over a nearly empty canvas (only Input and Output), so a first-time user knows the three moves
 * that build a network without reading any instructions. It sits in the bottom-left corner: the fitted
 * graph is centred, and the minimap takes the bottom-right, so the hint covers neither the Input nor the Output.
 */
export function EmptyHint() {
  const nearlyEmpty = useAppStore((s) => s.doc.nodes.length <= 2);
  if (!nearlyEmpty) return null;
  return (
    <div className="pointer-events-none absolute bottom-4 left-4 flex justify-start pr-52" data-testid="empty-hint">
      <div className="max-w-md rounded-xl border border-indigo-100 bg-white/95 px-4 py-3 text-xs leading-relaxed text-slate-600 shadow-md">
        <p className="mb-1 text-sm font-semibold text-slate-800">Build your network between Input and Output</p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>Click a layer on the left: it joins the chain from Input to Output. Or drag it anywhere, or double-click the canvas and type.</li>
          <li>Connect layers yourself by dragging from the dot on a card&apos;s right to the next card&apos;s left dot.</li>
          <li>Each card shows the shape it outputs; a red badge marks a problem and offers a fix.</li>
        </ol>
      </div>
    </div>
  );
}
