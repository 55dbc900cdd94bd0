import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { highlight, languageOf, tokenize, type Language, type TokenKind } from '@/components/export/highlight';
import { exportGraph, EXPORT_TARGETS } from '@/engine/export';
import { buildFirstCnn } from '@/graph/templates/firstCnn';

/** The tokens that are not plain text, as [kind, text]. */
function marked(text: string, language: Language): [TokenKind, string][] {
  return tokenize(text, language)
    .filter((t) => t.kind !== 'plain')
    .map((t) => [t.kind, t.text]);
}

const joined = (text: string, language: Language) =>
  tokenize(text, language)
    .map((t) => t.text)
    .join('');

describe('tokenize: Python', () => {
  const cases: [string, string, [TokenKind, string][]][] = [
    ['escaped quotes stay inside the string', String.raw`s = "a \"q\" b" + 'it\'s'`, [['string', String.raw`"a \"q\" b"`], ['string', String.raw`'it\'s'`]]],
    ['a backslash before the closing quote escapes it', String.raw`p = "C:\\" # dir`, [['string', String.raw`"C:\\"`], ['comment', '# dir']]],
    ['prefixes belong to the string', String.raw`rb'\d' f"{x}" u"é"`, [['string', String.raw`rb'\d'`], ['string', 'f"{x}"'], ['string', 'u"é"']]],
    ['a triple-quoted string spans lines, with # and quotes inside', 'x = """doc # no\n\'q\' "" """\ny', [['string', 'x'.slice(1) + '"""doc # no\n\'q\' "" """']]],
    ['a # inside a string is not a comment; one after it is', `t = "#not"  # yes 'q'`, [['string', '"#not"'], ['comment', "# yes 'q'"]]],
    ['an unterminated string is left plain (Prism marks only whole strings)', 'x = "abc\ny = 1', [['number', '1']]],
    [
      'keywords, definitions, self and calls',
      'def forward(self, x):\n    return F.relu(x) if x is not None else x',
      [['keyword', 'def'], ['function', 'forward'], ['constant', 'self'], ['keyword', 'return'], ['type', 'F'], ['function', 'relu'], ['keyword', 'if'], ['keyword', 'is'], ['keyword', 'not'], ['constant', 'None'], ['keyword', 'else']],
    ],
    ['class names and layer types', 'class Net(nn.Module):\n    conv = nn.Conv2d(3, 16)', [['keyword', 'class'], ['type', 'Net'], ['type', 'Module'], ['type', 'Conv2d'], ['number', '3'], ['number', '16']]],
    ['numbers of every form; digits in names are not numbers', 'conv2 = 1e-3 + 0.5 + .25 + 0x1F + 1_000 + 3j', [['number', '1e-3'], ['number', '0.5'], ['number', '.25'], ['number', '0x1F'], ['number', '1_000'], ['number', '3j']]],
    ['a decorator at the start of a line; @ between operands is matrix product', '  @torch.no_grad()\ndef f(): return a @ b', [['decorator', '@torch.no_grad'], ['keyword', 'def'], ['function', 'f'], ['keyword', 'return']]],
    ['builtins called (print is a keyword to Prism, as in Python 2)', 'print(len(xs), range(3))', [['keyword', 'print'], ['builtin', 'len'], ['builtin', 'range'], ['number', '3']]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(marked(text, 'python')).toEqual(expected);
    expect(joined(text, 'python')).toBe(text);
  });
});

