'use client';

import { useEffect } from 'react';
import { neighbourAlong, type GraphDirection } from '@/graph/edit';
import type { AppStore } from '../store/createAppStore';
import { selectedIds } from '../store/view';
import { isTextEntry } from '../ui/keys';

/** What the arrow keys do on the canvas (see neighbourAlong): right/left follow the edges, down/up switch branch. */
const ARROWS: Readonly<Record<string, GraphDirection>> = {
  ArrowRight: 'next',
  ArrowLeft: 'previous',
  ArrowDown: 'sibling-down',
  ArrowUp: 'sibling-up',
};

/** The focusable React Flow wrapper of a card, or null when it is not on the page. */
function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

/** A card that is to take focus once React has drawn it: the keyboard's current card until it has. */
let pendingFocus: string | null = null;

/**
 * Moves keyboard focus to a card once React has drawn it (a new card; or after a closing box hands focus
 * back), or at once with `immediately` when the card is on the page (the arrow keys). React Flow pans a card
 * that gets keyboard focus into view, so the view follows the keyboard. Until a delayed focus lands, the keys
 * act on that card, not on the one still focused: a quick second key press must start from where the first went.
 */
export function focusNode(id: string, immediately = false): void {
  const now = immediately ? nodeElement(id) : null;
  if (now) {
    pendingFocus = null;
    now.focus();
    return;
  }
  pendingFocus = id;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      nodeElement(id)?.focus();
      if (pendingFocus === id) pendingFocus = null;
    }),
  );
}

/** What the canvas keyboard asks of the canvas. */
export interface GraphKeyboardHandlers {
  /** Open the quick-add box to add a layer after `anchor` (the selected node), or anywhere sensible (null). */
  openQuickAdd(anchor: string | null): void;
}

/**
 * The canvas's keyboard paths, so the whole graph can be built without a mouse:
 * - "/" opens the quick-add box: type, arrows choose, Enter adds the layer after the selected node;
 * - arrow keys move the selection along the edges (right/left: next/previous, down/up: the other branches);
 * - Enter opens the selected node in the inspector (focus goes to its first field).
 * They act when focus is on a card or on nothing in particular (the page body). Text fields, buttons, tabs,
 * menus and dialogs keep their own keys. The listener runs in the capture phase, before React Flow's own
 * arrow-key handler, which would nudge the card by a few pixels instead.
 */
export function useGraphKeyboard(api: AppStore, handlers: GraphKeyboardHandlers): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (api.getState().confirmRequest || document.querySelector('[aria-modal="true"]')) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (isTextEntry(target)) return;
      const card = target?.closest<HTMLElement>('.react-flow__node') ?? null;
      const onCard = card !== null && card === target;
      const onNothing = !target || target === document.body || target === document.documentElement;
      const selected = selectedIds(api.getState().nodes);
      const pending = pendingFocus !== null && api.getState().doc.nodes.some((n) => n.id === pendingFocus) ? pendingFocus : null;
      const current = pending ?? (onCard ? card.dataset.id ?? null : selected.length === 1 ? selected[0] : null);

      if (e.key === '/') {
        // Anywhere outside a text field, like the search shortcut it replaces.
        if (target?.closest('[role="menu"], [role="dialog"], [role="listbox"]')) return;
        e.preventDefault();
        e.stopPropagation();
        handlers.openQuickAdd(current);
        return;
      }
      if (!(onCard || onNothing || pending) || !current) return;

      const direction = ARROWS[e.key];
      if (direction && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        const next = neighbourAlong(api.getState().doc, current, direction);
        if (!next) return;
        api.getState().select([next]);
        focusNode(next, true);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        api.getState().select([current]);
        api.getState().setSettings({ sideTab: 'inspector' });
        // The inspector renders the node after the store update: then its first parameter (else its name) takes focus.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const inspector = document.querySelector(`[data-testid="inspector"][data-node-id="${CSS.escape(current)}"]`);
            (inspector?.querySelector<HTMLElement>('[data-testid^="param-"]:is(input, select)') ?? inspector?.querySelector<HTMLElement>('[data-testid="inspector-name"]'))?.focus();
          }),
        );
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [api, handlers]);
}
