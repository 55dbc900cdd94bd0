/**
 * The participant's outbox: results wait (in storage, across a reload) while the board cannot be reached,
 * are retried with a growing delay, are sent once a nickname exists, and a refused one is dropped with why.
 */
import { describe, expect, it } from 'vitest';
import { Outbox, OUTBOX_KEY, type OutboxDeps } from '@/components/workshop/classBoard/outbox';
import { readIdentity } from '@/components/workshop/classBoard/identity';
import { parseResultDocument } from '@/graph/results';
import { sampleResult } from '../../../scripts/collect/sampleResult';

const result = (n: number) => {
  const p = parseResultDocument(sampleResult(n));
  if (!p.ok) throw new Error(p.error);
  return p.result;
};

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

function harness(answers: number[]) {
  const storage = memoryStorage();
  let t = 1000;
  const sent: string[] = [];
  const send: OutboxDeps['send'] = async (body) => {
    sent.push(body);
    const status = answers.shift() ?? 201;
    if (status === 0) throw new TypeError('Failed to fetch');
    return { status, ...(status === 429 ? { retryAfterSeconds: 7 } : {}), ...(status === 422 ? { error: 'participant.nickname: bad' } : {}) };
  };
  const deps = { storage, send, now: () => t };
  return { storage, sent, deps, advance: (ms: number) => (t += ms), outbox: new Outbox(deps) };
}

describe('outbox', () => {
  it('holds results until there is a nickname, then sends them with it', async () => {
    const h = harness([]);
    h.outbox.add(result(1));
    await h.outbox.flush(null);
    expect(h.sent).toHaveLength(0);
    expect(h.outbox.get().waiting).toBe(1);
    await h.outbox.flush('Ada');
    expect(h.sent).toHaveLength(1);
    const body = JSON.parse(h.sent[0]);
    expect(body.participant).toEqual({ id: 'p0001', nickname: 'Ada' });
    expect(parseResultDocument(body).ok).toBe(true);
    expect(h.outbox.get()).toMatchObject({ waiting: 0, sent: 1 });
  });

  it('offline: waits in storage across a reload, retried with a doubling delay, nothing lost', async () => {
    const h = harness([0, 0, 503]);
    h.outbox.add(result(1));
    h.outbox.add(result(2));
    h.outbox.add(result(2)); // the same run twice is queued once
    await h.outbox.flush('Ada');
    // Offline: the first fails and the second is not tried (it would fail the same way).
    expect(h.sent).toHaveLength(1);
    expect(h.outbox.get().problem).toContain('cannot be reached');
    expect(JSON.parse(h.storage.map.get(OUTBOX_KEY) ?? '[]')).toHaveLength(2);

    // The page is reloaded: a new outbox over the same storage has both.
    const again = new Outbox(h.deps);
    expect(again.get().waiting).toBe(2);
    await again.flush('Ada', true); // online again: 0 (still offline) for item 1
    expect(h.sent).toHaveLength(2);
    h.advance(1000);
    await again.flush('Ada');
    // Item 1 is not due (4 s after its second failure); item 2, never tried, is: the server answers 503.
    expect(h.sent).toHaveLength(3);
    expect(JSON.parse(h.sent[2]).submissionId).toBe('p0002.1700000000002.run-2');
    expect(again.get()).toMatchObject({ waiting: 2, problem: 'The class board answered 503; retrying.' });
    h.advance(5000);
    await again.flush('Ada');
    expect(h.sent).toHaveLength(5);
    expect(again.get()).toMatchObject({ waiting: 0, sent: 2, problem: null });
    const submitted = h.sent.map((b) => JSON.parse(b).submissionId);
    expect(new Set(submitted)).toEqual(new Set(['p0001.1700000000001.run-1', 'p0002.1700000000002.run-2']));
  });

  it('429 waits at least Retry-After; a refused result is dropped with the reason', async () => {
    const h = harness([429, 422]);
    h.outbox.add(result(1));
    await h.outbox.flush('Ada');
    expect(h.outbox.nextDue()).toBe(1000 + 7000);
    h.advance(7000);
    await h.outbox.flush('Ada');
    expect(h.outbox.get()).toMatchObject({ waiting: 0, refused: 'participant.nickname: bad' });
  });

  it('a participant keeps one id across reloads; a damaged identity starts afresh', () => {
    const s = memoryStorage();
    const a = readIdentity(s);
    expect(a.id).toMatch(/^[a-z0-9]{16}$/);
    expect(readIdentity(s)).toEqual(a);
    s.setItem('convas.participant.v1', '{"id":"<x>","nickname":"Ann"}');
    expect(readIdentity(s).id).not.toBe('<x>');
  });
});
