/**
 * Identifiers and escapers: hostile node names become valid, unique, readable identifiers, and user text in
 * strings and comments can neither end them nor start a new line of code. (That the escaped literals mean
 * exactly the original text in Python is checked by python.test.ts, which reads CLASSES back with `ast`.)
 */
import { describe, expect, it } from 'vitest';
import { assignNames, commentText, identifierStem, jsString, pyString, RESERVED_NAMES } from '@/engine/export/identifiers';
import { markdownText } from '../../../../engine/export/readme';

describe('identifierStem', () => {
  it.each([
    ['conv2d_1', 'conv2d_1'],
    ['Conv Block 1', 'conv_block_1'],
    ['myConv', 'my_conv'],
    ['HTTPServer', 'http_server'],
    ['x"); import os; #', 'x_import_os'],
    ['a\nb = 1', 'a_b_1'],
    ['__init__', 'init'],
    ['Ünïcödé 名前', 'unicode'],
    ['1st layer', 'layer_1st_layer'],
    ['', ''],
    ['   ', ''],
    ['名前', ''],
    ['a'.repeat(60), 'a'.repeat(40)],
    [`${'b'.repeat(39)}_c`, 'b'.repeat(39)],
  ])('%j -> %j', (name, stem) => {
    expect(identifierStem(name)).toBe(stem);
  });
});

describe('assignNames', () => {
  it('is valid in Python and JavaScript, unique, avoids reserved words, falls back to the type name', () => {
    const names = assignNames([
      { name: 'class', fallback: 'conv2d' },
      { name: 'Class', fallback: 'conv2d' },
      { name: 'train', fallback: 'dense' },
      { name: 'forward', fallback: 'dense' },
      { name: '', fallback: 'max_pooling2d' },
      { name: '名前', fallback: 'max_pooling2d' },
      { name: 'conv', fallback: 'conv2d' },
      { name: 'Conv!', fallback: 'conv2d' },
      { name: 'conv_2', fallback: 'conv2d' },
      { name: 'input', fallback: 'input' },
      { name: 'sum', fallback: 'add' },
      { name: '!!!', fallback: '' },
    ]);
    expect(names).toEqual([
      'class_',
      'class_2',
      'train_',
      'forward_',
      'max_pooling2d',
      'max_pooling2d_2',
      'conv',
      'conv_2',
      'conv_2_2',
      'input_',
      'sum_',
      'layer',
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('reserves Python keywords and builtins, nn.Module attributes, JavaScript words and the code\'s own names', () => {
    for (const word of ['def', 'lambda', 'print', 'eval', 'state_dict', 'parameters', 'function', 'const', 'tf', 'torch', 'self', 'x', 'model']) {
      expect(RESERVED_NAMES.has(word), word).toBe(true);
    }
    expect(RESERVED_NAMES.has('conv2d')).toBe(false);
  });
});

describe('pyString', () => {
  it.each([
    ['plain', '"plain"'],
    ['x"); import os; #', '"x\\"); import os; #"'],
    ['back\\slash', '"back\\\\slash"'],
    ['new\nline\r', '"new\\x0aline\\x0d"'],
    ['é', '"\\xe9"'],
    ['名', '"\\u540d"'],
    ['\u2028', '"\\u2028"'],
    ['🙂', '"\\U0001f642"'],
    ['"""', '"\\"\\"\\""'],
  ])('%j -> %s', (text, literal) => {
    expect(pyString(text)).toBe(literal);
  });
});

describe('jsString', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['a\nb', "'a\\u000ab'"],
    ['\u2028', "'\\u2028'"],
    ['</script>', "'\\u003c/script\\u003e'"],
    ['🙂', "'\\ud83d\\ude42'"],
  ])('%j -> %s', (text, literal) => {
    expect(jsString(text)).toBe(literal);
    // A JavaScript parser reads the literal back as exactly the original text.
    expect(new Function(`return ${literal};`)()).toBe(text);
  });
});

describe('commentText', () => {
  it.each([
    ['a\nimport os', 'a\\u000aimport os'],
    ['x */ alert(1) /*', 'x *\\u002f alert(1) /*'],
    ['"""', '\\u0022\\u0022\\u0022'],
    ['trailing\\', 'trailing\\u005c'],
    ['<b>`code`</b>', '\\u003cb\\u003e\\u0060code\\u0060\\u003c/b\\u003e'],
    ['\u2028\r', '\\u2028\\u000d'],
  ])('%j -> %s', (text, safe) => {
    expect(commentText(text)).toBe(safe);
  });

  it('cuts long text with an ellipsis', () => {
    expect(commentText('abcdef', 3)).toBe('abc...');
    expect(commentText('abc', 3)).toBe('abc');
  });
});

describe('markdownText (issue 13)', () => {
  it('escapes link, image, emphasis and HTML syntax from graph names', () => {
    expect(markdownText('![t](http://evil.example/x.png)')).toBe('\\!\\[t\\]\\(http://evil.example/x.png\\)');
    expect(markdownText('[click](javascript:alert)')).not.toMatch(/(^|[^\\])\[/);
    expect(markdownText('plain name 1')).toBe('plain name 1');
  });
});
