'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createAppStore, type AppStore, type AppStoreInit } from './createAppStore';
import type { AppState } from './types';

const StoreContext = createContext<AppStore | null>(null);

/**
 * Provides one editor store to the components below it. The store is created once per mount from `init`
 * (a function, so restoring the autosave runs only once).
 */
export function StoreProvider({ init, children }: { init: () => AppStoreInit; children: ReactNode }) {
  const [store] = useState(() => createAppStore(init()));
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for event handlers that read state without subscribing (`api.getState().undo()`). */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi: no StoreProvider above this component');
  return store;
}

/** Subscribe to a slice of the editor state; re-renders when the selected value changes (Object.is). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
