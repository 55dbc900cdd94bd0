import { describe, expect, it } from 'vitest';
import { strToU8, zlibSync } from 'fflate';
import { createDocument } from '@/graph/document';
import { encodeBase64url } from '@/graph/document/base64url';
import { decodeShareLink, encodeShareLink, SHARE_LINK_TAG, shareUrl } from '@/graph/document/shareLink';
import type { GraphDocument } from '@/graph/types';
import { sampleGraph } from './sampleGraph';

const doc = (training = {}): GraphDocument => createDocument(sampleGraph(), { id: 'skin-lesions' }, training, 'First CNN');
/** A link carrying arbitrary text, packed the way encodeShareLink packs a document. */
const linkOf = (text: string) => SHARE_LINK_TAG + encodeBase64url(zlibSync(strToU8(text), { level: 9 }));

function expectError(fragment: string): string {
  const r = decodeShareLink(fragment);
  if (r.ok) throw new Error('expected the link to be rejected');
  return r.error;
}

describe('share link round trip', () => {
  it.each([
    ['default training', {}],
    ['changed training', { epochs: 30, optimizer: 'sgd', learningRate: 0.05, augment: false }],
  ])('decode(encode(doc)) deep-equals doc (%s), with no warnings', (_what, training) => {
    const original = doc(training);
    expect(decodeShareLink(encodeShareLink(original))).toEqual({ ok: true, doc: original, warnings: [] });
  });

  it('is URL-safe, tagged, and short for a 20-node graph', () => {
    const link = encodeShareLink(doc());
    expect(link).toMatch(/^g1\.[A-Za-z0-9_-]+$/);
    // 1090 characters with fflate 0.8.3: the document's compact JSON is 3463 characters.
    expect(link.length).toBeLessThan(1200);
    expect(encodeShareLink(doc())).toBe(link); // deterministic
  });

  it('shareUrl replaces any existing fragment', () => {
    const url = shareUrl('https://example.org/convas/?x=1#old', doc());
    expect(url).toBe(`https://example.org/convas/?x=1#graph=${encodeShareLink(doc())}`);
  });

  it.each<[string, (link: string) => string]>([
    ['bare data', (l) => l],
    ['with #', (l) => `#${l}`],
    ['with #graph=', (l) => `#graph=${l}`],
    ['with graph= and no #', (l) => `graph=${l}`],
    ['a whole URL with other fragment keys', (l) => `https://example.org/convas/#view=2&graph=${l}&z=1`],
    ['broken across lines by a mail client', (l) => `#graph=${l.slice(0, 70)}\n  ${l.slice(70, 300)}\r\n${l.slice(300)}`],
  ])('accepts %s', (_what, wrap) => {
    const original = doc();
    const r = decodeShareLink(wrap(encodeShareLink(original)));
    expect(r.ok && r.doc).toEqual(original);
  });
});

describe('decodeShareLink rejects bad links with a specific message', () => {
  const good = encodeShareLink(doc());
  const flip = (link: string, at: number) => link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);

  it.each<[string, string, string]>([
    // [what, fragment, message (or the part that says what is wrong)]
    ['empty', '#', 'This share link holds no graph.'],
    ['not a Convas link', '#section-2', 'This is not a Convas share link: its graph data should start with "g1.".'],
    ['a newer link format', `#graph=g2.${good.slice(3)}`, 'This share link was made by a newer Convas (link format 2); this app reads link format 1. Update Convas to open it.'],
    ['an unknown older tag', 'g0.abcd', 'This share link has an unknown format ("g0.").'],
    ['wrong base64 character', `${good.slice(0, 40)}*${good.slice(41)}`, 'This share link is damaged: it contains "*" at character 41, which cannot appear in a link\'s data. Copy the whole link again'],
    ['standard base64 instead of base64url', `${good.slice(0, 10)}+/${good.slice(12)}`, 'it contains "+" at character 11'],
    ['a length base64 cannot have', good.slice(0, 3 + 4 * 50 + 1), "its data has a length (201 characters) that base64 cannot have, so part of it is missing"],
    ['corrupt deflate header', flip(good, 3), 'This share link is damaged: its compressed data cannot be unpacked (its header is not zlib data).'],
    ['corrupt deflate block', `g1.${encodeBase64url(Uint8Array.of(0x78, 0x9c, 0x07, 0, 0, 0, 0, 0))}`, 'its compressed data cannot be unpacked (invalid block type)'],
    ['a link cut short', good.slice(0, good.length - 100), 'its compressed data cannot be unpacked (unexpected EOF)'],
    ['a changed character in the middle', flip(good, 600), 'This share link is damaged: its compressed data cannot be unpacked ('],
    ['oversize inflate (zip bomb)', linkOf(' '.repeat(6_000_000)), "This share link's graph unpacks to more than 5 MB, more than any Convas graph; it was not opened."],
    ['valid packing of non-JSON', linkOf('hello'), "The text is not valid JSON: expected a value but found 'h' at line 1, column 1 (position 0)."],
    ['valid packing of an invalid graph', linkOf('{"format":"convas-graph","version":1,"task":{"id":"x"},"nodes":[],"edges":[{"id":"e1","source":"a","target":"b"}]}'), 'edge "e1" comes from node "a", which is not in the graph'],
    ['a future document inside a current link', linkOf('{"format":"convas-graph","version":4}'), 'made by a newer Convas (version 4); this app reads up to version 1'],
    ['far too long', `g1.${'A'.repeat(2_000_001)}`, 'This share link is too long (2000004 characters; at most 2000000).'],
  ])('%s', (_what, fragment, message) => {
    expect(expectError(fragment)).toContain(message);
  });

  it('rejects a bomb quickly, without inflating all of it', () => {
    const bomb = linkOf(' '.repeat(20_000_000)); // 20 MB of text in about 20 kB of link
    expect(bomb.length).toBeLessThan(30_000);
    expect(expectError(bomb)).toContain('unpacks to more than 5 MB');
  });
});
