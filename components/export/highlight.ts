import { createElement, type ReactNode } from 'react';

/**
 * A small syntax highlighter for the exported files: one pass over the text cutting it into tokens
 * (keywords, strings, comments, numbers...), rendered as React elements. The text only ever becomes React
 * text children, which React escapes, so a node named `</pre><script>` shows as those characters; no HTML is
 * built from strings. Tokens are lossless: joined, they give the input back exactly.
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

const words = (s: string) => new Set(s.split(' '));

const PYTHON = {
  keywords: words(
    'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield',
  ),
  constants: words('True False None self cls'),
  builtins: words(
    'abs all any bool dict enumerate filter float format getattr hasattr int isinstance iter len list map max min next object open print range repr reversed round set setattr sorted str sum super tuple type zip Exception ValueError RuntimeError KeyError TypeError FileNotFoundError',
  ),
  /** After these the next name is being defined. */
  definers: words('def class'),
};

const JAVASCRIPT = {
  keywords: words(
    'as async await break case catch class const continue debugger default delete do else export extends finally for from function if import in instanceof let new of return static super switch throw try typeof var void while with yield',
  ),
  constants: words('true false null undefined NaN Infinity this'),
  builtins: words('Array Math Number Object Promise String JSON Float32Array Uint8Array console'),
  definers: words('function class'),
  /** After these a `/` starts a regular expression, not a division. */
  beforeRegex: words('return typeof case in of new delete void throw yield await else do'),
};

const PY_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const PY_NUMBER = /(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;
const JS_NUMBER = /(?:0[xX][0-9a-fA-F_]+n?|0[bB][01_]+n?|0[oO][0-7_]+n?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?)/y;
const PY_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const JS_NAME = /[A-Za-z_$][A-Za-z0-9_$]*/y;

/** The match of a sticky regex at `at`, or ''. */
function matchAt(re: RegExp, text: string, at: number): string {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? '';
}

/** Collects tokens, merging neighbours of the same kind. */
class Tokens {
  readonly list: Token[] = [];
  push(kind: TokenKind, text: string): void {
    if (!text) return;
    const last = this.list.at(-1);
    if (last && last.kind === kind) last.text += text;
    else this.list.push({ kind, text });
  }
}

/**
 * End of a quoted string starting at `start` (on its opening quote) with `quote` (' " ''' """ or `):
 * a backslash escapes the next character; a one-line string also ends, unterminated, before a newline.
 */
function stringEnd(text: string, start: number, quote: string): number {
  const multiline = quote.length === 3 || quote === '`';
  let i = start + quote.length;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (text.startsWith(quote, i)) return i + quote.length;
    else if (c === '\n' && !multiline) return i;
    else i++;
  }
  return text.length;
}

/** The kind of a name, from the word lists and what surrounds it. */
function nameKind(
  word: string,
  next: string,
  defining: boolean,
  lists: { keywords: Set<string>; constants: Set<string>; builtins: Set<string> },
): TokenKind {
  if (lists.keywords.has(word)) return 'keyword';
  if (lists.constants.has(word)) return 'constant';
  if (defining) return /^[A-Z]/.test(word) ? 'type' : 'function';
  if (lists.builtins.has(word)) return next === '(' ? 'builtin' : /^[A-Z]/.test(word) ? 'type' : 'builtin';
  if (/^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(word)) return 'type';
  if (next === '(') return 'function';
  return 'plain';
}

function tokenizePython(text: string): Token[] {
  const out = new Tokens();
  let i = 0;
  let defining = false;
  let lineStart = true;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      out.push('plain', c);
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      out.push('plain', c);
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      out.push('comment', text.slice(i, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '@' && atLineStart) {
      const name = matchAt(/@[A-Za-z_][A-Za-z0-9_.]*/y, text, i);
      if (name.length > 1) {
        out.push('decorator', name);
        i += name.length;
        continue;
      }
    }
    const word = matchAt(PY_NAME, text, i);
    if (word) {
      const after = text[i + word.length];
      if ((after === '"' || after === "'") && PY_PREFIX.test(word)) {
        const quote = text.startsWith(after.repeat(3), i + word.length) ? after.repeat(3) : after;
        const end = stringEnd(text, i + word.length, quote);
        out.push('string', text.slice(i, end));
        i = end;
        continue;
      }
      out.push(nameKind(word, after ?? '', defining, PYTHON), word);
      defining = PYTHON.definers.has(word);
      i += word.length;
      continue;
    }
    defining = false;
    if (c === '"' || c === "'") {
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const end = stringEnd(text, i, quote);
      out.push('string', text.slice(i, end));
      i = end;
      continue;
    }
    const number = matchAt(PY_NUMBER, text, i);
    if (number) {
      out.push('number', number);
      i += number.length;
      continue;
    }
    out.push('plain', c);
    i++;
  }
  return out.list;
}

