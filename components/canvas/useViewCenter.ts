'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_NODE_SIZE } from '@/graph/edit';
import { CORNER } from './viewAspect';

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

/**
 * A function that pans the canvas (keeping the zoom) to centre a node when any part of it lies outside the
 * visible canvas or under the minimap and zoom controls' corner, e.g. a layer just chained off the right
 * edge (with `strict` false: only when none of it is in sight). Does nothing for a node in clear view.
 */
export function useRevealNode(): (id: string, strict?: boolean) => void {
  const flow = useReactFlow();
  return useCallback(
    (id: string, strict = true) => {
      const node = flow.getInternalNode(id);
      const el = document.querySelector('[data-testid="canvas-area"]');
      if (!node || !el) return;
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? DEFAULT_NODE_SIZE.width;
      const h = node.measured.height ?? DEFAULT_NODE_SIZE.height;
      const r = el.getBoundingClientRect();
      const a = flow.flowToScreenPosition({ x, y });
      const b = flow.flowToScreenPosition({ x: x + w, y: y + h });
      const margin = 24;
      const inside = a.x >= r.left + margin && a.y >= r.top + margin && b.x <= r.right - margin && b.y <= r.bottom - margin;
      const underCorner = b.x > r.right - CORNER.width && b.y > r.bottom - CORNER.height;
      // Not strict: only a node wholly out of sight moves the view (one dropped under the pointer never does).
      const outOfSight = b.x <= r.left || a.x >= r.right || b.y <= r.top || a.y >= r.bottom;
      if (strict ? !inside || underCorner : outOfSight) void flow.setCenter(x + w / 2, y + h / 2, { zoom: flow.getZoom(), duration: 250 });
    },
    [flow],
  );
}
