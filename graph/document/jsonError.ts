/**
 * Where and why a text is not JSON. JSON.parse's messages differ between engines (V8 often gives no
 * position, Safari says only "Unexpected EOF"), so after it fails this small scanner finds the first
 * error itself, giving every browser the same message with a line, column and offset.
 * Iterative (an explicit stack), linear in the text: safe on deeply nested or huge junk.
 */

/** The first JSON syntax error in a text. */
export interface JsonErrorAt {
  /** 0-based index into the text (UTF-16 code units). */
  offset: number;
  /** 1-based line and column of `offset`. */
  line: number;
  column: number;
  /** What is wrong there, e.g. "expected ',' or '}' but found '\"'". */
  problem: string;
  /** The text stopped before the JSON was complete (typically a truncated file). */
  atEnd: boolean;
}

type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after';

const LITERALS = ['true', 'false', 'null'];
const ESCAPES = '"\\/bfnrt';
const HEX = /^[0-9a-fA-F]{4}$/;

/** A character as a message shows it. */
export function describeChar(c: string): string {
  const names: Record<string, string> = { '\n': 'a line break', '\r': 'a carriage return', '\t': 'a tab' };
  if (names[c]) return names[c];
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${c}'`;
}

function at(text: string, offset: number, problem: string, atEnd = false): JsonErrorAt {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1, problem, atEnd };
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Scans a string literal starting at the opening quote; returns the index after the closing quote or an error. */
function scanString(text: string, start: number): number | JsonErrorAt {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const code = text.charCodeAt(j);
    if (code === 34 /* " */) return j + 1;
    if (code === 92 /* \ */) {
      if (j + 1 >= n) break;
      const e = text[j + 1];
      if (e === 'u') {
        if (j + 6 > n) break;
        if (!HEX.test(text.slice(j + 2, j + 6))) return at(text, j, 'a \\u escape needs four hex digits');
        j += 6;
      } else if (ESCAPES.includes(e)) {
        j += 2;
      } else {
        return at(text, j, `'\\${e}' is not a valid escape in a string`);
      }
      continue;
    }
    if (code < 0x20) return at(text, j, `${describeChar(text[j])} inside a string (it must be escaped)`);
    j++;
  }
  return at(text, n, 'the text ends inside a string', true);
}

function skipDigits(text: string, from: number): number {
  let k = from;
  while (k < text.length && isDigit(text.charCodeAt(k))) k++;
  return k;
}

/** Null when text[k] is a digit, else the error of a number that needs one there. */
function needDigit(text: string, k: number, what: string): JsonErrorAt | null {
  if (k >= text.length) return at(text, k, 'the text ends inside a number', true);
  return isDigit(text.charCodeAt(k)) ? null : at(text, k, `a number needs ${what} but found ${describeChar(text[k])}`);
}

/** Scans a number (-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?) from `start`; returns the index after it or an error. */
function scanNumber(text: string, start: number): number | JsonErrorAt {
  let j = start;
  if (text.charCodeAt(j) === 45 /* - */) j++;
  const first = needDigit(text, j, 'a digit');
  if (first) return first;
  j = text.charCodeAt(j) === 48 /* 0 */ ? j + 1 : skipDigits(text, j);
  if (text.charCodeAt(j) === 46 /* . */) {
    const frac = needDigit(text, j + 1, 'a digit after the decimal point');
    if (frac) return frac;
    j = skipDigits(text, j + 1);
  }
  if ((text.charCodeAt(j) | 32) === 101 /* e or E */) {
    j++;
    if (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) j++;
    const exp = needDigit(text, j, 'a digit in its exponent');
    if (exp) return exp;
    j = skipDigits(text, j);
  }
  return j;
}

/**
 * The first syntax error in `text` read as JSON, or null when it is valid JSON.
 *
 * @example locateJsonError('{"a": 1,}') // { offset: 8, line: 1, column: 9, problem: "expected a property name in double quotes but found '}'", atEnd: false }
 */
export function locateJsonError(text: string): JsonErrorAt | null {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let state: State = 'value';
  let i = 0;
  for (;;) {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return null;
      return at(text, n, n === 0 ? 'the text is empty' : 'the text ends before the JSON is complete', true);
    }
    const c = text[i];
    switch (state) {
      case 'valueOrClose':
      case 'value': {
        if (state === 'valueOrClose' && c === ']') {
          stack.pop();
          i++;
          state = 'after';
        } else if (c === '{') {
          stack.push('{');
          i++;
          state = 'keyOrClose';
        } else if (c === '[') {
          stack.push('[');
          i++;
          state = 'valueOrClose';
        } else if (c === '"') {
          const r = scanString(text, i);
          if (typeof r !== 'number') return r;
          i = r;
          state = 'after';
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          const r = scanNumber(text, i);
          if (typeof r !== 'number') return r;
          i = r;
          state = 'after';
        } else {
          const lit = LITERALS.find((l) => l[0] === c);
          if (lit !== undefined && text.startsWith(lit, i)) {
            i += lit.length;
            state = 'after';
          } else if (lit !== undefined && i + lit.length > n && lit.startsWith(text.slice(i))) {
            return at(text, n, `the text ends inside '${lit}'`, true);
          } else {
            return at(text, i, `expected a value but found ${describeChar(c)}`);
          }
        }
        break;
      }
      case 'keyOrClose':
      case 'key': {
        if (state === 'keyOrClose' && c === '}') {
          stack.pop();
          i++;
          state = 'after';
        } else if (c === '"') {
          const r = scanString(text, i);
          if (typeof r !== 'number') return r;
          i = r;
          state = 'colon';
        } else {
          return at(text, i, `expected a property name in double quotes but found ${describeChar(c)}`);
        }
        break;
      }
      case 'colon': {
        if (c !== ':') return at(text, i, `expected ':' after the property name but found ${describeChar(c)}`);
        i++;
        state = 'value';
        break;
      }
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return at(text, i, `unexpected ${describeChar(c)} after the end of the JSON value`);
        const close = top === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          state = top === '{' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
        } else {
          return at(text, i, `expected ',' or '${close}' but found ${describeChar(c)}`);
        }
        break;
      }
    }
  }
}

/**
 * A user-facing sentence for a text JSON.parse rejected, e.g.
 * "The text is not valid JSON: expected ',' or '}' but found '\"' at line 3, column 7 (position 41)."
 * `engineMessage` is JSON.parse's own message, used only if the scanner finds nothing (it should not).
 */
export function describeJsonError(text: string, engineMessage: string): string {
  if (text.trim() === '') return 'The text is empty: there is no graph in it.';
  const e = locateJsonError(text);
  if (e === null) return `The text is not valid JSON (${engineMessage}).`;
  const where = `line ${e.line}, column ${e.column} (position ${e.offset})`;
  if (e.atEnd && e.offset > 0) {
    return `The text is not valid JSON: ${e.problem} at ${where}. The file may have been cut short.`;
  }
  return `The text is not valid JSON: ${e.problem} at ${where}.`;
}
