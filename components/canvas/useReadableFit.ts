'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { readableViewport } from './readableView';
import { currentFitMargin } from './viewAspect';

/**
 * A function that fits the graph into view at a readable zoom (readableView.ts): the whole graph when it
 * fits, else its start, at the smallest readable zoom. Does nothing before the canvas is on the page.
 */
export function useReadableFit(): (options?: { duration?: number }) => void {
  const flow = useReactFlow();
  return useCallback(
    (options = {}) => {
      const el = document.querySelector('[data-testid="canvas-area"]');
      const nodes = flow.getNodes();
      if (!el || nodes.length === 0) return;
      const r = el.getBoundingClientRect();
      const viewport = readableViewport(flow.getNodesBounds(nodes), r.width, r.height, currentFitMargin());
      void flow.setViewport(viewport, { duration: options.duration ?? 0 });
    },
    [flow],
  );
}
