'use client';

import type { KeyboardEvent } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import type { SideTab } from '../store/uiSlice';
import { Inspector } from './Inspector';
import { ModelSummary } from './ModelSummary';

const TABS: readonly { id: SideTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'summary', label: 'Summary' },
];

/** The right-hand panel: the inspector and the model summary as tabs (WAI-ARIA tabs, arrow keys switch). */
export function SidePanel() {
  const api = useAppStoreApi();
  const tab = useAppStore((s) => s.settings.sideTab);
  const choose = (id: SideTab) => api.getState().setSettings({ sideTab: id });
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    choose(next.id);
    document.getElementById(`side-tab-${next.id}`)?.focus();
  };
  return (
    <aside className="flex w-[18rem] shrink-0 flex-col border-l border-slate-200 bg-white xl:w-[22rem]" data-testid="side-panel" aria-label="Side panel">
      <div role="tablist" aria-label="Side panel" className="flex shrink-0 gap-1 border-b border-slate-200 px-3 pt-2" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`side-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`side-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => choose(t.id)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${tab === t.id ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-700'}`}
            data-testid={`side-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`side-panel-${tab}`} role="tabpanel" aria-labelledby={`side-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto">
        {tab === 'inspector' ? <Inspector /> : <ModelSummary />}
      </div>
    </aside>
  );
}
