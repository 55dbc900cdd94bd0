import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '@/components/export/copyText';

/** A stand-in document: the fallback's textarea and execCommand, recording what was selected and copied. */
function fakeDocument(execResult: boolean | 'throw') {
  const log: string[] = [];
  const area = {
    value: '',
    style: {} as Record<string, string>,
    setAttribute: () => undefined,
    select: () => log.push(`select ${area.value}`),
    remove: () => log.push('remove'),
  };
  const doc = {
    activeElement: null,
    createElement: () => area,
    body: { appendChild: () => log.push('append') },
    execCommand: (command: string) => {
      log.push(`exec ${command}`);
      if (execResult === 'throw') throw new Error('not allowed');
      return execResult;
    },
  };
  // The focus to give back afterwards: none here (activeElement null is not an HTMLElement).
  vi.stubGlobal('HTMLElement', class {});
  return { doc, log };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('copyText', () => {
  it('uses the Clipboard API when it is there', async () => {
    const written: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: async (t: string) => void written.push(t) } });
    const { doc, log } = fakeDocument(true);
    vi.stubGlobal('document', doc);
    await expect(copyText('import torch\n')).resolves.toBe(true);
    expect(written).toEqual(['import torch\n']);
    expect(log).toEqual([]);
  });

  it.each([
    ['the API refuses (permission denied)', { clipboard: { writeText: async () => Promise.reject(new Error('denied')) } }],
    ['there is no Clipboard API (plain http)', {}],
  ])('falls back to a selected textarea and execCommand when %s', async (_name, nav) => {
    vi.stubGlobal('navigator', nav);
    const { doc, log } = fakeDocument(true);
    vi.stubGlobal('document', doc);
    await expect(copyText('x = "<b>"')).resolves.toBe(true);
    expect(log).toEqual(['append', 'select x = "<b>"', 'exec copy', 'remove']);
  });

  it.each([false, 'throw'] as const)('reports failure when the fallback fails too (execCommand %s)', async (result) => {
    vi.stubGlobal('navigator', {});
    const { doc, log } = fakeDocument(result);
    vi.stubGlobal('document', doc);
    await expect(copyText('a')).resolves.toBe(false);
    expect(log.at(-1)).toBe('remove');
  });
});
