'use client';

import { formatCount, type GraphIssue } from '@/graph/issues';
import type { NodeShape } from '@/graph/shapes';
import { formatCompact } from '../format';
import { useAppStoreApi } from '../store/StoreProvider';

/**
 * What a card shows on hover or selection, below it: the node's problems with their one-click fixes, its
 * receptive field (how many input pixels one output pixel sees) and its cost.
 */
export function NodeDetails({
  nodeId,
  info,
  issues,
  interactive,
}: {
  nodeId: string;
  info: NodeShape | undefined;
  issues: readonly GraphIssue[];
  /** False for the hover preview: fixes are then named, and applied once the node is selected. */
  interactive: boolean;
}) {
  const api = useAppStoreApi();
  const params = info ? info.params.trainable + info.params.nonTrainable : 0;
  return (
    <div
      className="nodrag nopan w-72 rounded-lg border border-slate-200 bg-white p-2.5 text-xs text-slate-700 shadow-xl"
      data-testid="node-details"
      data-interactive={interactive}
    >
      {issues.length > 0 && (
        <ul className={`space-y-2 ${info?.shape ? 'mb-2' : ''}`} data-testid="issue-popover">
          {issues.map((issue, i) => (
            <li key={`${issue.code}-${i}`} className="flex gap-2">
              <span
                className={`mt-0.5 h-4 w-4 shrink-0 rounded-full text-center text-[10px] leading-4 font-bold text-white ${issue.severity === 'error' ? 'bg-red-600' : 'bg-amber-500'}`}
                aria-hidden
              >
                !
              </span>
              <div className="min-w-0">
                <p className="leading-snug" data-testid="issue-message">
                  {issue.message}
                </p>
                {issue.fix &&
                  (interactive ? (
                    <button
                      type="button"
                      className="mt-1.5 rounded-md bg-indigo-600 px-2 py-1 text-[11px] font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                      data-testid="issue-fix"
                      onClick={(e) => {
                        e.stopPropagation();
                        if (issue.fix) api.getState().applyFix(nodeId, issue.fix);
                      }}
                    >
                      {issue.fix.label}
                    </button>
                  ) : (
                    <p className="mt-1 text-[11px] text-indigo-700">Fix: {issue.fix.label} (click the node)</p>
                  ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      {info?.shape && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-600" data-testid="node-field">
          <dt className="text-slate-500">Receptive field</dt>
          <dd className="font-mono">
            {info.field ? `${formatCount(info.field.size)}x${formatCount(info.field.size)} px` : 'n/a (flat list)'}
            {info.field && info.field.jump !== 1 ? <span className="text-slate-500"> (step {Number(info.field.jump.toPrecision(3))})</span> : null}
          </dd>
          <dt className="text-slate-500">Parameters</dt>
          <dd className="font-mono">
            {formatCount(params)}
            {info.params.nonTrainable > 0 ? <span className="text-slate-500"> ({formatCount(info.params.nonTrainable)} fixed)</span> : null}
          </dd>
          <dt className="text-slate-500">Multiply-adds</dt>
          <dd className="font-mono">{formatCompact(info.macs)}</dd>
        </dl>
      )}
      {!info?.shape && issues.length === 0 && <p className="text-slate-500">No shape: a layer before this one has a problem.</p>}
    </div>
  );
}
