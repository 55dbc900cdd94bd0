'use client';

import { useEffect, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The dialog's keyboard-reachable controls, in Tab order. */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled') && el.tabIndex >= 0);
}

/** Keeps Tab and Shift+Tab inside the dialog (WAI-ARIA modal dialog pattern). */
export function trapFocus(e: KeyboardEvent | ReactKeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
  const items = focusables(root);
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * A modal dialog's focus, as the WAI-ARIA pattern asks: on open, focus moves into the dialog (to the element
 * marked `data-autofocus`, else the first control), Tab stays inside, and on close focus returns to where it
 * was (the menu button or control that opened it). Escape is the dialog's own business. `open` is for a
 * dialog component that stays mounted and renders nothing while closed.
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>, open = true): void {
  useEffect(() => {
    const root = dialog.current;
    if (!open || !root) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0] ?? root).focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Tab') trapFocus(e, root);
    };
    root.addEventListener('keydown', onKeyDown);
    return () => {
      root.removeEventListener('keydown', onKeyDown);
      if (previous?.isConnected) previous.focus();
    };
  }, [dialog, open]);
}
