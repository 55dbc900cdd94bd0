'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** The minimap's size and its offset from the canvas's bottom-right corner (px; match Canvas's MiniMap). */
export const MINIMAP_BOX = { width: 168, height: 104, offset: 15 } as const;

/** True when two screen rectangles overlap. */
export function overlaps(a: { left: number; top: number; right: number; bottom: number }, b: { left: number; top: number; right: number; bottom: number }): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Below this canvas width the minimap would cover a sixth of the canvas: it is left out (px). */
export const MINIMAP_MIN_CANVAS_WIDTH = 560;

/**
 * Whether the minimap must step aside: while a selected node's problem popover (its fix buttons) reaches
 * into the minimap's corner, and on a canvas too narrow for it (a 1024 px laptop leaves 448 px). Returns the
 * flag and `check`, to call when the view moves.
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
      setHidden(r.width < MINIMAP_MIN_CANVAS_WIDTH || popovers.some((p) => overlaps(p.getBoundingClientRect(), corner)));
    });
  }, []);
  useEffect(() => {
    check();
  }, [deps, check]);
  useEffect(() => {
    const area = document.querySelector('[data-testid="canvas-area"]');
    if (!area || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(area);
    return () => observer.disconnect();
  }, [check]);
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);
  return { hidden, check };
}
