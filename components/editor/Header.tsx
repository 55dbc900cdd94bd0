'use client';

import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { taskInfo, TASKS } from '@/graph/tasks';
import { TEMPLATES, templateNotes } from '@/graph/templates';
import { settingChanges } from '../store/training/runNaming';
import { canvasView } from '../canvas/viewAspect';
import { useExportDialog } from '../export/useExportDialog';
import { useModelImportDialog } from '../modelImport/useModelImportDialog';
import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { AlertIcon, ArrangeIcon, CheckIcon, LogoMark, RedoIcon, UndoIcon } from '../ui/icons';
import { Menu, type MenuItem } from '../ui/Menu';
import { WorkshopMenu } from '../workshop/WorkshopMenu';
import { SharePopover } from './SharePopover';
import { emptyDocument, templateDocument } from '@/graph/edit';

/** The tasks offered in the task selector (the random ones are for tests and appear only when in use), with short labels. */
const MAIN_TASKS: Record<string, string> = {
  'skin-lesions': 'Skin lesions: 7 types',
  'brain-mri-classify': 'Brain MRI: tumour type',
  'brain-mri-segment': 'Brain MRI: tumour mask',
};

/** Suffix of the task select's value for a segmentation task with one mask class per tumour type. */
const MULTICLASS = ':multiclass';

/**
 * The editor header: product name, the graph's title, task selector, templates and file menus, undo/redo,
 * arrange, share, the problem count, and a slot for the training controls.
 */
export function Header({
  onOpenFile,
  onSaveFile,
  trainSlot,
  isolation,
}: {
  onOpenFile: () => void;
  onSaveFile: () => void;
  trainSlot?: ReactNode;
  isolation: ReactNode;
}) {
  const api = useAppStoreApi();
  const canUndo = useAppStore((s) => s.history.past.length > 0);
  const canRedo = useAppStore((s) => s.history.future.length > 0);
  const exporter = useExportDialog();
  const importer = useModelImportDialog();
  const kindNow = useAppStore((s) => taskInfo(s.doc.task.id)?.kind);
  const taskNow = useAppStore((s) => s.doc.task.id);

  const templateItems: MenuItem[] = [
    ...TEMPLATES.map((t) => ({
      key: t.id,
      label: t.title,
      hint: `${TASKS[t.taskId].kind === 'segmentation' ? 'Segmentation. ' : ''}${templateNotes(t, TASKS[t.taskId].kind === kindNow ? taskNow : t.taskId)}`,
      testId: `template-${t.id}`,
      onSelect: () => {
        const s = api.getState();
        const before = s.doc;
        const next = templateDocument(t, s.doc.task, canvasView());
        if (!s.loadDocument(next)) return;
        s.setTemplateNote(t.id);
        // Say what else the template changed (its training settings), with an Undo right there.
        const changed = settingChanges(before, next);
        const replaced = before.nodes.length > 2 ? 'replaced your graph' : 'loaded';
        const settings = changed.length ? ` It also changed the training settings: ${changed.join(', ')}.` : ' Training settings are unchanged.';
        s.notify(`The ${t.title} template ${replaced}.${settings}`, 'success', 'undo');
      },
    })),
    {
      key: 'empty',
      label: 'Empty graph',
      hint: 'Only Input and Output: build the network yourself.',
      testId: 'template-empty',
      separator: true,
      onSelect: () => {
        const s = api.getState();
        s.loadDocument(emptyDocument(s.doc.task));
      },
    },
  ];

  const fileItems: MenuItem[] = [
    { key: 'open', label: 'Open .json file…', shortcut: 'Ctrl+O', onSelect: onOpenFile, testId: 'menu-open' },
    { key: 'save', label: 'Save as .json file', shortcut: 'Ctrl+S', onSelect: onSaveFile, testId: 'menu-save' },
    importer.menuItem,
    ...(exporter.menuItem ? [exporter.menuItem] : []),
    {
      key: 'arrange',
      label: 'Arrange left to right',
      separator: true,
      onSelect: () => api.getState().arrange(canvasView()),
    },
  ];

  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-b border-slate-200 bg-white px-3">
      <h1 className="mr-2 flex items-center gap-2">
        <LogoMark />
        {/* The page's one h1: read by screen readers at every width, shown where the header has room. */}
        <span className="sr-only text-lg font-semibold tracking-tight text-slate-900 2xl:not-sr-only">Convas</span>
      </h1>
      <DocumentTitle />
      <div className="mx-2 hidden h-6 w-px bg-slate-200 xl:block" aria-hidden />
      <TaskSelect />
      <Menu label="Templates" items={templateItems} testId="templates-menu" width="w-[26rem]" />
      <Menu label="File" items={fileItems} testId="file-menu" />
      <WorkshopMenu />
      <div className="mx-1 h-6 w-px bg-slate-200" aria-hidden />
      <button type="button" className="icon-btn" onClick={() => api.getState().undo()} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)" data-testid="undo">
        <UndoIcon />
      </button>
      <button type="button" className="icon-btn" onClick={() => api.getState().redo()} disabled={!canRedo} aria-label="Redo" title="Redo (Shift+Ctrl+Z)" data-testid="redo">
        <RedoIcon />
      </button>
      <button
        type="button"
        className="btn-ghost"
        onClick={() => api.getState().arrange(canvasView())}
        title="Lay the graph out left to right"
        aria-label="Arrange"
        data-testid="arrange"
      >
        <ArrangeIcon />
        <span className="hidden min-[1760px]:inline">Arrange</span>
      </button>
      {/* The right side never shrinks: Train must stay on screen; the title and task selects give way instead. */}
      <div className="ml-auto flex shrink-0 items-center gap-2">
        <ProblemsPill />
        <SharePopover />
        {trainSlot && <div className="flex items-center gap-2" data-testid="train-slot">{trainSlot}</div>}
        {isolation}
      </div>
      {exporter.dialog}
      {importer.dialog}
    </header>
  );
}

