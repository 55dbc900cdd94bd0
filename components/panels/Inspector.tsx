'use client';

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { catalogEntry } from '@/graph/catalog';
import { formatCount, type GraphIssue } from '@/graph/issues';
import type { GraphNode } from '@/graph/types';
import { CATEGORY_STYLES } from '../categoryStyle';
import { ReceptiveFieldSection } from '../featureMaps/ReceptiveFieldSection';
import { LearnDialog, learnTopicForNode } from '../learn';
import { formatCompact, formatShape } from '../format';
import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { isEditable } from '../store/lessonSlice';
import { lockReason, paramKey, STRUCTURE_KEY } from '@/graph/lessonLocks';
import { GraphOverview } from './GraphOverview';
import { IssueList } from './IssueList';
import { ParamField } from './ParamField';

/**
 * The side panel's inspector: the selected node's name, doc, live output shape, problems and param
 * widgets; for several selected nodes, what can be done with them; for none, the graph overview.
 */
export function Inspector() {
  const selected = useAppStore(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.data.node)));
  const count = selected.length;
  if (count === 0) return <GraphOverview />;
  if (count > 1) return <MultiSelection count={count} />;
  return <NodeInspector node={selected[0]} />;
}

function MultiSelection({ count }: { count: number }) {
  const api = useAppStoreApi();
  return (
    <div className="space-y-3 p-4" data-testid="inspector">
      <p className="text-sm text-slate-700">{count} nodes selected.</p>
      <div className="flex gap-2">
        <button type="button" className="btn" onClick={() => api.getState().duplicateSelection()}>
          Duplicate <kbd className="kbd">Ctrl+D</kbd>
        </button>
        <button type="button" className="btn btn-danger" onClick={() => api.getState().deleteSelection()}>
          Delete <kbd className="kbd">Del</kbd>
        </button>
      </div>
    </div>
  );
}

function NodeInspector({ node }: { node: GraphNode }) {
  const api = useAppStoreApi();
  const entry = catalogEntry(node.type);
  const style = CATEGORY_STYLES[entry.category];
  const info = useAppStore((s) => selectAnalysis(s).report.nodes[node.id]);
  const issues: readonly GraphIssue[] = useAppStore((s) => selectAnalysis(s).byNode.get(node.id)) ?? [];
  const lesson = useAppStore((s) => s.lesson);
  const structure = isEditable({ lesson }, STRUCTURE_KEY);
  const [name, setName] = useState(node.name);
  useEffect(() => setName(node.name), [node.name]);
  // Conv2D, pooling, padding and activation nodes open their explorer with this node's own params.
  const learn = learnTopicForNode(node.type, node.params);
  const [learnOpen, setLearnOpen] = useState(false);
  const params = info ? info.params.trainable + info.params.nonTrainable : 0;
  const commitName = () => {
    if (!api.getState().renameNode(node.id, name)) setName(node.name);
  };

  return (
    <div className="space-y-4 p-4" data-testid="inspector" data-node-id={node.id}>
      <div>
        <div className="mb-2 flex items-center gap-2">
          <span className={`h-3 w-3 rounded-sm ${style.dot}`} aria-hidden />
          <h2 className={`text-base font-semibold ${style.text}`} data-testid="inspector-type">
            {entry.label}
          </h2>
          <span className="ml-auto text-[11px] text-slate-500">{style.title}</span>
          {learn && (
            <button
              type="button"
              className="flex h-6 w-6 items-center justify-center rounded-full border border-slate-300 text-xs font-semibold text-slate-600 hover:border-indigo-400 hover:text-indigo-700"
              onClick={() => setLearnOpen(true)}
              aria-label={`Explain ${entry.label} in an interactive explorer`}
              title={`Explain ${entry.label}: see it work with these settings`}
              data-testid="inspector-learn"
            >
              ?
            </button>
          )}
        </div>
        {learn && learnOpen && <LearnDialog topic={learn.topic} params={learn.params} onClose={() => setLearnOpen(false)} />}
        <label className="block">
          <span className="sr-only">Node name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              if (e.key === 'Escape') {
                setName(node.name);
                e.currentTarget.blur();
              }
            }}
            className="w-full rounded-md border border-transparent bg-slate-50 px-2 py-1 font-mono text-sm text-slate-800 hover:border-slate-200 focus:border-indigo-400 focus:bg-white focus:outline-none focus:ring-2 focus:ring-indigo-100"
            aria-label="Node name"
            data-testid="inspector-name"
          />
        </label>
      </div>

      <dl className="grid grid-cols-3 gap-2 rounded-lg bg-slate-50 p-2.5 text-center">
        <div>
          <dt className="text-[10px] tracking-wide text-slate-500 uppercase">Output</dt>
          <dd className="font-mono text-sm font-semibold text-slate-900" data-testid="inspector-shape">
            {info?.shape ? formatShape(info.shape) : '?'}
          </dd>
        </div>
        <div>
          <dt className="text-[10px] tracking-wide text-slate-500 uppercase">Params</dt>
          <dd className="font-mono text-sm text-slate-800" title={`${formatCount(params)} parameters`} data-testid="inspector-params">
            {formatCount(params)}
          </dd>
        </div>
        <div>
          <dt className="text-[10px] tracking-wide text-slate-500 uppercase">Field</dt>
          <dd className="font-mono text-sm text-slate-800" title="Receptive field: input pixels one output pixel sees">
            {info?.field ? `${formatCount(info.field.size)}px` : '-'}
          </dd>
        </div>
      </dl>

      {issues.length > 0 && <IssueList issues={issues} />}

      {Object.keys(entry.params).length > 0 && (
        <section className="space-y-2.5" aria-label="Parameters">
          {Object.entries(entry.params).map(([key, spec]) => (
            <ParamField
              key={`${node.id}-${key}`}
              name={key}
              spec={spec}
              value={node.params[key]}
              onChange={(v) => api.getState().setParam(node.id, key, v)}
              locked={isEditable({ lesson }, paramKey(node.type, key)) ? undefined : lockReason(paramKey(node.type, key))}
            />
          ))}
        </section>
      )}

      {params > 0 && (
        <label className="flex items-start gap-2 rounded-lg border border-slate-200 p-2.5 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={node.frozen === true}
            onChange={(e) => api.getState().setFrozen(node.id, e.target.checked)}
            className="mt-0.5 h-4 w-4 shrink-0 accent-sky-600"
            data-testid="inspector-frozen"
          />
          <span>
            Freeze weights (do not train)
            <span className="block text-xs text-slate-500">Training leaves this layer as it is: keep what an imported model learned while the layers after it learn your task.</span>
          </span>
        </label>
      )}

      <p className="text-xs leading-relaxed text-slate-500" data-testid="inspector-doc">
        {entry.doc}
      </p>
      {info && info.macs > 0 && (
        <p className="text-[11px] text-slate-500">{formatCompact(info.macs)} multiply-adds per image.</p>
      )}
      {info?.field && <ReceptiveFieldSection nodeId={node.id} />}

      {structure && (
        <div className="flex gap-2 border-t border-slate-100 pt-3">
          <button type="button" className="btn" onClick={() => api.getState().duplicateSelection()}>
            Duplicate
          </button>
          <button type="button" className="btn btn-danger" onClick={() => api.getState().deleteSelection()} data-testid="inspector-delete">
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
