import Prism from 'prismjs';
import 'prismjs/components/prism-python';
import 'prismjs/components/prism-markdown';
import { createElement, type ReactNode } from 'react';

/**
 * Syntax highlighting for the exported files, by Prism (its core, which carries JavaScript, and the Python
 * and Markdown grammars; nothing is fetched). Prism only cuts the text into tokens here, through
 * `Prism.tokenize` (never its HTML output or its automatic highlighting of `language-*` elements, which
 * no element of ours has); the rendering is ours: the text only ever becomes React text children, which React escapes,
 * so a node named `</pre><script>` shows as those characters and no HTML is built from strings. Tokens are
 * lossless: joined, they give the input back exactly.
 */

/** Languages of the export's files. JSON goes through the JavaScript rules (strings, numbers, literals). */
export type Language = 'python' | 'javascript' | 'markdown' | 'text';

export type TokenKind =
  | 'keyword'
  | 'constant'
  | 'builtin'
  | 'type'
  | 'function'
  | 'decorator'
  | 'string'
  | 'comment'
  | 'number'
  | 'heading'
  | 'plain';

/** A run of text of one kind. */
export interface Token {
  kind: TokenKind;
  text: string;
}

/** The language of a file, from its extension. */
export function languageOf(path: string): Language {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'py') return 'python';
  if (ext === 'js' || ext === 'mjs' || ext === 'ts' || ext === 'json') return 'javascript';
  if (ext === 'md') return 'markdown';
  return 'text';
}

/** Prism's token types (and aliases) as our few kinds; anything not listed (punctuation, operators) is plain. */
const KIND_OF: Readonly<Record<string, TokenKind>> = {
  keyword: 'keyword',
  boolean: 'constant',
  constant: 'constant',
  null: 'constant',
  nil: 'constant',
  builtin: 'builtin',
  'class-name': 'type',
  function: 'function',
  method: 'function',
  decorator: 'decorator',
  annotation: 'decorator',
  string: 'string',
  'template-string': 'string',
  'string-interpolation': 'string',
  'triple-quoted-string': 'string',
  regex: 'string',
  char: 'string',
  code: 'string',
  'code-snippet': 'string',
  comment: 'comment',
  number: 'number',
  title: 'heading',
};

type PrismToken = string | { type: string; alias?: string | string[]; content: PrismToken | PrismToken[] };

function textOf(token: PrismToken | PrismToken[]): string {
  if (typeof token === 'string') return token;
  if (Array.isArray(token)) return token.map(textOf).join('');
  return textOf(token.content);
}

/** The kind of a Prism token: an alias that names a constant (JavaScript's `null` is a keyword aliased `null`) first. */
function kindOf(token: Exclude<PrismToken, string>): TokenKind {
  // A quoted key ("a": in JSON) is a string; a bare one (trainable:) stays plain.
  if ((token.type === 'property' || token.type === 'string-property') && /^["']/.test(textOf(token))) return 'string';
  const aliases = token.alias === undefined ? [] : Array.isArray(token.alias) ? token.alias : [token.alias];
  for (const a of aliases) if (KIND_OF[a] === 'constant') return 'constant';
  return KIND_OF[token.type] ?? aliases.map((a) => KIND_OF[a]).find((k) => k !== undefined) ?? 'plain';
}

/**
 * Prism's Python grammar marks only definitions; exported models read better with what the hand-written
 * highlighter marked too: `self` and `cls`, class and layer names (`nn.Conv2d`, `keras.layers.Dense`) and
 * calls. Added once to the grammar (after booleans, so `True` stays a constant).
 */
Prism.languages.insertBefore('python', 'number', {
  'self-name': { pattern: /\b(?:self|cls)\b/, alias: 'constant' },
  'type-name': { pattern: /\b[A-Z][A-Za-z0-9_]*\b/, alias: 'class-name' },
  call: { pattern: /\b[a-z_][A-Za-z0-9_]*(?=\s*\()/, alias: 'function' },
});

/** JavaScript's empty values read as constants, as `true` and `false` do. */
Prism.languages.insertBefore('javascript', 'keyword', {
  'empty-value': { pattern: /\b(?:null|undefined|NaN|Infinity)\b/, alias: 'constant' },
});

const GRAMMAR: Record<Exclude<Language, 'text'>, string> = { python: 'python', javascript: 'javascript', markdown: 'markdown' };

/**
 * The text cut into tokens. Lossless: `tokenize(t, l).map((x) => x.text).join('') === t`. A token Prism nests
 * (a decorator's dotted name, a Markdown heading with its `#`) stays one token of the outer kind.
 *
 * @example tokenize('x = 1  # one', 'python')
 * // [{plain 'x = '}, {number '1'}, {plain '  '}, {comment '# one'}]
 */
export function tokenize(text: string, language: Language): Token[] {
  if (language === 'text') return text ? [{ kind: 'plain', text }] : [];
  const out: Token[] = [];
  for (const token of Prism.tokenize(text, Prism.languages[GRAMMAR[language]]) as PrismToken[]) {
    const kind = typeof token === 'string' ? 'plain' : kindOf(token);
    const piece = textOf(token);
    const last = out.at(-1);
    if (last && last.kind === kind && kind === 'plain') last.text += piece;
    else if (piece) out.push({ kind, text: piece });
  }
  return out;
}

/** Tailwind classes per token kind (a light theme matching the app's slate and indigo). */
export const TOKEN_CLASS = {
  keyword: 'text-fuchsia-700',
  constant: 'text-blue-700',
  builtin: 'text-sky-700',
  type: 'text-teal-700',
  function: 'text-indigo-700',
  decorator: 'text-orange-700',
  string: 'text-emerald-700',
  comment: 'text-slate-500 italic',
  number: 'text-amber-700',
  heading: 'font-semibold text-slate-900',
  plain: '',
} satisfies Record<TokenKind, string>;

/**
 * Tokens as React nodes: plain text as strings, the rest as `<span data-token="kind">`. React escapes every
 * piece of text, whatever it contains.
 */
export function renderTokens(tokens: readonly Token[]): ReactNode[] {
  return tokens.map((t, i) => (t.kind === 'plain' ? t.text : createElement('span', { key: i, className: TOKEN_CLASS[t.kind], 'data-token': t.kind }, t.text)));
}

/**
 * Highlighted code as React nodes, for a `<pre><code>`.
 *
 * @example <pre><code>{highlight(file.content, languageOf(file.path))}</code></pre>
 */
export function highlight(text: string, language: Language): ReactNode[] {
  return renderTokens(tokenize(text, language));
}
