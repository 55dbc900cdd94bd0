import { documentToJson, parseDocument } from '@/graph/document';
import { lessonToJson, parseLesson } from '@/graph/lesson';
import type { GraphDocument } from '@/graph/types';
import { DEFAULT_SETTINGS, type EditorSettings, type SideTab, type Viewport } from '../store/uiSlice';
import type { SavedLesson } from '../store/lessonSlice';

/**
 * Autosave: the document, the editor settings, the viewport and the open lesson (with the best goal value
 * reached so far) in localStorage under one key, so a reload restores the editor exactly: a participant who
 * reloads mid-workshop is still in the lesson, with its locks in force and their progress kept. The document
 * goes through parseDocument on the way back (migrations, schema), so an autosave from an older version or a
 * damaged one cannot break the editor: it is ignored with a note.
 */

/** The localStorage key (versioned: a future layout change uses a new key and can migrate from this one). */
export const AUTOSAVE_KEY = 'convas.editor.v1';

/** What the autosave holds. */
export interface SavedEditor {
  doc: GraphDocument;
  settings: EditorSettings;
  viewport: Viewport | null;
  /** The open lesson and the best value of its goal metric so far; absent or null outside a lesson. */
  lesson?: SavedLesson | null;
}

/** The Storage methods autosave uses (localStorage in the app, a Map-backed fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Write the autosave. Returns an error message when the browser refuses (quota, private mode), else null. */
export function writeAutosave(storage: KeyValueStorage, saved: SavedEditor): string | null {
  const lesson = saved.lesson ? { lesson: lessonToJson(saved.lesson.lesson), best: saved.lesson.best } : null;
  const text = JSON.stringify({ document: documentToJson(saved.doc), settings: saved.settings, viewport: saved.viewport, lesson });
  try {
    storage.setItem(AUTOSAVE_KEY, text);
    return null;
  } catch (e) {
    return `Autosave failed (${e instanceof Error ? e.message : String(e)}). Save your graph to a file to keep it.`;
  }
}

const SIDE_TABS: readonly SideTab[] = ['inspector', 'summary'];

function readSettings(raw: unknown): EditorSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const batch = r.batchSize;
  return {
    batchSize: typeof batch === 'number' && Number.isInteger(batch) && batch >= 1 && batch <= 4096 ? batch : DEFAULT_SETTINGS.batchSize,
    sideTab: SIDE_TABS.includes(r.sideTab as SideTab) ? (r.sideTab as SideTab) : DEFAULT_SETTINGS.sideTab,
  };
}

function readViewport(raw: unknown): Viewport | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, zoom } = raw as Record<string, unknown>;
  if (typeof x !== 'number' || typeof y !== 'number' || typeof zoom !== 'number') return null;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !(zoom > 0 && zoom < 100)) return null;
  return { x, y, zoom };
}

/** The saved lesson, or null when there is none or it no longer validates (the graph is still restored). */
function readLesson(raw: unknown): SavedLesson | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { lesson, best } = raw as Record<string, unknown>;
  const parsed = parseLesson(lesson);
  if (!parsed.ok) return null;
  return { lesson: parsed.lesson, best: typeof best === 'number' && Number.isFinite(best) ? best : null };
}

/**
 * Read the autosave: `null` when there is none, `{ok: false, error}` when it cannot be used (the editor then
 * starts fresh and says so), else the saved editor.
 */
export function readAutosave(storage: KeyValueStorage): { ok: true; saved: SavedEditor } | { ok: false; error: string } | null {
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The autosaved graph was damaged and could not be restored; a new graph was started.' };
  }
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const parsed = parseDocument(record.document);
  if (!parsed.ok) return { ok: false, error: `The autosaved graph could not be restored (${parsed.error}); a new graph was started.` };
  return {
    ok: true,
    saved: { doc: parsed.doc, settings: readSettings(record.settings), viewport: readViewport(record.viewport), lesson: readLesson(record.lesson) },
  };
}
