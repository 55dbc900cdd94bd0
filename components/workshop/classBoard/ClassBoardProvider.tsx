'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { normaliseNickname, nicknameProblem } from '@/graph/results';
import { browserStorage } from '../../browserStorage';
import { useAppStoreApi } from '../../store/StoreProvider';
import type { RunRecord } from '../../store/training/runs';
import { runResult } from '../results';
import { readIdentity, writeIdentity, type ParticipantIdentity } from './identity';
import { Outbox, sendToServer, type OutboxStatus } from './outbox';

/**
 * Sends a participant's finished lesson runs to the class board, when the open lesson carries a class code.
 * Watches the store for a run of the lesson's task that ends (completed or stopped after at least one
 * epoch), turns it into a result document and puts it in the outbox, which sends it in the background.
 * The lesson banner reads the nickname and the outbox status from here.
 */

export interface ClassBoardState {
  identity: ParticipantIdentity;
  /** Sets the nickname; returns why it cannot be used, or null. */
  setNickname(nickname: string): string | null;
  status: OutboxStatus;
}

const Context = createContext<ClassBoardState | null>(null);

/** The class-board state, or null outside the provider. */
export function useClassBoard(): ClassBoardState | null {
  return useContext(Context);
}

const ENDED = new Set<RunRecord['status']>(['completed', 'stopped']);

export function ClassBoardProvider({ children }: { children: ReactNode }) {
  const api = useAppStoreApi();
  const [identity, setIdentity] = useState<ParticipantIdentity>(() => readIdentity(typeof window === 'undefined' ? null : browserStorage()));
  const nickname = useRef(identity.nickname);
  const [status, setStatus] = useState<OutboxStatus>({ waiting: 0, sent: 0, problem: null, refused: null });
  const outbox = useMemo(() => new Outbox({ storage: browserStorage(), send: sendToServer(), now: Date.now, onChange: setStatus }), []);

  const flush = useCallback((force = false) => void outbox.flush(nickname.current || null, force), [outbox]);

  useEffect(() => {
    setStatus(outbox.get());
    // Runs that ended before this page looked are not sent again (they were queued when they ended).
    const seen = new Set(api.getState().training.runs.filter((r) => ENDED.has(r.status)).map((r) => r.id));
    const unsubscribe = api.subscribe((s, prev) => {
      if (s.training.runs === prev.training.runs) return;
      const lesson = s.lesson;
      for (const run of s.training.runs) {
        if (seen.has(run.id) || !ENDED.has(run.status)) continue;
        seen.add(run.id);
        if (!lesson?.classCode || run.taskId !== lesson.document.task.id || run.lesson !== lesson.title || run.epochs.length === 0) continue;
        outbox.add(runResult(run.doc, run, lesson, { participant: { id: identity.id, nickname: nickname.current }, classCode: lesson.classCode, now: new Date() }));
        if (!nickname.current) api.getState().notify('Type a nickname in the lesson banner to send this run to the class board.', 'info');
        flush();
      }
    });
    // Retries: a light timer (sends only what is due) and at once when the browser comes back online.
    const timer = setInterval(() => flush(), 2000);
    const online = () => flush(true);
    window.addEventListener('online', online);
    flush();
    return () => {
      unsubscribe();
      clearInterval(timer);
      window.removeEventListener('online', online);
    };
  }, [api, outbox, flush, identity.id]);

  const setNickname = useCallback(
    (raw: string) => {
      const next = normaliseNickname(raw);
      const problem = nicknameProblem(next);
      if (problem) return problem;
      nickname.current = next;
      const updated = { ...identity, nickname: next };
      setIdentity(updated);
      writeIdentity(browserStorage(), updated);
      flush(true);
      return null;
    },
    [identity, flush],
  );

  const value = useMemo(() => ({ identity, setNickname, status }), [identity, setNickname, status]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
