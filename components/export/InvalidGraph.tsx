'use client';

import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';

/** Messages in red boxes under a title: a failed export, or errors without a node. */
export function Problem({ title, messages }: { title: string; messages: string[] }) {
  return (
    <div className="flex-1 overflow-y-auto p-6">
      <h3 className="text-sm font-semibold text-red-800">{title}</h3>
      <ul className="mt-3 max-w-3xl space-y-2">
        {messages.map((m, i) => (
          <li key={i} className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            {m}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The graph's errors instead of code, each naming its node; clicking the name selects it on the canvas. */
export function InvalidGraph({ fallback, onClose }: { fallback: string[]; onClose: () => void }) {
  const api = useAppStoreApi();
  const analysis = useAppStore(selectAnalysis);
  const names = useAppStore((s) => s.doc.nodes);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (!errors.length) return <Problem title="This graph cannot be exported yet" messages={fallback} />;
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return (
    <div className="flex-1 overflow-y-auto p-6" data-testid="export-invalid">
      <h3 className="text-sm font-semibold text-slate-900">Fix {errors.length === 1 ? 'this error' : `these ${errors.length} errors`} to export the graph</h3>
      <p className="mt-1 text-sm text-slate-500">Code is only generated for a graph that trains: the exported model must run.</p>
      <ul className="mt-4 max-w-3xl space-y-2">
        {errors.map((issue, i) => {
          const node = issue.nodeId ? nameOf.get(issue.nodeId) : undefined;
          return (
            <li key={`${issue.nodeId}-${issue.code}-${i}`} className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="export-issue">
              {node !== undefined && issue.nodeId && (
                <button
                  type="button"
                  className="mb-1 block font-mono text-[13px] font-semibold underline decoration-dotted underline-offset-2 hover:decoration-solid"
                  onClick={() => {
                    api.getState().select([issue.nodeId as string]);
                    api.getState().setSettings({ sideTab: 'inspector' });
                    onClose();
                  }}
                  title="Select this node on the canvas"
                  data-testid="export-issue-node"
                >
                  {node || issue.nodeId} →
                </button>
              )}
              <p>{issue.message}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
