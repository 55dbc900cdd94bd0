import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLASS_CODE, parseResultDocument, resultToJson, type BoardEntry, type ResultDocument } from '@/graph/results';

/**
 * The collected results: one append-only file per class (`<folder>/<class code>.jsonl`, one JSON line per
 * accepted result) and the same in memory for the board. A restart reads the files back; a line that is
 * not a valid result (a torn write, a hand edit) is skipped and counted, never fatal.
 */

export interface StoreLimits {
  maxResultsPerClass: number;
  maxClasses: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxResultsPerClass: 5000, maxClasses: 200 };

/** What adding a result did. `full`: the class or the server holds as many as it may. */
export type AddOutcome = { status: 'stored'; entry: BoardEntry } | { status: 'duplicate'; entry: BoardEntry } | { status: 'full'; message: string };

interface ClassResults {
  entries: BoardEntry[];
  bySubmission: Map<string, BoardEntry>;
  /** The last sequence number given (never reused, even when a failed write takes its entry back). */
  lastSeq: number;
  /** Appends of this class, one after another (lines never interleave). */
  tail: Promise<void>;
}

export interface LoadReport {
  classes: number;
  results: number;
  /** Lines skipped as unreadable, with file and line number (first few). */
  skipped: number;
  skippedAt: string[];
}

export class ResultStore {
  private readonly classes = new Map<string, ClassResults>();

  constructor(
    readonly dir: string,
    private readonly limits: StoreLimits = DEFAULT_STORE_LIMITS,
  ) {}

  /** Reads every class file in the folder (creating the folder when missing). */
  async load(): Promise<LoadReport> {
    await mkdir(this.dir, { recursive: true });
    const report: LoadReport = { classes: 0, results: 0, skipped: 0, skippedAt: [] };
    for (const name of (await readdir(this.dir)).sort()) {
      const code = name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : null;
      if (code === null || !CLASS_CODE.test(code)) continue;
      const text = await readFile(join(this.dir, name), 'utf8');
      const c = this.classOf(code);
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const entry = readLine(line, c.lastSeq + 1);
        if (!entry || entry.result.classCode !== code) {
          report.skipped++;
          if (report.skippedAt.length < 10) report.skippedAt.push(`${name}:${i + 1}`);
          return;
        }
        const id = entry.result.submissionId;
        if (id && c.bySubmission.has(id)) return;
        c.entries.push(entry);
        c.lastSeq = entry.seq;
        if (id) c.bySubmission.set(id, entry);
      });
      // A file cut off mid-line (the machine went down while writing) ends without a newline: the next
      // append starts on a fresh line so it does not join the broken one.
      if (text.length > 0 && !text.endsWith('\n')) await appendFile(join(this.dir, name), '\n');
      report.classes++;
      report.results += c.entries.length;
    }
    return report;
  }

  /**
   * Stores a valid result (its class code, participant and submission id present), on disk first: once
   * this resolves `stored`, the result is in the file. The same submission id again is `duplicate`.
   */
  async add(result: ResultDocument, receivedAt: Date): Promise<AddOutcome> {
    const code = result.classCode as string;
    const existing = this.classes.get(code);
    if (!existing && this.classes.size >= this.limits.maxClasses) return { status: 'full', message: `This server holds ${this.limits.maxClasses} classes already.` };
    const c = this.classOf(code);
    const id = result.submissionId as string;
    const before = c.bySubmission.get(id);
    if (before) return { status: 'duplicate', entry: before };
    if (c.entries.length >= this.limits.maxResultsPerClass) return { status: 'full', message: `The class "${code}" holds ${this.limits.maxResultsPerClass} results already.` };
    // Claimed before the write, so a second post of the same run while the first is writing is a duplicate.
    const entry: BoardEntry = { seq: ++c.lastSeq, receivedAt: receivedAt.toISOString(), result };
    c.entries.push(entry);
    c.bySubmission.set(id, entry);
    const line = `${JSON.stringify({ seq: entry.seq, receivedAt: entry.receivedAt, result: resultToJson(result) })}\n`;
    const write = c.tail.then(() => appendFile(join(this.dir, `${code}.jsonl`), line, 'utf8'));
    c.tail = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      // Not on disk: take it back out so the board never shows what a restart would lose.
      c.entries.splice(c.entries.indexOf(entry), 1);
      c.bySubmission.delete(id);
      throw error;
    }
    return { status: 'stored', entry };
  }

  /** A class's results after sequence number `since` (0: all), oldest first. */
  list(code: string, since = 0): BoardEntry[] {
    return (this.classes.get(code)?.entries ?? []).filter((e) => e.seq > since);
  }

  /** Every class with its number of results. */
  summary(): { code: string; results: number }[] {
    return [...this.classes.entries()].filter(([, c]) => c.entries.length > 0).map(([code, c]) => ({ code, results: c.entries.length }));
  }

  private classOf(code: string): ClassResults {
    let c = this.classes.get(code);
    if (!c) {
      c = { entries: [], bySubmission: new Map(), lastSeq: 0, tail: Promise.resolve() };
      this.classes.set(code, c);
    }
    return c;
  }
}

/** One stored line as an entry (renumbered `seq`), or null when it is not a valid stored result. */
function readLine(line: string, seq: number): BoardEntry | null {
  try {
    const raw = JSON.parse(line) as { receivedAt?: unknown; result?: unknown };
    if (typeof raw.receivedAt !== 'string' || Number.isNaN(Date.parse(raw.receivedAt))) return null;
    const parsed = parseResultDocument(raw.result);
    return parsed.ok ? { seq, receivedAt: raw.receivedAt, result: parsed.result } : null;
  } catch {
    return null;
  }
}
