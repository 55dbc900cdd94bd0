'use client';

import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatShape } from '../format';
import { selectAnalysis } from '../store/analysis';
import { useAppStore } from '../store/StoreProvider';
import type { ShapeFlowEdge } from '../store/view';

/**
 * An edge labelled with the tensor it carries (its source's output shape, e.g. `32x32x16`). Unknown shapes
 * (upstream problems) show no label; a selected edge is highlighted and can be deleted with Delete.
 */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props;
  const shape = useAppStore((s) => selectAnalysis(s).report.nodes[source]?.shape ?? null);
  // An edge running back to the left (a folded layout's next band, a hand-made loop-back) is routed in right
  // angles through the gap between the cards; a bezier would cut across them.
  const backward = targetX < sourceX - 20;
  const [path, labelX, labelY] = backward
    ? getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 12, offset: 16 })
    : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={20}
        style={{ stroke: selected ? '#4f46e5' : '#94a3b8', strokeWidth: selected ? 2.5 : 1.75 }}
      />
      {shape && (
        <EdgeLabelRenderer>
          <div
            className={`nodrag nopan pointer-events-none absolute rounded-full border px-1.5 py-px font-mono text-[10px] leading-4 shadow-sm ${selected ? 'border-indigo-300 bg-indigo-50 text-indigo-700' : 'border-slate-200 bg-white text-slate-600'}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-label"
            data-edge-id={id}
          >
            {formatShape(shape)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
