import { describe, expect, it } from 'vitest';
import { isShareHash } from '@/components/editor/shareLinks';
import { sameDocument } from '@/graph/document';
import { templateById } from '@/graph/templates';

describe('share link helpers', () => {
  it.each([
    ['#graph=g1.eNqrVg', true],
    ['#g1.eNqrVg', true],
    ['#view=2&graph=g1.x', true],
    ['', false],
    ['#section-2', false],
    ['#graphs', false],
  ])('isShareHash(%j) is %s', (hash, expected) => {
    expect(isShareHash(hash)).toBe(expected);
  });

  it('treats documents that differ only in title or positions as the same graph', () => {
    const a = templateById('vgg')!.build();
    const moved = { ...a, name: 'Other title', nodes: a.nodes.map((n) => ({ ...n, position: { x: n.position.x + 7, y: 3 } })) };
    expect(sameDocument(a, moved)).toBe(true);
    const edited = { ...a, nodes: a.nodes.map((n, i) => (i === 1 ? { ...n, params: { ...n.params, filters: 99 } } : n)) };
    expect(sameDocument(a, edited)).toBe(false);
    expect(sameDocument(a, { ...a, task: { id: 'brain-mri-classify' } })).toBe(false);
  });
});
