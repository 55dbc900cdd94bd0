import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, readAutosave, writeAutosave, type KeyValueStorage } from '@/components/editor/persistence';
import { emptyDocument } from '@/graph/edit';
import { templateById } from '@/graph/templates';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';

/** A Map-backed stand-in for localStorage. */
function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('autosave', () => {
  it('gives back the document, settings and viewport exactly', () => {
    const storage = memoryStorage();
    const doc = { ...templateById('resnet')!.build(), name: 'My ResNet' };
    const viewport = { x: -120.5, y: 42.25, zoom: 0.8 };
    expect(writeAutosave(storage, { doc, settings: { batchSize: 8, sideTab: 'summary' }, viewport })).toBeNull();
    const back = readAutosave(storage);
    expect(back).toEqual({ ok: true, saved: { doc, settings: { batchSize: 8, sideTab: 'summary' }, viewport, lesson: null } });
  });

  it('is null when nothing was saved', () => {
    expect(readAutosave(memoryStorage())).toBeNull();
  });

  it.each([
    ['text that is not JSON', '{"document": ', 'damaged'],
    ['a document that does not validate', JSON.stringify({ document: { format: 'convas-graph', version: 1, nodes: 'x' } }), 'could not be restored'],
  ])('reports %s instead of restoring it', (_what, text, message) => {
    const storage = memoryStorage();
    storage.data.set(AUTOSAVE_KEY, text);
    const back = readAutosave(storage);
    expect(back).toMatchObject({ ok: false, error: expect.stringContaining(message) });
  });

  it('falls back to default settings and no viewport for junk in those fields', () => {
    const storage = memoryStorage();
    writeAutosave(storage, { doc: emptyDocument({ id: 'skin-lesions' }), settings: { batchSize: 32, sideTab: 'inspector' }, viewport: null });
    const raw = JSON.parse(storage.data.get(AUTOSAVE_KEY)!);
    storage.data.set(AUTOSAVE_KEY, JSON.stringify({ ...raw, settings: { batchSize: -3, sideTab: 'nope' }, viewport: { x: 1, y: 2, zoom: 0 } }));
    const back = readAutosave(storage);
    expect(back).toMatchObject({ ok: true, saved: { settings: { batchSize: 32, sideTab: 'inspector' }, viewport: null } });
  });

  it('says so when the browser refuses to store (quota, private mode)', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const error = writeAutosave(full, { doc: emptyDocument({ id: 'skin-lesions' }), settings: { batchSize: 32, sideTab: 'inspector' }, viewport: null });
    expect(error).toContain('QuotaExceededError');
    expect(error).toContain('Save your graph to a file');
  });

  it('keeps the open lesson and its best goal value', () => {
    const storage = memoryStorage();
    const lesson = buildFirstCnnLesson();
    const settings = { batchSize: 32, sideTab: 'inspector' } as const;
    writeAutosave(storage, { doc: lesson.document, settings, viewport: null, lesson: { lesson, best: 0.42 } });
    const back = readAutosave(storage);
    expect(back).toMatchObject({ ok: true, saved: { lesson: { best: 0.42, lesson: { title: lesson.title, locks: lesson.locks, goal: lesson.goal } } } });
    if (!back?.ok) throw new Error('not restored');
    expect(back.saved.lesson?.lesson.document.nodes.map((n) => n.type)).toEqual(lesson.document.nodes.map((n) => n.type));
  });

  it('restores the graph without the lesson when the saved lesson no longer validates', () => {
    const storage = memoryStorage();
    const lesson = buildFirstCnnLesson();
    writeAutosave(storage, { doc: lesson.document, settings: { batchSize: 32, sideTab: 'inspector' }, viewport: null, lesson: { lesson, best: null } });
    const raw = JSON.parse(storage.data.get(AUTOSAVE_KEY)!);
    storage.data.set(AUTOSAVE_KEY, JSON.stringify({ ...raw, lesson: { ...raw.lesson, lesson: { ...raw.lesson.lesson, goal: { metric: 'speed' } } } }));
    const back = readAutosave(storage);
    expect(back).toMatchObject({ ok: true, saved: { lesson: null } });
    if (!back?.ok) throw new Error('not restored');
    expect(back.saved.doc.name).toBe('Lesson 1: first CNN');
  });
});
