import { parseResultDocument, resultToJson, type ResultDocument } from '@/graph/results';

/**
 * A participant's results on their way to the class board. Each finished lesson run is put here first
 * (and in localStorage, so a reload or a crash loses nothing), then sent in the background; what cannot
 * be sent now (offline, server busy, Wi-Fi gone) waits and is retried with a growing delay. Training never
 * waits for it. The nickname is filled in at send time, so a run finished before the participant typed one
 * is sent once they do.
 */

/** Storage the outbox keeps its items in (localStorage in the app, a Map in tests). */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const OUTBOX_KEY = 'convas.classOutbox.v1';

export const OUTBOX_LIMITS = Object.freeze({
  /** Items kept; a room's lesson makes a handful per participant. */
  maxItems: 100,
  /** First retry delay and the longest (ms). */
  firstRetryMs: 2000,
  maxRetryMs: 60_000,
  /** A send that takes longer is given up and retried (ms). */
  timeoutMs: 15_000,
});

export interface OutboxItem {
  /** The result's submission id. */
  id: string;
  participantId: string;
  /** The result without its participant (the nickname is filled in when it is sent). */
  result: ResultDocument;
  attempts: number;
  /** Not before this time (ms since the epoch). */
  nextAt: number;
}

/** Where the outbox stands, for the lesson banner. */
export interface OutboxStatus {
  waiting: number;
  sent: number;
  /** Why the last send failed (kept until one succeeds), or null. */
  problem: string | null;
  /** A result the board refused for good (it will not get better by retrying), or null. */
  refused: string | null;
}

export interface OutboxDeps {
  storage: OutboxStorage | null;
  send: (body: string) => Promise<{ status: number; error?: string; retryAfterSeconds?: number }>;
  now: () => number;
  onChange?: (status: OutboxStatus) => void;
}

/** The POST to this page's own server, as the outbox's `send`. */
export function sendToServer(endpoint = '/api/results'): OutboxDeps['send'] {
  return async (body) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), OUTBOX_LIMITS.timeoutMs);
    try {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: abort.signal, cache: 'no-store' });
      let error: string | undefined;
      try {
        error = ((await res.json()) as { error?: string }).error;
      } catch {
        error = undefined;
      }
      const retry = Number(res.headers.get('Retry-After'));
      return { status: res.status, error, ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}) };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The saved queue; an item that no longer reads as a result (a hand edit, an older format) is dropped. */
function readItems(storage: OutboxStorage | null): OutboxItem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(OUTBOX_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((i: Partial<Record<keyof OutboxItem, unknown>>) => {
    const parsed = parseResultDocument(i?.result);
    if (!parsed.ok || typeof i.id !== 'string' || typeof i.participantId !== 'string') return [];
    return [{ id: i.id, participantId: i.participantId, result: parsed.result, attempts: Number(i.attempts) || 0, nextAt: 0 }];
  });
}

/** Whether an answer means "try again later" (offline, busy, server trouble, no board at this address yet). */
const retryable = (status: number) => status === 0 || status === 404 || status === 405 || status === 408 || status === 429 || status >= 500;

export class Outbox {
  private items: OutboxItem[];
  private sending = false;
  private status: OutboxStatus = { waiting: 0, sent: 0, problem: null, refused: null };

  constructor(private readonly deps: OutboxDeps) {
    this.items = readItems(deps.storage);
    this.status.waiting = this.items.length;
  }

  /** Queues a result (once per submission id) and saves the queue. */
  add(result: ResultDocument): void {
    const id = result.submissionId;
    const participantId = result.participant?.id;
    if (!id || !participantId || this.items.some((i) => i.id === id)) return;
    this.items = [...this.items, { id, participantId, result: { ...result, participant: null }, attempts: 0, nextAt: 0 }].slice(-OUTBOX_LIMITS.maxItems);
    this.save();
    this.changed({});
  }

  get(): OutboxStatus {
    return this.status;
  }

  /**
   * Sends every item that is due, one at a time, with `nickname` filled in. Without a nickname nothing is
   * sent (the items wait). `force`: send now even when a retry is scheduled later (the browser came online).
   */
  async flush(nickname: string | null, force = false): Promise<void> {
    if (this.sending || !nickname) return;
    this.sending = true;
    try {
      for (const item of [...this.items]) {
        if (!force && item.nextAt > this.deps.now()) continue;
        const result = { ...item.result, participant: { id: item.participantId, nickname } };
        let answer: Awaited<ReturnType<OutboxDeps['send']>>;
        try {
          answer = await this.deps.send(JSON.stringify(resultToJson(result)));
        } catch {
          answer = { status: 0, error: 'The class board cannot be reached (offline?). Your result waits and is sent when it can be.' };
        }
        if (answer.status >= 200 && answer.status < 300) {
          this.remove(item.id);
          this.changed({ sent: this.status.sent + 1, problem: null });
        } else if (retryable(answer.status)) {
          const delay = Math.min(OUTBOX_LIMITS.maxRetryMs, OUTBOX_LIMITS.firstRetryMs * 2 ** item.attempts);
          const wait = Math.max(delay, (answer.retryAfterSeconds ?? 0) * 1000);
          this.items = this.items.map((i) => (i.id === item.id ? { ...i, attempts: i.attempts + 1, nextAt: this.deps.now() + wait } : i));
          this.save();
          const why = answer.status === 404 || answer.status === 405 ? 'This address has no class board (the server is not collecting). Your result waits; you can also download it from Lessons → Results….' : (answer.error ?? `The class board answered ${answer.status}; retrying.`);
          this.changed({ problem: why });
          if (answer.status === 0) break; // offline: the others would fail the same way
        } else {
          // Refused for good (invalid, too large): retrying would send the same thing. Say so; the participant
          // still has the result in Lessons → Results….
          this.remove(item.id);
          this.changed({ refused: answer.error ?? `The class board refused the result (${answer.status}).` });
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** When the next item is due (ms since the epoch), or null when nothing waits. */
  nextDue(): number | null {
    return this.items.length ? Math.min(...this.items.map((i) => i.nextAt)) : null;
  }

  private remove(id: string): void {
    this.items = this.items.filter((i) => i.id !== id);
    this.save();
  }

  private save(): void {
    try {
      this.deps.storage?.setItem(OUTBOX_KEY, JSON.stringify(this.items.map((i) => ({ ...i, result: resultToJson(i.result) }))));
    } catch {
      // Storage full or blocked: the items stay in memory and are still sent while the page is open.
    }
  }

  private changed(patch: Partial<OutboxStatus>): void {
    this.status = { ...this.status, ...patch, waiting: this.items.length };
    this.deps.onChange?.(this.status);
  }
}