/**
 * End of a regular expression literal starting at `start` (on its `/`), flags included, or -1 when the line
 * ends first (then the slash was a division after all).
 */
function regexEnd(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') return -1;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '/' && !inClass) return i + 1 + matchAt(/[a-z]*/y, text, i + 1).length;
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    i++;
  }
  return -1;
}

/** End of a template literal: its `${...}` parts (with their braces and strings) belong to it. */
function templateEnd(text: string, start: number): number {
  let i = start + 1;
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (depth === 0 && c === '`') return i + 1;
    else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i += 2;
    } else if (depth > 0 && (c === '"' || c === "'" || c === '`')) i = c === '`' ? templateEnd(text, i) : stringEnd(text, i, c);
    else {
      if (depth > 0 && c === '{') depth++;
      if (depth > 0 && c === '}') depth--;
      i++;
    }
  }
  return text.length;
}

function tokenizeJavaScript(text: string): Token[] {
  const out = new Tokens();
  let i = 0;
  let defining = false;
  // The last token that was not blank or a comment: decides whether `/` divides or starts a regex.
  let previous: Token | null = null;
  const emit = (kind: TokenKind, value: string) => {
    out.push(kind, value);
    previous = { kind, text: value };
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      out.push('plain', c);
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      out.push('comment', text.slice(i, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      out.push('comment', text.slice(i, end));
      i = end;
      continue;
    }
    const word = matchAt(JS_NAME, text, i);
    if (word) {
      emit(nameKind(word, text[i + word.length] ?? '', defining, JAVASCRIPT), word);
      defining = JAVASCRIPT.definers.has(word);
      i += word.length;
      continue;
    }
    defining = false;
    if (c === '"' || c === "'" || c === '`') {
      const end = c === '`' ? templateEnd(text, i) : stringEnd(text, i, c);
      emit('string', text.slice(i, end));
      i = end;
      continue;
    }
    if (c === '/') {
      const p = previous as Token | null;
      const regexAllowed = !p || (p.kind === 'plain' ? /[(,=:[!&|?{};+\-*%<>~^]$/.test(p.text) : p.kind === 'keyword' && JAVASCRIPT.beforeRegex.has(p.text));
      const end = regexAllowed ? regexEnd(text, i) : -1;
      if (end > 0) {
        emit('string', text.slice(i, end));
        i = end;
        continue;
      }
    }
    const number = matchAt(JS_NUMBER, text, i);
    if (number) {
      emit('number', number);
      i += number.length;
      continue;
    }
    emit('plain', c);
    i++;
  }
  return out.list;
}

/** Markdown: headings, fenced code blocks and inline code stand out; the rest is plain. */
function tokenizeMarkdown(text: string): Token[] {
  const out = new Tokens();
  let fenced = false;
  for (const line of text.split(/(?<=\n)/)) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      out.push('comment', line);
    } else if (fenced) out.push('string', line);
    else if (/^#{1,6} /.test(line)) out.push('heading', line);
    else {
      let at = 0;
      for (const m of line.matchAll(/`[^`\n]+`/g)) {
        out.push('plain', line.slice(at, m.index));
        out.push('string', m[0]);
        at = m.index + m[0].length;
      }
      out.push('plain', line.slice(at));
    }
  }
  return out.list;
}

/**
 * The text cut into tokens. Lossless: `tokenize(t, l).map((x) => x.text).join('') === t`.
 *
 * @example tokenize('x = 1  # one', 'python')
 * // [{plain 'x = '}, {number '1'}, {plain '  '}, {comment '# one'}]
 */
export function tokenize(text: string, language: Language): Token[] {
  switch (language) {
    case 'python':
      return tokenizePython(text);
    case 'javascript':
      return tokenizeJavaScript(text);
    case 'markdown':
      return tokenizeMarkdown(text);
    case 'text':
      return text ? [{ kind: 'plain', text }] : [];
  }
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