/** The graph's title, editable in place. */
function DocumentTitle() {
  const api = useAppStoreApi();
  const name = useAppStore((s) => s.doc.name ?? '');
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  return (
    <input
      value={draft}
      placeholder="Untitled graph"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => api.getState().setDocumentName(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setDraft(name);
          e.currentTarget.blur();
        }
      }}
      // Below 1280 px the title gives way to the task and Train (it showed "First…" there; the side panel names the graph).
      className="hidden w-44 min-w-16 shrink-[4] truncate rounded-md xl:block border border-transparent px-2 py-1 text-sm font-medium text-slate-700 hover:border-slate-200 focus:border-indigo-400 focus:outline-none focus:ring-2 focus:ring-indigo-100"
      aria-label="Graph title"
      data-testid="doc-title"
    />
  );
}

/** The task selector: one option per task, and per mask mode for segmentation. */
function TaskSelect() {
  const api = useAppStoreApi();
  const task = useAppStore((s) => s.doc.task);
  const info = taskInfo(task.id);
  const ids: string[] = Object.keys(MAIN_TASKS);
  if (!ids.includes(task.id)) ids.push(task.id);
  // One select for task and mask classes: a segmentation task is offered per mask mode ("tumour mask", "mask
  // by type"), so the header needs no second select and stays narrow enough for Train at 1024 px.
  const options = ids.flatMap((id) =>
    taskInfo(id)?.kind === 'segmentation'
      ? [
          { value: id, label: MAIN_TASKS[id] ?? taskInfo(id)?.title ?? id, title: `${taskInfo(id)?.title ?? id}: any tumour against background` },
          { value: `${id}${MULTICLASS}`, label: `${MAIN_TASKS[id]?.replace(/:.*/, '') ?? taskInfo(id)?.title ?? id}: mask by type`, title: `${taskInfo(id)?.title ?? id}: one mask class per tumour type` },
        ]
      : [{ value: id, label: MAIN_TASKS[id] ?? taskInfo(id)?.title ?? id, title: taskInfo(id)?.title ?? id }],
  );
  const value = info?.kind === 'segmentation' && task.maskMode === 'multiclass' ? `${task.id}${MULTICLASS}` : task.id;
  const label = options.find((o) => o.value === value)?.label ?? task.id;
  return (
    <label className="flex shrink-0 items-center gap-1.5 text-xs text-slate-500">
      <span className="hidden min-[1760px]:inline">Task</span>
      <select
        aria-label="Task"
        value={value}
        onChange={(e) => {
          const s = api.getState();
          const before = taskInfo(s.doc.task.id)?.kind;
          const multiclass = e.target.value.endsWith(MULTICLASS);
          const id = multiclass ? e.target.value.slice(0, -MULTICLASS.length) : e.target.value;
          const next = taskInfo(id);
          s.setTask(next?.kind === 'segmentation' ? { id, maskMode: multiclass ? 'multiclass' : 'binary' } : { id });
          if (next && before && next.kind !== before) {
            s.notify(
              next.kind === 'segmentation'
                ? 'Segmentation draws a mask per pixel: try Templates > Small U-Net for a network that fits.'
                : 'Classification needs one answer per image: try Templates > First CNN.',
              'info',
            );
          }
        }}
        title={options.find((o) => o.value === value)?.title}
        className="w-[var(--label-width)] shrink-0 rounded-md border border-slate-200 bg-white py-1 pr-6 pl-2 text-sm text-slate-800 focus:border-indigo-400 focus:outline-none xl:w-auto"
        // Below 1280 px as wide as its chosen label, never cut ("tumour masl"; 1ch per character over-measures
        // text-sm); wider windows size it to its longest option.
        style={{ '--label-width': `calc(${label.length}ch + 2.5rem)` } as CSSProperties}
        data-testid="task-select"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Errors and warnings at a glance; clicking shows the list in the side panel. */
function ProblemsPill() {
  const api = useAppStoreApi();
  const { errorCount, warningCount } = useAppStore(selectAnalysis);
  const ok = errorCount === 0 && warningCount === 0;
  const text = ok
    ? 'Ready to train'
    : [errorCount > 0 ? `${errorCount} error${errorCount > 1 ? 's' : ''}` : '', warningCount > 0 ? `${warningCount} warning${warningCount > 1 ? 's' : ''}` : '']
        .filter(Boolean)
        .join(', ');
  const tone = ok
    ? 'bg-emerald-50 text-emerald-700 ring-emerald-200'
    : errorCount > 0
      ? 'bg-red-50 text-red-700 ring-red-200'
      : 'bg-amber-50 text-amber-800 ring-amber-200';
  return (
    <button
      type="button"
      className={`flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium whitespace-nowrap ring-1 ${tone}`}
      onClick={() => {
        const s = api.getState();
        s.select([]);
        s.setSettings({ sideTab: 'inspector' });
      }}
      title={ok ? 'Every shape fits' : 'Show the problems'}
      data-testid="problems-pill"
      data-errors={errorCount}
      data-warnings={warningCount}
    >
      {ok ? <CheckIcon /> : <AlertIcon />}
      {ok ? (
        <>
          Ready<span className="hidden min-[1760px]:inline">&nbsp;to train</span>
        </>
      ) : (
        text
      )}
    </button>
  );
}