describe('tokenize: JavaScript and JSON', () => {
  const cases: [string, string, [TokenKind, string][]][] = [
    ['line and block comments', 'a = 1; // one\n/* two\n lines */ b', [['number', '1'], ['comment', '// one'], ['comment', '/* two\n lines */']]],
    ['escaped quotes', String.raw`const s = 'a\'b' + "c\"d";`, [['keyword', 'const'], ['string', String.raw`'a\'b'`], ['string', String.raw`"c\"d"`]]],
    ['a template literal keeps its ${} parts, braces and strings inside included', 'x = `a ${f("}")} b`;', [['string', '`a ${f("}")} b`']]],
    ['a regex after = with an escaped slash and a class holding a slash', String.raw`r = /a\/b[/]/g;`, [['string', String.raw`/a\/b[/]/g`]]],
    ['slashes after operands divide', 'y = a / b / (c) / 2;', [['number', '2']]],
    [
      'keywords, literals, calls and classes',
      'export function buildModel() { return tf.sequential({ trainable: true, bias: null }); }',
      [['keyword', 'export'], ['keyword', 'function'], ['function', 'buildModel'], ['keyword', 'return'], ['function', 'sequential'], ['constant', 'true'], ['constant', 'null']],
    ],
    ['numbers: bigint, hex, exponent', 'n = 10n + 0xff + 2.5e+3', [['number', '10n'], ['number', '0xff'], ['number', '2.5e+3']]],
    ['JSON keys and values', '{"a": [1, -2.5], "b": false}', [['string', '"a"'], ['number', '1'], ['number', '2.5'], ['string', '"b"'], ['constant', 'false']]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(marked(text, 'javascript')).toEqual(expected);
    expect(joined(text, 'javascript')).toBe(text);
  });
});

describe('tokenize: Markdown and plain text', () => {
  it('marks headings, fenced blocks and inline code', () => {
    const text = '# Title\nRun `python model.py` now.\n```sh\npython train.py\n```\n| a | b |\n';
    expect(marked(text, 'markdown')).toEqual([
      ['heading', '# Title'],
      ['string', '`python model.py`'],
      ['string', '```sh\npython train.py\n```'],
    ]);
    expect(joined(text, 'markdown')).toBe(text);
  });

  it('leaves plain text as one token', () => {
    expect(tokenize('a "b" # c', 'text')).toEqual([{ kind: 'plain', text: 'a "b" # c' }]);
    expect(tokenize('', 'text')).toEqual([]);
  });
});

describe('highlight', () => {
  it('renders HTML-like text escaped, never as markup', () => {
    const code = 'x = "</code><script>alert(1)</script>"  # <b>&amp;</b>\n<img src=x onerror=alert(2)>';
    const html = renderToStaticMarkup(createElement('pre', null, highlight(code, 'python')));
    expect(html).not.toMatch(/<script|<b>|<img/);
    expect(html).toContain('&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="text-slate-500 italic" data-token="comment"># &lt;b&gt;&amp;amp;&lt;/b&gt;</span>');
    expect(html).toContain('&lt;img src=x onerror=');
    expect(html.endsWith(')&gt;</pre>')).toBe(true);
  });

  it('wraps each marked token in a span with its kind and leaves plain text bare', () => {
    const html = renderToStaticMarkup(createElement('code', null, highlight('return 1', 'javascript')));
    expect(html).toBe('<code><span class="text-fuchsia-700" data-token="keyword">return</span> <span class="text-amber-700" data-token="number">1</span></code>');
  });

  it.each(EXPORT_TARGETS)('gives back every exported %s file of First CNN exactly, with its layer types marked', (target) => {
    const files = exportGraph(buildFirstCnn(), target).files;
    for (const f of files) {
      if (typeof f.content !== 'string') continue;
      expect(joined(f.content, languageOf(f.path))).toBe(f.content);
    }
    const main = files[0];
    const tokens = marked(main.content as string, languageOf(main.path));
    const expected: Record<typeof target, [TokenKind, string]> = {
      pytorch: ['type', 'Conv2d'],
      keras: ['type', 'Conv2D'],
      tfjs: ['function', 'conv2d'],
    };
    expect(tokens).toContainEqual(expected[target]);
    expect(tokens.filter(([k]) => k === 'comment').length).toBeGreaterThan(0);
  });
});

describe('languageOf', () => {
  it.each([
    ['model.py', 'python'],
    ['model.js', 'javascript'],
    ['model.json', 'javascript'],
    ['README.md', 'markdown'],
    ['weights.safetensors', 'text'],
    ['LICENSE', 'text'],
  ] as const)('%s -> %s', (path, language) => {
    expect(languageOf(path)).toBe(language);
  });
});
