'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** The minimap's size and its offset from the canvas's bottom-right corner (px; match Canvas's MiniMap). */
export const MINIMAP_BOX = { width: 168, height: 104, offset: 15 } as const;

/** True when two screen rectangles overlap. */
export function overlaps(a: { left: number; top: number; right: number; bottom: number }, b: { left: number; top: number; right: number; bottom: number }): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Whether the minimap must step aside: while a selected node's problem popover (its fix buttons) reaches
 * into the minimap's corner. Returns the flag and `check`, to call when the view moves.
 */
export function useMinimapClearance(deps: unknown): { hidden: boolean; check: () => void } {
  const [hidden, setHidden] = useState(false);
  const frame = useRef<number | null>(null);
  const check = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const area = document.querySelector('[data-testid="canvas-area"]');
      if (!area) return;
      const r = area.getBoundingClientRect();
      const corner = {
        left: r.right - MINIMAP_BOX.offset - MINIMAP_BOX.width,
        right: r.right - MINIMAP_BOX.offset,
        top: r.bottom - MINIMAP_BOX.offset - MINIMAP_BOX.height,
        bottom: r.bottom - MINIMAP_BOX.offset,
      };
      const popovers = [...area.querySelectorAll('[data-testid="node-details"][data-interactive="true"]')];
      setHidden(popovers.some((p) => overlaps(p.getBoundingClientRect(), corner)));
    });
  }, []);
  useEffect(() => {
    check();
  }, [deps, check]);
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);
  return { hidden, check };
}
