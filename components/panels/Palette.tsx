'use client';

import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { catalogEntry } from '@/graph/catalog';
import type { NodeType } from '@/graph/types';
import { NODE_DRAG_MIME } from '../canvas/Canvas';
import { useRevealNode, useViewCenter } from '../canvas/useViewCenter';
import { CATEGORY_STYLES } from '../categoryStyle';
import { useAppStoreApi } from '../store/StoreProvider';
import { paletteGroups } from '../canvas/paletteSearch';

/** Delay before a palette tooltip opens on hover, so sweeping the pointer over the list stays quiet (ms). */
const TOOLTIP_DELAY_MS = 350;

/**
 * The layer palette: every catalog type grouped by category, with a search box. Drag an item onto the
 * canvas, or click it (Enter) to add it after the selected node and connect it. Hover or focus shows the
 * catalog's doc for the type.
 */
export function Palette() {
  const api = useAppStoreApi();
  const viewCenter = useViewCenter();
  const reveal = useRevealNode();
  // After a click the pointer still rests on the item: no tooltip until it leaves.
  const quiet = useRef(false);
  const [query, setQuery] = useState('');
  const [tip, setTip] = useState<{ type: NodeType; top: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const adds = useRef(0);
  const groups = useMemo(() => paletteGroups(query), [query]);
  const first = groups[0]?.types[0];

  const add = (type: NodeType) => {
    const id = api.getState().addNodeNext(type, viewCenter(adds.current++));
    // The chain grows to the right: bring the new card into view once React Flow has placed it.
    requestAnimationFrame(() => reveal(id));
  };
  const showTip = (type: NodeType, el: HTMLElement, immediate: boolean) => {
    if (timer.current) clearTimeout(timer.current);
    if (quiet.current) return;
    const top = el.getBoundingClientRect().top;
    if (immediate) setTip({ type, top });
    else timer.current = setTimeout(() => setTip({ type, top }), TOOLTIP_DELAY_MS);
  };
  const hideTip = () => {
    if (timer.current) clearTimeout(timer.current);
    setTip(null);
  };
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && first) {
      e.preventDefault();
      add(first);
    } else if (e.key === 'Escape') {
      setQuery('');
      e.currentTarget.blur();
    }
  };
  const onDragStart = (e: DragEvent<HTMLButtonElement>, type: NodeType) => {
    hideTip();
    e.dataTransfer.setData(NODE_DRAG_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'move';
  };

  const tipEntry = tip ? catalogEntry(tip.type) : null;
  return (
    <nav className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white" aria-label="Layer palette" data-testid="palette">
      <div className="border-b border-slate-100 p-2.5">
        <label className="relative block">
          <span className="sr-only">Search layers</span>
          <svg className="pointer-events-none absolute top-2 left-2 h-4 w-4 text-slate-400" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
            <circle cx="8.5" cy="8.5" r="5.5" />
            <path d="m13 13 4 4" strokeLinecap="round" />
          </svg>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            placeholder="Search layers"
            className="w-full rounded-md border border-slate-200 bg-slate-50 py-1.5 pr-2 pl-8 text-sm placeholder:text-slate-500 focus:border-indigo-400 focus:bg-white focus:outline-none focus:ring-2 focus:ring-indigo-100"
            data-testid="palette-search"
            aria-controls="palette-list"
          />
        </label>
      </div>
      <div id="palette-list" className="min-h-0 flex-1 overflow-y-auto px-2 pt-1 pb-3" onScroll={hideTip}>
        {groups.length === 0 && <p className="px-2 py-4 text-sm text-slate-500">No layer matches “{query}”.</p>}
        {groups.map((g) => (
          <section key={g.category} aria-label={g.title} className="mt-1.5">
            <h3 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{g.title}</h3>
            <ul>
              {g.types.map((type) => {
                const entry = catalogEntry(type);
                return (
                  <li key={type}>
                    <button
                      type="button"
                      draggable
                      onDragStart={(e) => onDragStart(e, type)}
                      onClick={() => {
                        quiet.current = true;
                        hideTip();
                        add(type);
                      }}
                      onMouseEnter={(e) => showTip(type, e.currentTarget, false)}
                      onMouseLeave={() => {
                        quiet.current = false;
                        hideTip();
                      }}
                      // Keyboard focus shows the doc at once; the focus a mouse click leaves behind does not.
                      onFocus={(e) => {
                        if (e.currentTarget.matches(':focus-visible')) showTip(type, e.currentTarget, true);
                      }}
                      onBlur={hideTip}
                      className="flex w-full cursor-grab items-center gap-2 rounded-md px-2 py-1 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:bg-indigo-50 active:cursor-grabbing"
                      data-testid={`palette-item-${type}`}
                      aria-describedby={tip?.type === type ? 'palette-tooltip' : undefined}
                    >
                      <span className={`h-2.5 w-2.5 shrink-0 rounded-sm ${CATEGORY_STYLES[entry.category].dot}`} aria-hidden />
                      <span className="truncate">{entry.label}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <p className="border-t border-slate-100 px-3 py-2 text-[11px] leading-snug text-slate-500">
        Drag onto the canvas, or click to add after the selected node.
      </p>
      {tip && tipEntry && (
        <div
          id="palette-tooltip"
          role="tooltip"
          className="pointer-events-none fixed left-[14.5rem] z-50 w-72 rounded-lg border border-slate-200 bg-white p-3 text-xs leading-relaxed text-slate-600 shadow-xl"
          style={{ top: Math.max(56, Math.min(tip.top - 8, window.innerHeight - 220)) }}
          data-testid="palette-tooltip"
        >
          <p className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-800">
            <span className={`h-2.5 w-2.5 rounded-sm ${CATEGORY_STYLES[tipEntry.category].dot}`} aria-hidden />
            {tipEntry.label}
            <span className="ml-auto text-[11px] font-normal text-slate-500">{CATEGORY_STYLES[tipEntry.category].title}</span>
          </p>
          {tipEntry.doc}
        </div>
      )}
    </nav>
  );
}
