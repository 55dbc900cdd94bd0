/**
 * The board's data: poll answers folded in without duplicates (and everything replaced after a server
 * restart), dropped files read with their errors named, dropped runs the server already has not doubled.
 */
import { describe, expect, it } from 'vitest';
import { applyPage, DROPPED_SEQ_BASE, mergeEntries, readResultFile } from '@/components/board/boardData';
import { sampleResult } from '../../scripts/collect/sampleResult';

const page = (instance: string, seqs: number[]) => ({ instance, total: seqs.length, entries: seqs.map((seq) => ({ seq, receivedAt: '2026-01-01T00:00:00.000Z', result: sampleResult(seq) })) });

describe('board data', () => {
  it('folds poll answers in once each, and starts over when the server restarted', () => {
    let held = applyPage({ instance: null, entries: [] }, page('a', [1, 2]) as never);
    held = applyPage(held, page('a', [2, 3]) as never);
    expect(held.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    held = applyPage(held, page('b', [1]) as never);
    expect(held.entries.map((e) => e.seq)).toEqual([1]);
  });

  it('drops an entry the board cannot read rather than trusting the server', () => {
    const bad = { instance: 'a', total: 2, entries: [...page('a', [1]).entries, { seq: 2, receivedAt: 'x', result: { format: 'convas-results', version: 2 } }] };
    expect(applyPage({ instance: null, entries: [] }, bad as never).entries).toHaveLength(1);
  });

  it('reads dropped files; a run the server has is not doubled', () => {
    const file = readResultFile('ann.json', JSON.stringify(sampleResult(1)), DROPPED_SEQ_BASE + 1, new Date(0));
    const other = readResultFile('bo.json', JSON.stringify(sampleResult(2)), DROPPED_SEQ_BASE + 2, new Date(0));
    expect(file.ok && other.ok).toBe(true);
    if (!file.ok || !other.ok) return;
    const server = applyPage({ instance: null, entries: [] }, page('a', [1]) as never).entries;
    expect(mergeEntries(server, [file.entry, other.entry]).map((e) => e.seq)).toEqual([1, DROPPED_SEQ_BASE + 2]);
    expect(readResultFile('x.json', '{', 1, new Date(0))).toEqual({ ok: false, error: 'x.json: not JSON.' });
    const notResult = readResultFile('g.json', '{"format":"convas-graph"}', 1, new Date(0));
    expect(!notResult.ok && notResult.error).toContain('g.json: This is not a Convas result file');
  });
});
