'use client';

import { useMemo } from 'react';
import { taskInfo } from '@/graph/tasks';
import { formatCompact } from '../format';
import { formatCount } from '@/graph/issues';
import { selectAnalysis } from '../store/analysis';
import { useAppStore } from '../store/StoreProvider';
import { IssueList } from './IssueList';
import { TemplateNote } from './TemplateNote';

const SHORTCUTS: readonly [string, string][] = [
  ['Click a layer', 'add it after the selected node'],
  ['Drag dot to dot', 'connect two layers'],
  ['Double-click canvas', 'search and add a layer there'],
  ['Shift+drag', 'select several'],
  ['Del', 'delete the selection'],
  ['Ctrl+D', 'duplicate'],
  ['Ctrl+C / V', 'copy / paste (also between tabs)'],
  ['Ctrl+Z / Shift+Ctrl+Z', 'undo / redo'],
  ['/', 'search layers'],
];

/** The inspector with nothing selected: the model at a glance, every problem, and the main shortcuts. */
export function GraphOverview() {
  const analysis = useAppStore(selectAnalysis);
  const doc = useAppStore((s) => s.doc);
  const names = useMemo(() => new Map(doc.nodes.map((n) => [n.id, n.name])), [doc.nodes]);
  const task = taskInfo(doc.task.id);
  const totals = analysis.report.totals;
  return (
    <div className="space-y-4 p-4" data-testid="graph-overview">
      <div>
        <h2 className="text-sm font-semibold text-slate-800">{doc.name ?? 'Untitled graph'}</h2>
        <p className="text-xs text-slate-500">{task ? task.title : `Task ${doc.task.id}`}</p>
      </div>
      <TemplateNote />
      <dl className="grid grid-cols-3 gap-2 rounded-lg bg-slate-50 p-2.5 text-center">
        <div>
          <dt className="text-[10px] tracking-wide text-slate-500 uppercase">Layers</dt>
          <dd className="font-mono text-sm text-slate-800">{doc.nodes.length}</dd>
        </div>
        <div>
          <dt className="text-[10px] tracking-wide text-slate-500 uppercase">Params</dt>
          <dd className="font-mono text-sm text-slate-800" title={formatCount(totals.trainable + totals.nonTrainable)}>
            {formatCompact(totals.trainable + totals.nonTrainable)}
          </dd>
        </div>
        <div>
          <dt className="text-[10px] tracking-wide text-slate-500 uppercase">Mult-adds</dt>
          <dd className="font-mono text-sm text-slate-800">{formatCompact(totals.macs)}</dd>
        </div>
      </dl>
      {analysis.issues.length === 0 ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 p-2 text-xs text-emerald-800" data-testid="graph-ok">
          No problems: every shape fits, and the model is ready to train.
        </p>
      ) : (
        <section aria-label="Problems">
          <h3 className="mb-2 text-xs font-semibold text-slate-600">
            {analysis.errorCount > 0 ? `${analysis.errorCount} error${analysis.errorCount > 1 ? 's' : ''}` : ''}
            {analysis.errorCount > 0 && analysis.warningCount > 0 ? ', ' : ''}
            {analysis.warningCount > 0 ? `${analysis.warningCount} warning${analysis.warningCount > 1 ? 's' : ''}` : ''}
          </h3>
          <IssueList issues={analysis.issues} nodeNames={names} />
        </section>
      )}
      <section aria-label="Shortcuts" className="border-t border-slate-100 pt-3">
        <h3 className="mb-2 text-xs font-semibold text-slate-600">Select a node to edit it</h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[11px] text-slate-500">
          {SHORTCUTS.map(([k, v]) => (
            <div key={k} className="contents">
              <dt>
                <kbd className="kbd">{k}</kbd>
              </dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
