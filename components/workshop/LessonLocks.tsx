'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useAppStore } from '../store/StoreProvider';
import { isEditable, isHidden } from '../store/lessonSlice';
import { LockIcon } from './LockIcon';
import { lockReason, trainingKey } from '@/graph/lessonLocks';

/** Lock queries for components that take props rather than the store (the training settings). */
export interface LessonLocksApi {
  editable(key: string): boolean;
  hidden(id: string): boolean;
}

const FREE: LessonLocksApi = { editable: () => true, hidden: () => false };
const LessonLocksContext = createContext<LessonLocksApi>(FREE);

/** Provides the open lesson's locks below it (the editor wraps its layout in it). */
export function LessonLocksProvider({ children }: { children: ReactNode }) {
  const lesson = useAppStore((s) => s.lesson);
  const api = useMemo<LessonLocksApi>(
    () => ({ editable: (key) => isEditable({ lesson }, key), hidden: (id) => isHidden({ lesson }, id) }),
    [lesson],
  );
  return <LessonLocksContext.Provider value={api}>{children}</LessonLocksContext.Provider>;
}

/** The locks in force; outside a provider (tests, standalone panels) everything is editable. */
export function useLessonLocks(): LessonLocksApi {
  return useContext(LessonLocksContext);
}

/**
 * One training setting under a lesson: not rendered when `settings.<field>` is hidden, disabled with a
 * lock and a tooltip when `training.<field>` is not editable, untouched otherwise.
 */
export function LessonControl({ field, children }: { field: string; children: ReactNode }) {
  const locks = useLessonLocks();
  if (locks.hidden(`settings.${field}`)) return null;
  const key = trainingKey(field);
  if (locks.editable(key)) return <>{children}</>;
  return (
    <fieldset disabled className="relative opacity-60" title={lockReason(key)} data-testid={`setting-lock-${field}`}>
      <LockIcon className="absolute top-1 -left-3 h-2.5 w-2.5 text-slate-500" />
      {children}
    </fieldset>
  );
}
