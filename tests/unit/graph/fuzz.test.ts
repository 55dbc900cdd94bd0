/**
 * Fuzzing what users paste and open (issue 13): the document parser, share links and lesson links. Each
 * of 1,000 cases per reader must return a result (a document that saves and loads back the same) or an
 * error message of bounded length; it must never throw. Inputs: arbitrary JSON, valid documents with one
 * value replaced by arbitrary JSON, and links with characters changed or carrying such documents.
 */
import fc from 'fast-check';
import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createDocument, parseDocument, serializeDocument } from '@/graph/document';
import { encodeBase64url } from '@/graph/document/base64url';
import { decodeLessonLink, encodeLessonLink, lessonToJson } from '@/graph/lesson';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { decodeShareLink, encodeShareLink, SHARE_LINK_TAG } from '@/graph/document';
import { FUZZ_RUNS, FUZZ_SEED } from '../fuzz/mutate';
import { sampleGraph } from './document/sampleGraph';

const validDoc = () => JSON.parse(serializeDocument(createDocument(sampleGraph(), { id: 'skin-lesions' }, {}, 'First CNN'))) as unknown;
const validLesson = () => lessonToJson(buildFirstCnnLesson()) as unknown;

/** Every path into a JSON value (objects and arrays), the root included. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** `base` with the value at one of its paths replaced (or a key added there); picks by index modulo. */
function replaced(base: () => unknown): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'params', 'x'), fc.string({ maxLength: 8 }));
  // Some replacements are 5,000-character texts: a message must quote them cut short (error length is checked).
  const value = fc.oneof({ arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 6 }, { arbitrary: fc.constant('z'.repeat(5000)), weight: 1 });
  return fc.tuple(fc.nat(), value, key, fc.boolean()).map(([i, value, extraKey, add]) => {
    const root = base();
    const all = paths(root);
    const path = all[i % all.length];
    if (path.length === 0) return value;
    let parent = root as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    const target = parent[last];
    if (add && target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, extraKey, { value, enumerable: true, configurable: true, writable: true });
    else parent[last] = value;
    return root;
  });
}

/** Packs text as a link's data the way the encoders do (tag + base64url of zlib). */
const pack = (tag: string, text: string) => tag + encodeBase64url(zlibSync(strToU8(text), { level: 9 }));

/** A link string with 1 to 4 characters replaced, inserted or removed. */
function mangled(link: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom('A', '_', '-', '=', '%', '.', '#', ' ', 'é', '\u0000'));
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((s, [i, op, ch]) => {
      const at = i % (s.length + 1);
      return op === 'replace' ? s.slice(0, at) + ch + s.slice(at + 1) : op === 'insert' ? s.slice(0, at) + ch + s.slice(at) : s.slice(0, at) + s.slice(at + 1);
    }, link),
  );
}

/** Runs a reader that must never throw over `runs` cases; returns how many were accepted. */
function fuzzReader<T>(name: string, arbitrary: fc.Arbitrary<T>, read: (value: T) => { ok: boolean; error?: string }, seed: number, check?: (r: never) => void): number {
  let accepted = 0;
  const t0 = performance.now();
  fc.assert(
    fc.property(arbitrary, (value) => {
      const r = read(value);
      if (r.ok) {
        accepted++;
        check?.(r as never);
      } else {
        expect(typeof r.error).toBe('string');
        expect(r.error!.length).toBeGreaterThan(10);
        expect(r.error!.length).toBeLessThan(1500);
      }
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED + seed },
  );
  console.info(`fuzz ${name}: ${FUZZ_RUNS} cases (${accepted} accepted, ${FUZZ_RUNS - accepted} refused with a message) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return accepted;
}

/** An accepted document saves and loads back to itself. */
function roundTrips(r: { doc: Parameters<typeof serializeDocument>[0] }): void {
  const again = parseDocument(serializeDocument(r.doc));
  expect(again.ok).toBe(true);
  if (again.ok) expect(again.doc).toEqual(r.doc);
}

describe('fuzz: documents and links', () => {
  it('the document parser: 1,000 arbitrary and damaged documents', () => {
    const input = fc.oneof(
      { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
      { arbitrary: replaced(validDoc), weight: 3 },
      { arbitrary: replaced(validDoc).map((d) => JSON.stringify(d)), weight: 2 },
      { arbitrary: fc.tuple(fc.nat(), fc.nat(40)).map(([at, n]) => { const t = JSON.stringify(validDoc()); const i = at % t.length; return t.slice(0, i) + t.slice(i + n); }), weight: 1 },
    );
    const accepted = fuzzReader('document parser', input, (v) => parseDocument(v), 11, roundTrips);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(FUZZ_RUNS);
  });

  it('share links: 1,000 mangled links and links carrying damaged documents', () => {
    const good = encodeShareLink(parseDocumentOrThrow(validDoc()));
    const input = fc.oneof(
      mangled(good),
      replaced(validDoc).map((d) => pack(SHARE_LINK_TAG, JSON.stringify(d))),
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 300 }).map((t) => pack(SHARE_LINK_TAG, t)),
    );
    const accepted = fuzzReader('share links', input, (link) => decodeShareLink(link), 12, roundTrips);
    expect(accepted).toBeGreaterThan(0);
  });

  it('lesson links: 1,000 mangled links and links carrying damaged lessons', () => {
    const good = encodeLessonLink(buildFirstCnnLesson());
    const input = fc.oneof(
      mangled(good),
      replaced(validLesson).map((l) => pack('l1.', JSON.stringify(l))),
      fc.string({ maxLength: 200 }).map((t) => `#lesson=${t}`),
    );
    const accepted = fuzzReader('lesson links', input, (link) => decodeLessonLink(link), 13, (r: { lesson: { document: Parameters<typeof serializeDocument>[0] } }) => roundTrips({ doc: r.lesson.document }));
    expect(accepted).toBeGreaterThan(0);
  });
});

function parseDocumentOrThrow(raw: unknown) {
  const r = parseDocument(raw);
  if (!r.ok) throw new Error(r.error);
  return r.doc;
}
