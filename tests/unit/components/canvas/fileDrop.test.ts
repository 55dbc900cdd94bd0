import { describe, expect, it } from 'vitest';
import { filesLabel } from '@/components/canvas/fileDrop';

const file = (name: string, webkitRelativePath = '') => ({ name, webkitRelativePath });

describe('filesLabel: how the import dialog and the export name chosen files', () => {
  it.each<[string, ReturnType<typeof file>[], string]>([
    ['a folder picked', [file('model.json', 'skin/model.json'), file('a.bin', 'skin/a.bin')], 'skin'],
    ['one file', [file('classifier.onnx')], 'classifier.onnx'],
    ['model.json with its shards', [file('model.json'), file('group1-shard1of2.bin'), file('group1-shard2of2.bin')], 'model.json and 2 more files'],
    ['model.json with one shard', [file('group1-shard1of1.bin'), file('model.json')], 'model.json and 1 more file'],
    ['loose files without a model.json', [file('a.h5'), file('b.h5')], '2 files'],
  ])('%s -> %s', (_name, files, label) => {
    expect(filesLabel(files)).toBe(label);
  });
});
