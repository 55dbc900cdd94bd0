import { parseResultDocument, RESULT_LIMITS, type BoardEntry } from '@/graph/results';

/**
 * The board's entries from two sources: the collecting server (polled) and result files dropped onto the
 * page (a class without a server). Pure helpers: merging without duplicates and reading dropped files.
 */

/** Entries of dropped files are numbered from here, apart from the server's 1, 2, 3... */
export const DROPPED_SEQ_BASE = 1_000_000;

/** The server's entries followed by dropped ones whose run the server does not already have. */
export function mergeEntries(server: readonly BoardEntry[], dropped: readonly BoardEntry[]): BoardEntry[] {
  const ids = new Set(server.flatMap((e) => (e.result.submissionId ? [e.result.submissionId] : [])));
  return [...server, ...dropped.filter((e) => !e.result.submissionId || !ids.has(e.result.submissionId))];
}

/** A dropped file's text as an entry, or the reason it cannot be read ("name: why"). */
export function readResultFile(name: string, text: string, seq: number, receivedAt: Date): { ok: true; entry: BoardEntry } | { ok: false; error: string } {
  if (text.length > RESULT_LIMITS.maxBytes * 2) return { ok: false, error: `${name}: too large to be a Convas result (${Math.round(text.length / 1024)} KB).` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: `${name}: not JSON.` };
  }
  const parsed = parseResultDocument(raw);
  if (!parsed.ok) return { ok: false, error: `${name}: ${parsed.error}` };
  return { ok: true, entry: { seq, receivedAt: receivedAt.toISOString(), result: parsed.result } };
}

/** What the board's poll answered: entries after a sequence number, from one server start (`instance`). */
export interface BoardPage {
  instance: string;
  total: number;
  entries: BoardEntry[];
}

/**
 * Folds one poll answer into what the board holds. A new `instance` (the server restarted and renumbered)
 * replaces everything. Entries are parsed again: the board trusts the server no more than a dropped file.
 */
export function applyPage(held: { instance: string | null; entries: BoardEntry[] }, page: BoardPage): { instance: string; entries: BoardEntry[] } {
  const base = held.instance === page.instance ? held.entries : [];
  const have = new Set(base.map((e) => e.seq));
  const fresh = page.entries.flatMap((e) => {
    if (have.has(e.seq)) return [];
    const parsed = parseResultDocument(e.result);
    return parsed.ok ? [{ seq: e.seq, receivedAt: e.receivedAt, result: parsed.result }] : [];
  });
  return { instance: page.instance, entries: fresh.length ? [...base, ...fresh] : base };
}
