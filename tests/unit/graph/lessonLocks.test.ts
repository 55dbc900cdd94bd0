import { describe, expect, it } from 'vitest';
import { type ActiveLocks, keyEditable, keyHidden } from '@/graph/lessonLocks';

const locks: ActiveLocks = {
  editable: ['training.learningRate', 'Conv2D.filters', 'training.optimizer'],
  hidden: ['palette', 'settings', 'export'],
  allowStructureEdits: false,
};

describe('keyEditable', () => {
  it.each([
    ['training.learningRate', true],
    ['Conv2D.filters', true],
    ['Conv2D.kernelSize', false],
    ['Dense.units', false],
    ['training.epochs', false],
    ['structure', false],
    ['task', false],
    // Listed as editable but its control is hidden (settings hides settings.optimizer): hidden wins.
    ['settings.optimizer', false],
  ])('with lesson 1 locks, %s editable: %s', (key, expected) => {
    expect(keyEditable(locks, key)).toBe(expected);
  });

  it('allows structure edits when the lesson does', () => {
    expect(keyEditable({ ...locks!, allowStructureEdits: true }, 'structure')).toBe(true);
  });

  it.each(['structure', 'task', 'Conv2D.kernelSize', 'anything'])('without a lesson %s is editable', (key) => {
    expect(keyEditable(null, key)).toBe(true);
  });
});

describe('keyHidden', () => {
  it.each([
    ['palette', true],
    ['settings.optimizer', true],
    ['settingsPanel', false],
    ['export', true],
    ['inspector', false],
  ])('%s hidden: %s', (id, expected) => {
    expect(keyHidden(locks, id)).toBe(expected);
  });

  it('hides nothing without a lesson', () => {
    expect(keyHidden(null, 'palette')).toBe(false);
  });
});
