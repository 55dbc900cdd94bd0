'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One entry of a {@link Menu}. */
export interface MenuItem {
  key: string;
  label: ReactNode;
  /** A second line under the label. */
  hint?: ReactNode;
  /** A keyboard shortcut shown on the right. */
  shortcut?: string;
  onSelect: () => void;
  disabled?: boolean;
  testId?: string;
  /** Draw a divider above this item. */
  separator?: boolean;
}

/**
 * A dropdown menu button (WAI-ARIA menu button pattern): click or Enter/Space/ArrowDown opens it, arrow keys
 * move between items, Enter chooses, Escape or a click outside closes it and returns focus to the button.
 */
export function Menu({
  label,
  items,
  testId,
  align = 'left',
  width = 'w-64',
}: {
  label: ReactNode;
  items: readonly MenuItem[];
  testId?: string;
  align?: 'left' | 'right';
  width?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    itemRefs.current.find((el) => el && !el.disabled)?.focus();
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const move = (e: KeyboardEvent, delta: number) => {
    e.preventDefault();
    const els = itemRefs.current.filter((el): el is HTMLButtonElement => !!el && !el.disabled);
    const i = els.indexOf(document.activeElement as HTMLButtonElement);
    els[(i + delta + els.length) % els.length]?.focus();
  };

  return (
    <div className="relative" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn-ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
        data-testid={testId}
      >
        {label}
        <svg className="h-3.5 w-3.5 opacity-60" viewBox="0 0 20 20" fill="currentColor" aria-hidden>
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.8" fill="none" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div
          id={id}
          role="menu"
          className={`absolute top-full z-40 mt-1 ${align === 'right' ? 'right-0' : 'left-0'} ${width} rounded-lg border border-slate-200 bg-white py-1 shadow-xl`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') move(e, 1);
            else if (e.key === 'ArrowUp') move(e, -1);
            else if (e.key === 'Tab') setOpen(false);
          }}
        >
          {items.map((item, i) => (
            <div key={item.key}>
              {item.separator && <div className="my-1 border-t border-slate-100" role="separator" />}
              <button
                ref={(el) => {
                  itemRefs.current[i] = el;
                }}
                type="button"
                role="menuitem"
                disabled={item.disabled}
                className="flex w-full items-start gap-3 px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-indigo-50 focus:outline-none disabled:opacity-40"
                onClick={() => {
                  close();
                  item.onSelect();
                }}
                data-testid={item.testId}
              >
                <span className="min-w-0 flex-1">
                  <span className="block">{item.label}</span>
                  {item.hint && <span className="block text-xs leading-snug text-slate-600">{item.hint}</span>}
                </span>
                {item.shortcut && <kbd className="kbd mt-0.5 shrink-0">{item.shortcut}</kbd>}
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
