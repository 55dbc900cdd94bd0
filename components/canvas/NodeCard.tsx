'use client';

import { Handle, NodeToolbar, Position, type NodeProps } from '@xyflow/react';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { catalogEntry } from '@/graph/catalog';
import type { InferContext } from '@/graph/catalog/types';
import { CATEGORY_STYLES } from '../categoryStyle';
import { formatCompact, formatShape } from '../format';
import { formatCount } from '@/graph/issues';
import { selectAnalysis } from '../store/analysis';
import { useAppStore } from '../store/StoreProvider';
import type { LayerFlowNode } from '../store/view';
import { NodeDetails } from './NodeDetails';
import { useTransientClose } from '../ui/useTransientClose';

/** Context for card summaries when the task is unknown (the Output then has no class count to show). */
const NO_TASK_CONTEXT: InferContext = { headClasses: 0, taskKind: 'classification', inputShape: null };

/** What an Input feeds, in words: 1 channel is a greyscale image, 3 a colour one. */
function inputKind(channels: unknown): string {
  return channels === 1 ? 'greyscale images' : channels === 3 ? 'colour images' : `${String(channels)}-channel images`;
}

/** How long the pointer rests on a card before its details show (ms). */
const HOVER_DELAY_MS = 300;

/**
 * A node on the canvas: category colour, type and name, its key params in short form, the output shape and
 * parameter count; a badge when it has a problem. Hovering it shows the receptive field, cost and problems
 * with their one-click fixes (NodeDetails, drawn above the other nodes); a selected node with a problem
 * keeps showing them (the inspector shows the rest).
 */
export const NodeCard = memo(function NodeCard({ id, data, selected, dragging }: NodeProps<LayerFlowNode>) {
  const node = data.node;
  const entry = catalogEntry(node.type);
  const style = CATEGORY_STYLES[entry.category];
  const info = useAppStore((s) => selectAnalysis(s).report.nodes[id]);
  const context = useAppStore((s) => selectAnalysis(s).report.context);
  const issues = useAppStore((s) => selectAnalysis(s).byNode.get(id));
  const [hovered, setHovered] = useState(false);
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Hover intent: the details wait a moment, so sweeping the pointer across cards (or dragging a
  // connection over them) does not flash popovers.
  const enter = useCallback(() => {
    if (hoverTimer.current) clearTimeout(hoverTimer.current);
    hoverTimer.current = setTimeout(() => setHovered(true), HOVER_DELAY_MS);
  }, []);
  const leave = useCallback(() => {
    if (hoverTimer.current) clearTimeout(hoverTimer.current);
    setHovered(false);
  }, []);
  useEffect(() => () => {
    if (hoverTimer.current) clearTimeout(hoverTimer.current);
  }, []);
  // The preview closes on click, wheel, scroll or the pointer leaving by any route, so it never stays over
  // other cards or the controls the user turns to next.
  const card = useRef<HTMLDivElement>(null);
  useTransientClose(hovered, leave, card);

  const errors = issues?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  const shapeText = info?.shape ? formatShape(info.shape) : null;
  const rawSummary = entry.summary(node.params, context ?? NO_TASK_CONTEXT);
  // The Input's summary is its shape, shown just below anyway.
  const summary = rawSummary === shapeText ? '' : rawSummary;
  const params = info ? info.params.trainable + info.params.nonTrainable : 0;
  const frozen = node.frozen === true && params > 0;
  const multiInput = entry.inputs.max > 1;
  const interactive = !!selected && (issues?.length ?? 0) > 0;
  const ring = selected
    ? 'ring-2 ring-indigo-500 shadow-lg'
    : errors > 0
      ? 'ring-1 ring-red-400 shadow-sm'
      : warnings > 0
        ? 'ring-1 ring-amber-400 shadow-sm'
        : 'ring-1 ring-slate-300 shadow-sm hover:ring-slate-400';

  return (
    <div
      ref={card}
      className={`group relative w-52 rounded-lg bg-white text-left ${ring} transition-shadow`}
      data-testid="node-card"
      data-node-id={id}
      data-node-type={node.type}
      data-node-name={node.name}
      onMouseEnter={enter}
      onMouseLeave={leave}
    >
      {/* Handles are pointer targets that React Flow draws as role-less divs, where ARIA forbids a label;
          keyboard users connect layers by adding them after the selection ("/" or the palette). */}
      {entry.inputs.max > 0 && (
        <Handle
          type="target"
          position={Position.Left}
          className={multiInput ? 'convas-handle convas-handle-multi' : 'convas-handle'}
        />
      )}
      <div className={`flex items-center gap-2 rounded-t-lg border-b border-slate-200 px-2.5 py-1.5 ${style.header}`}>
        <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${style.dot}`} aria-hidden />
        <span className={`max-w-[75%] shrink-0 truncate text-[13px] font-semibold ${style.text}`} data-testid="node-type">
          {entry.label}
        </span>
        <span className="ml-auto min-w-0 truncate text-[11px] text-slate-600" data-testid="node-name" title={node.name}>
          {node.name}
        </span>
      </div>
      <div className="space-y-1 px-2.5 py-1.5">
        <div className="h-4 truncate font-mono text-[11px] text-slate-600" data-testid="node-summary" title={summary}>
          {summary || (multiInput ? 'joins its inputs' : entry.type === 'Input' ? inputKind(node.params.channels) : '\u00a0')}
        </div>
        <div className="flex items-baseline justify-between gap-2">
          <span
            className={`font-mono text-[13px] font-semibold ${info?.shape ? 'text-slate-900' : info?.error ? 'text-red-600' : 'text-slate-500'}`}
            data-testid="node-shape"
            title="Output shape per image: height x width x channels, or a list of numbers"
          >
            {shapeText ?? (info?.error ? 'error' : '?')}
          </span>
          <span className="text-[11px] text-slate-500" data-testid="node-params" title={`${formatCount(params)} parameters${frozen ? ', frozen: training leaves them as they are' : ''}`}>
            {params > 0 ? `${formatCompact(params)} params` : 'no params'}
            {frozen && (
              <span className="ml-1 rounded bg-sky-100 px-1 font-medium text-sky-800" data-testid="node-frozen">
                frozen
              </span>
            )}
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
        <Handle type="source" position={Position.Right} className="convas-handle" />
      )}
      <NodeToolbar
        nodeId={id}
        isVisible={!dragging && (hovered || interactive)}
        position={Position.Bottom}
        offset={8}
        // Only a selected node's details take clicks (its fix buttons); a hover preview must never cover
        // the handle or card the pointer is heading for.
        className={interactive ? '' : 'pointer-events-none'}
      >
        <NodeDetails nodeId={id} info={info} issues={issues ?? []} interactive={interactive} />
      </NodeToolbar>
    </div>
  );
});
