'use client';

import { useEffect, useRef, useState } from 'react';
import type { BoardEntry } from '@/graph/results';
import { applyPage, type BoardPage } from './boardData';

/** How often the board asks for new results (ms). Polling: plain GETs pass every proxy and need no reconnect logic. */
export const POLL_MS = 1500;

/** Where the feed stands: `server` (live), `locked` (needs the key), `none` (no collecting server here). */
export type FeedState = { kind: 'connecting' } | { kind: 'server'; at: number } | { kind: 'locked'; message: string } | { kind: 'none' } | { kind: 'error'; message: string };

export interface BoardFeed {
  state: FeedState;
  classes: { code: string; results: number }[];
  entries: BoardEntry[];
}

/** The board key as a header (never logged in the address bar's history beyond the first visit). */
const headers = (key: string | null): HeadersInit => (key ? { 'X-Convas-Key': key } : {});

/**
 * Polls the collecting server: the list of classes, and the chosen class's new results (`since` the last
 * one held). A failed poll keeps what is shown and tries again; nothing here throws.
 */
export function useBoardFeed(classCode: string | null, key: string | null): BoardFeed {
  const [state, setState] = useState<FeedState>({ kind: 'connecting' });
  const [classes, setClasses] = useState<BoardFeed['classes']>([]);
  const [entries, setEntries] = useState<BoardEntry[]>([]);
  const held = useRef<{ instance: string | null; entries: BoardEntry[] }>({ instance: null, entries: [] });

  useEffect(() => {
    held.current = { instance: null, entries: [] };
    setEntries([]);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const list = await fetch('/api/board', { headers: headers(key), cache: 'no-store' });
        if (list.status === 404 || list.status === 405) return setState({ kind: 'none' });
        if (list.status === 401 || list.status === 403) {
          const body = (await list.json().catch(() => ({}))) as { error?: string };
          return setState({ kind: 'locked', message: body.error ?? 'This board needs its key.' });
        }
        if (!list.ok) throw new Error(`The server answered ${list.status}.`);
        const { classes: found } = (await list.json()) as { classes: BoardFeed['classes'] };
        if (stopped) return;
        setClasses(found);
        if (classCode) {
          const since = held.current.entries.at(-1)?.seq ?? 0;
          const res = await fetch(`/api/board?class=${encodeURIComponent(classCode)}&since=${held.current.instance ? since : 0}`, { headers: headers(key), cache: 'no-store' });
          if (!res.ok) throw new Error(`The server answered ${res.status}.`);
          const page = (await res.json()) as BoardPage;
          if (stopped) return;
          const next = applyPage(held.current, page);
          if (next.entries !== held.current.entries || next.instance !== held.current.instance) setEntries(next.entries);
          held.current = next;
        }
        setState({ kind: 'server', at: Date.now() });
      } catch (error) {
        if (!stopped) setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [classCode, key]);

  return { state, classes, entries };
}
