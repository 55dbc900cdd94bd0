import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rooms of components/ (DESIGN.md section 1): the shared leaves (format.ts, categoryStyle.ts,
 * browserStorage.ts) at the bottom, then store/, then ui/, then the feature folders, and editor/ (the shell
 * that composes them) on top. An import may point at its own room or a lower one, never a higher one, and no
 * files import each other in a circle, except zustand's slice pattern: store/types.ts and the slices name each
 * other's types (type-only imports, erased at build time).
 */

const ROOT = resolve(__dirname, '../../..');
const COMPONENTS = join(ROOT, 'components');

const FEATURES = ['canvas', 'panels', 'training', 'workshop', 'export', 'learn', 'featureMaps', 'board'];

/** The room of a file under components/ and its rank (higher may import lower). */
function room(file: string): { name: string; rank: number } {
  const rel = relative(COMPONENTS, file);
  const top = rel.includes('/') ? rel.split('/')[0] : null;
  if (top === null) return rel === 'EditorShell.tsx' ? { name: 'editor', rank: 4 } : { name: 'shared', rank: 0 };
  if (top === 'store') return { name: 'store', rank: 1 };
  if (top === 'ui') return { name: 'ui', rank: 2 };
  if (FEATURES.includes(top)) return { name: top, rank: 3 };
  if (top === 'editor') return { name: 'editor', rank: 4 };
  throw new Error(`components/${top}/ is not in the room list of this test: add it to FEATURES or a layer`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function resolveModule(spec: string, from: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null;
  for (const ext of ['.ts', '.tsx', '/index.ts', '/index.tsx']) {
    try {
      if (statSync(base + ext).isFile()) return base + ext;
    } catch {
      // try the next extension
    }
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${spec}`);
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const to = resolveModule(m[3], file);
    if (to) out.push({ from: file, to, typeOnly: m[2] !== undefined });
  }
  return out;
}

const files = sourceFiles(COMPONENTS);
const imports = files.flatMap(importsOf).filter((i) => i.to.startsWith(COMPONENTS + '/'));
const name = (f: string) => relative(ROOT, f);

describe('components/ import graph', () => {
  it('reads a real graph (the store provider is imported by many views)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.filter((i) => name(i.to) === 'components/store/StoreProvider.tsx').length).toBeGreaterThan(10);
  });

  it('has no import from a lower room into a higher one', () => {
    const upward = imports
      .filter((i) => room(i.to).rank > room(i.from).rank)
      .map((i) => `${name(i.from)} -> ${name(i.to)}`);
    expect(upward).toEqual([]);
  });

  it('keeps store/ and ui/ free of every feature folder', () => {
    const wrong = imports
      .filter((i) => ['store', 'ui'].includes(room(i.from).name) && room(i.to).rank >= 3)
      .map((i) => `${name(i.from)} -> ${name(i.to)}`);
    expect(wrong).toEqual([]);
  });

  it('has no circle between the feature folders: each one builds on the ones below it', () => {
    const feature = (f: string) => (room(f).rank === 3 ? room(f).name : null);
    const uses = new Map<string, Set<string>>();
    for (const i of imports) {
      const [from, to] = [feature(i.from), feature(i.to)];
      if (from && to && from !== to) uses.set(from, new Set([...(uses.get(from) ?? []), to]));
    }
    const reaches = (a: string, b: string, seen = new Set<string>()): boolean =>
      [...(uses.get(a) ?? [])].some((n) => n === b || (!seen.has(n) && (seen.add(n), reaches(n, b, seen))));
    const circles = [...uses].flatMap(([a, targets]) => [...targets].filter((b) => reaches(b, a)).map((b) => `${a} <-> ${b}`));
    expect(circles).toEqual([]);
  });

  it('has no circle of files, other than the type-only slice pattern around store/types.ts', () => {
    const slicePattern = (i: Import) => i.typeOnly && (name(i.to) === 'components/store/types.ts' || name(i.from) === 'components/store/types.ts');
    const next = new Map<string, string[]>();
    for (const i of imports) if (!slicePattern(i)) next.set(i.from, [...(next.get(i.from) ?? []), i.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of next.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map(name).join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
