/** The helpers' shard inboxes: the two halves never overlap, and an inbox grows only when a shard outgrows it. */
import { describe, expect, it } from 'vitest';
import { inboxViews, shardInbox } from '@/engine/parallel/inbox';

describe('shardInbox', () => {
  it('makes room for half as many images again as the first shard, at most the batch', () => {
    // 16 of a batch of 32: 24 per half; x 12 floats and y 2 per image -> 2 x 24 x 14 x 4 bytes.
    const inbox = shardInbox(null, 16, 32, 12, 2);
    expect(inbox.images).toBe(24);
    expect(inbox.shared.byteLength).toBe(2 * 24 * 14 * 4);
    expect(shardInbox(null, 30, 32, 12, 2).images).toBe(32);
    expect(shardInbox(null, 0, 32, 12, 2).images).toBe(1);
  });

  it('keeps an inbox that holds the shard, and replaces one that does not or has another layout', () => {
    const inbox = shardInbox(null, 16, 32, 12, 2);
    expect(shardInbox(inbox, 24, 32, 12, 2)).toBe(inbox);
    expect(shardInbox(inbox, 25, 32, 12, 2)).not.toBe(inbox);
    expect(shardInbox(inbox, 16, 32, 12, 3)).not.toBe(inbox);
  });
});

describe('inboxViews', () => {
  it('lays x then y in each half; the halves of one inbox do not overlap', () => {
    const inbox = shardInbox(null, 4, 8, 3, 2); // 6 images a half
    const a = inboxViews(inbox, 0, 5, 3, 2);
    const b = inboxViews(inbox, 1, 6, 3, 2);
    expect([a.x.length, a.y.length, b.x.length, b.y.length]).toEqual([15, 10, 18, 12]);
    a.x.fill(1);
    a.y.fill(2);
    b.x.fill(3);
    b.y.fill(4);
    // Every float of the buffer belongs to at most one view: nothing written was overwritten.
    expect([...a.x].every((v) => v === 1) && [...a.y].every((v) => v === 2)).toBe(true);
    expect([...b.x].every((v) => v === 3) && [...b.y].every((v) => v === 4)).toBe(true);
    expect(b.x.byteOffset).toBe(6 * (3 + 2) * 4);
    expect(a.y.byteOffset).toBe(6 * 3 * 4);
  });
});
