'use client';

import { Handle, NodeToolbar, Position, type NodeProps } from '@xyflow/react';
import { memo, useCallback, useRef, useState } from 'react';
import { catalogEntry } from '@/graph/catalog';
import type { InferContext } from '@/graph/catalog/types';
import { CATEGORY_STYLES } from '../categoryStyle';
import { formatCompact, formatInt, formatShape } from '../format';
import { selectAnalysis } from '../store/analysis';
import { useAppStore } from '../store/StoreProvider';
import type { LayerFlowNode } from '../store/view';
import { NodeDetails } from './NodeDetails';

/** Context for card summaries when the task is unknown (the Output then has no class count to show). */
const NO_TASK_CONTEXT: InferContext = { headClasses: 0, taskKind: 'classification', inputShape: null };

/** How long the details stay after the pointer leaves the card, so it can move onto the fix button (ms). */
const HOVER_GRACE_MS = 250;

/**
 * A node on the canvas: category colour, type and name, its key params in short form, the output shape and
 * parameter count; a badge when it has a problem. Hovering or selecting it shows the receptive field and
 * the problems with their one-click fixes (NodeDetails, drawn above the other nodes).
 */
export const NodeCard = memo(function NodeCard({ id, data, selected, dragging }: NodeProps<LayerFlowNode>) {
  const node = data.node;
  const entry = catalogEntry(node.type);
  const style = CATEGORY_STYLES[entry.category];
  const info = useAppStore((s) => selectAnalysis(s).report.nodes[id]);
  const context = useAppStore((s) => selectAnalysis(s).report.context);
  const issues = useAppStore((s) => selectAnalysis(s).byNode.get(id));
  const [hovered, setHovered] = useState(false);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const enter = useCallback(() => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    setHovered(true);
  }, []);
  const leave = useCallback(() => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = setTimeout(() => setHovered(false), HOVER_GRACE_MS);
  }, []);

  const errors = issues?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  const summary = entry.summary(node.params, context ?? NO_TASK_CONTEXT);
  const params = info ? info.params.trainable + info.params.nonTrainable : 0;
  const multiInput = entry.inputs.max > 1;
  const ring = selected
    ? 'ring-2 ring-indigo-500 shadow-lg'
    : errors > 0
      ? 'ring-1 ring-red-400 shadow-sm'
      : warnings > 0
        ? 'ring-1 ring-amber-400 shadow-sm'
        : 'ring-1 ring-slate-300 shadow-sm hover:ring-slate-400';

  return (
    <div
      className={`group relative w-52 rounded-lg bg-white text-left ${ring} transition-shadow`}
      data-testid="node-card"
      data-node-id={id}
      data-node-type={node.type}
      data-node-name={node.name}
      onMouseEnter={enter}
      onMouseLeave={leave}
    >
      {entry.inputs.max > 0 && (
        <Handle
          type="target"
          position={Position.Left}
          className={multiInput ? 'convas-handle convas-handle-multi' : 'convas-handle'}
          aria-label={multiInput ? `${node.name} inputs (accepts several)` : `${node.name} input`}
        />
      )}
      <div className={`flex items-center gap-2 rounded-t-lg border-b border-slate-200 px-2.5 py-1.5 ${style.header}`}>
        <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${style.dot}`} aria-hidden />
        <span className={`truncate text-[13px] font-semibold ${style.text}`} data-testid="node-type">
          {entry.label}
        </span>
        <span className="ml-auto truncate text-[11px] text-slate-500" data-testid="node-name" title={node.name}>
          {node.name}
        </span>
      </div>
      <div className="space-y-1 px-2.5 py-1.5">
        <div className="h-4 truncate font-mono text-[11px] text-slate-600" data-testid="node-summary" title={summary}>
          {summary || (multiInput ? 'joins its inputs' : '\u00a0')}
        </div>
        <div className="flex items-baseline justify-between gap-2">
          <span
            className={`font-mono text-[13px] font-semibold ${info?.shape ? 'text-slate-900' : 'text-slate-400'}`}
            data-testid="node-shape"
            title="Output shape per image: height x width x channels, or a list of numbers"
          >
            {info?.shape ? formatShape(info.shape) : info?.error ? 'error' : '?'}
          </span>
          <span className="text-[11px] text-slate-500" data-testid="node-params" title={`${formatInt(params)} parameters`}>
            {params > 0 ? `${formatCompact(params)} params` : 'no params'}
          </span>
        </div>
      </div>
      {(errors > 0 || warnings > 0) && (
        <span
          className={`absolute -top-2 -right-2 flex h-5 min-w-5 items-center justify-center rounded-full px-1 text-[11px] font-bold text-white shadow ${errors > 0 ? 'bg-red-600' : 'bg-amber-500'}`}
          data-testid="issue-badge"
          data-severity={errors > 0 ? 'error' : 'warning'}
          role="img"
          aria-label={`${errors + warnings} ${errors > 0 ? 'error' : 'warning'}${errors + warnings > 1 ? 's' : ''}`}
        >
          {errors + warnings > 1 ? errors + warnings : '!'}
        </span>
      )}
      {entry.hasOutput && (
        <Handle type="source" position={Position.Right} className="convas-handle" aria-label={`${node.name} output`} />
      )}
      <NodeToolbar
        nodeId={id}
        isVisible={!dragging && (hovered || selected)}
        position={Position.Bottom}
        offset={8}
        onMouseEnter={enter}
        onMouseLeave={leave}
      >
        <NodeDetails nodeId={id} info={info} issues={issues ?? []} />
      </NodeToolbar>
    </div>
  );
});
