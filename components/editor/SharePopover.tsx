'use client';

import { useEffect, useRef, useState } from 'react';
import { decodeShareLink } from '@/graph/document';
import { LinkIcon } from '../ui/icons';
import { useAppStoreApi } from '../store/StoreProvider';
import { currentShareUrl } from './shareLinks';

/**
 * The Share button and its popover: the link to the current graph (copied to the clipboard when opened;
 * the whole graph is in the link, nothing is uploaded), and a box to open a link someone sent.
 */
export function SharePopover() {
  const api = useAppStoreApi();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState<boolean | null>(null);
  const [incoming, setIncoming] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const show = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    const link = currentShareUrl(api);
    setUrl(link);
    setCopied(null);
    setOpen(true);
    requestAnimationFrame(() => field.current?.select());
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission: the link is selected in the box for Ctrl+C.
      setCopied(false);
    }
  };

  const openIncoming = () => {
    const r = decodeShareLink(incoming);
    const s = api.getState();
    if (!r.ok) {
      s.notify(`${r.error} Your graph was not changed.`, 'error');
      return;
    }
    if (!s.loadDocument(r.doc)) return;
    s.notify(`Opened ${r.doc.name ? `"${r.doc.name}"` : 'the shared graph'}. Press Ctrl+Z to go back.`, 'success');
    setIncoming('');
    setOpen(false);
  };

  return (
    <div className="relative" ref={root}>
      <button type="button" className="btn-ghost" onClick={() => void show()} aria-expanded={open} aria-label="Share" title="Share a link to this graph" data-testid="share-button">
        <LinkIcon />
        <span className="hidden min-[1760px]:inline">Share</span>
      </button>
      {open && (
        <div
          className="absolute top-full right-0 z-40 mt-1 w-96 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xl"
          role="dialog"
          aria-label="Share link"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <div>
            <label htmlFor="share-link" className="text-xs font-semibold text-slate-700">
              Link to this graph
            </label>
            <input
              id="share-link"
              ref={field}
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
              className="mt-1 w-full rounded-md border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-[11px] text-slate-700"
              data-testid="share-link-input"
            />
            <p className="mt-1 text-[11px] text-slate-500" data-testid="share-status">
              {copied === true
                ? 'Copied to the clipboard. '
                : copied === false
                  ? 'Press Ctrl+C to copy it. '
                  : ''}
              The whole graph is inside the link; nothing is uploaded.
            </p>
          </div>
          <form
            className="border-t border-slate-100 pt-3"
            onSubmit={(e) => {
              e.preventDefault();
              openIncoming();
            }}
          >
            <label htmlFor="share-open" className="text-xs font-semibold text-slate-700">
              Open a link you received
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="share-open"
                value={incoming}
                onChange={(e) => setIncoming(e.target.value)}
                placeholder="Paste a Convas link"
                className="min-w-0 flex-1 rounded-md border border-slate-200 px-2 py-1 text-xs focus:border-indigo-400 focus:outline-none"
                data-testid="share-open-input"
              />
              <button type="submit" className="btn" disabled={incoming.trim() === ''} data-testid="share-open-button">
                Open
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
