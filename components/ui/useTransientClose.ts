'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Closes a hover overlay (a tooltip, a node's details preview) whenever it may have lost its anchor: a
 * click or tap anywhere, a wheel turn or scroll (the canvas zooms and pans under a resting pointer without
 * any mouseleave), the pointer moving outside `owner`, Escape, or the window losing focus. A preview left
 * behind would cover the controls the user goes on to use.
 */
export function useTransientClose(open: boolean, close: () => void, owner: RefObject<Element | null>): void {
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      const t = e.target;
      if (!(t instanceof Node) || !owner.current?.contains(t)) close();
    };
    const key = (e: KeyboardEvent) => e.key === 'Escape' && close();
    const opts = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', close, opts);
    window.addEventListener('wheel', close, opts);
    window.addEventListener('scroll', close, opts);
    window.addEventListener('pointermove', outside, opts);
    window.addEventListener('keydown', key, true);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('pointerdown', close, opts);
      window.removeEventListener('wheel', close, opts);
      window.removeEventListener('scroll', close, opts);
      window.removeEventListener('pointermove', outside, opts);
      window.removeEventListener('keydown', key, true);
      window.removeEventListener('blur', close);
    };
  }, [open, close, owner]);
}
