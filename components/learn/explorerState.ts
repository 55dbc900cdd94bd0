import { outputSize, type WindowConfig } from '@/graph/learn';
import { normaliseSettings, type ExplorerSettings } from './settings';

/**
 * The convolution explorer's state as one pure reducer: the settings, which output cell the window is on
 * (`cursor`), how far the output has been filled (`revealed`, so clicking back does not empty cells that
 * were already computed) and whether the animation plays. Changing a setting starts the figure afresh.
 */
export interface ExplorerState {
  settings: ExplorerSettings;
  cursor: number;
  revealed: number;
  playing: boolean;
}

export type ExplorerAction =
  | { type: 'set'; settings: Partial<ExplorerSettings> }
  | { type: 'tick' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'select'; index: number }
  | { type: 'reset' };

/** The window configuration of the settings, in graph/learn's terms. */
export function windowConfig(s: ExplorerSettings): WindowConfig {
  return { size: s.inputSize, kernel: s.kernelSize, stride: s.stride, padding: s.padding, dilation: s.dilation };
}

/** Number of output cells (0 when the window does not fit). */
export function cellCount(s: ExplorerSettings): number {
  return outputSize(windowConfig(s)) ** 2;
}

export function initialState(settings: Partial<ExplorerSettings> | undefined, playing = false): ExplorerState {
  return { settings: normaliseSettings(settings), cursor: 0, revealed: 0, playing };
}

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  const total = cellCount(state.settings);
  const last = Math.max(0, total - 1);
  switch (action.type) {
    case 'set':
      return initialState({ ...state.settings, ...action.settings }, false);
    case 'tick': {
      if (state.cursor >= last) return { ...state, playing: false, revealed: last };
      const cursor = state.cursor + 1;
      return { ...state, cursor, revealed: Math.max(state.revealed, cursor) };
    }
    case 'play':
      // At the end, play starts the figure again from an empty output.
      return state.cursor >= last && state.revealed >= last
        ? { ...state, cursor: 0, revealed: 0, playing: total > 1 }
        : { ...state, playing: total > 1 };
    case 'pause':
      return { ...state, playing: false };
    case 'step': {
      const cursor = Math.min(last, Math.max(0, state.cursor + action.by));
      return { ...state, playing: false, cursor, revealed: Math.max(state.revealed, cursor) };
    }
    case 'select': {
      const cursor = Math.min(last, Math.max(0, action.index));
      return { ...state, playing: false, cursor, revealed: Math.max(state.revealed, cursor) };
    }
    case 'reset':
      return { ...state, cursor: 0, revealed: 0, playing: false };
  }
}
