'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { catalogEntry } from '@/graph/catalog';
import type { NodeType } from '@/graph/types';
import { CATEGORY_STYLES } from '../categoryStyle';
import { paletteGroups } from './paletteSearch';

/** Where the quick-add box opened and what the chosen layer connects to. */
export interface QuickAddRequest {
  /** Screen position of the box (the double-click or the end of a dropped connection). */
  screen: { x: number; y: number };
  /** Flow position where the new card goes (top-left). */
  flow: { x: number; y: number };
  /** Connect from this node into the new one, or from the new one into `target`. */
  source?: string;
  target?: string;
  /** Keyboard "/": add after the selected node (spliced into its chain, as a palette click does) instead. */
  next?: boolean;
}

/**
 * ComfyUI's habit: double-click the empty canvas, or drop a connection on it, and type to add a layer
 * there (connected to where the connection came from). Arrow keys choose, Enter adds, Escape closes.
 */
export function QuickAdd({
  request,
  onPick,
  onClose,
}: {
  request: QuickAddRequest;
  onPick: (type: NodeType) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const types = useMemo(() => {
    const all = paletteGroups(query).flatMap((g) => g.types);
    // From an output, the Input cannot follow; into an input, the Output cannot lead.
    return all.filter((t) => (request.source ? catalogEntry(t).inputs.max > 0 : true) && (request.target ? catalogEntry(t).hasOutput : true));
  }, [query, request.source, request.target]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (!(e.target as Element).closest?.('[data-testid="quick-add"]')) onClose();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [onClose]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = types.length || 1;
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const t = types[Math.min(active, types.length - 1)];
      if (t) onPick(t);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const left = Math.min(request.screen.x, window.innerWidth - 260);
  const top = Math.min(request.screen.y, window.innerHeight - 320);
  return (
    <div
      className="fixed z-40 w-60 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-2xl"
      style={{ left, top }}
      data-testid="quick-add"
      role="dialog"
      aria-label="Add a layer here"
      onKeyDown={onKey}
    >
      <input
        ref={input}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        placeholder={request.source || request.target ? 'Add and connect a layer…' : 'Add a layer…'}
        className="w-full border-b border-slate-100 px-3 py-2 text-sm focus:outline-none"
        // WAI-ARIA combobox: focus stays in the box, the arrow keys move the active option.
        role="combobox"
        aria-expanded={types.length > 0}
        aria-autocomplete="list"
        aria-label="Layer to add"
        aria-controls="quick-add-list"
        aria-activedescendant={types[active] ? `quick-add-option-${types[active]}` : undefined}
        data-testid="quick-add-search"
      />
      {types.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">No layer matches.</p>}
      <ul id="quick-add-list" role="listbox" aria-label="Layers" className="max-h-64 overflow-y-auto py-1" hidden={types.length === 0}>
        {types.map((t, i) => {
          const entry = catalogEntry(t);
          return (
            // The pointer picks an option directly; the keyboard does it from the search box (Enter).
            <li
              key={t}
              id={`quick-add-option-${t}`}
              role="option"
              aria-selected={i === active}
              className={`flex w-full cursor-pointer items-center gap-2 px-3 py-1.5 text-left text-sm ${i === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-700 hover:bg-slate-50'}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => onPick(t)}
              data-testid={`quick-add-${t}`}
            >
              <span className={`h-2.5 w-2.5 rounded-sm ${CATEGORY_STYLES[entry.category].dot}`} aria-hidden />
              {entry.label}
              <span className="ml-auto text-[10px] text-slate-600">{CATEGORY_STYLES[entry.category].title}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
