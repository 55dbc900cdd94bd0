'use client';

import type { GraphIssue } from '@/graph/issues';
import { useAppStoreApi } from '../store/StoreProvider';

/**
 * Problems with their messages and one-click fixes. With `showNode`, each names its node and clicking it
 * selects that node on the canvas.
 */
export function IssueList({ issues, nodeNames }: { issues: readonly GraphIssue[]; nodeNames?: ReadonlyMap<string, string> }) {
  const api = useAppStoreApi();
  return (
    <ul className="space-y-2" data-testid="issue-list">
      {issues.map((issue, i) => {
        const error = issue.severity === 'error';
        const nodeName = issue.nodeId ? nodeNames?.get(issue.nodeId) : undefined;
        return (
          <li
            key={`${issue.nodeId}-${issue.code}-${i}`}
            className={`rounded-md border p-2 text-xs leading-snug ${error ? 'border-red-200 bg-red-50 text-red-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
            data-testid="issue-item"
            data-severity={issue.severity}
          >
            {nodeName && issue.nodeId && (
              <button
                type="button"
                className="mb-1 block font-mono font-semibold underline decoration-dotted underline-offset-2 hover:decoration-solid"
                onClick={() => api.getState().select([issue.nodeId as string])}
              >
                {nodeName}
              </button>
            )}
            <p data-testid="issue-message">{issue.message}</p>
            {issue.fix && (
              <button
                type="button"
                className="mt-1.5 rounded-md bg-white px-2 py-1 text-[11px] font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
                onClick={() => issue.fix && api.getState().applyFix(issue.nodeId, issue.fix)}
                data-testid="issue-fix"
              >
                {issue.fix.label}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
