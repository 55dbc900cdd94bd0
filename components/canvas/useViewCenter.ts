'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_NODE_SIZE } from '../store/arrange';

/**
 * A function giving the flow position where a new card lands when there is no better place: centred in
 * the visible part of the canvas, nudged by `jitter` steps so repeated adds do not stack exactly.
 */
export function useViewCenter(): (jitter?: number) => { x: number; y: number } {
  const flow = useReactFlow();
  return useCallback(
    (jitter = 0) => {
      const el = document.querySelector('[data-testid="canvas-area"]');
      const r = el?.getBoundingClientRect() ?? { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
      const p = flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      const step = (jitter % 6) * 24;
      return { x: Math.round(p.x - DEFAULT_NODE_SIZE.width / 2 + step), y: Math.round(p.y - DEFAULT_NODE_SIZE.height / 2 + step) };
    },
    [flow],
  );
}
