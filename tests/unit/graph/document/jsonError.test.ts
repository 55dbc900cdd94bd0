import { describe, expect, it } from 'vitest';
import { describeJsonError, locateJsonError } from '@/graph/document/jsonError';

describe('locateJsonError', () => {
  it.each<[string, string, number, number, number, string, boolean]>([
    // [what, text, offset, line, column, problem, atEnd]
    ['trailing comma in an object', '{"a": 1,}', 8, 1, 9, "expected a property name in double quotes but found '}'", false],
    ['trailing comma in a list', '[1, 2,]', 6, 1, 7, "expected a value but found ']'", false],
    ['missing comma on the next line', '{\n  "a": 1\n  "b": 2\n}', 13, 3, 3, "expected ',' or '}' but found '\"'", false],
    ['missing colon', '{"a" 1}', 5, 1, 6, "expected ':' after the property name but found '1'", false],
    ['single quotes', "{'a': 1}", 1, 1, 2, "expected a property name in double quotes but found '''", false],
    ['a bare word', 'hello', 0, 1, 1, "expected a value but found 'h'", false],
    ['text after the value', '[1] 2', 4, 1, 5, "unexpected '2' after the end of the JSON value", false],
    ['a leading zero', '01', 1, 1, 2, "unexpected '1' after the end of the JSON value", false],
    ['a lone minus', '[-]', 2, 1, 3, "a number needs a digit but found ']'", false],
    ['a bare decimal point', '[1.e5]', 3, 1, 4, "a number needs a digit after the decimal point but found 'e'", false],
    ['an empty exponent', '[1e+]', 4, 1, 5, "a number needs a digit in its exponent but found ']'", false],
    ['a bad escape', '"a\\x"', 2, 1, 3, "'\\x' is not a valid escape in a string", false],
    ['a short unicode escape', '"\\u12g4"', 1, 1, 2, 'a \\u escape needs four hex digits', false],
    ['a raw line break in a string', '"a\nb"', 2, 1, 3, 'a line break inside a string (it must be escaped)', false],
    ['a raw control character', '"a\u0001"', 2, 1, 3, 'the control character U+0001 inside a string (it must be escaped)', false],
    ['cut after a comma', '{"a": [1,\n 2,', 13, 2, 4, 'the text ends before the JSON is complete', true],
    ['cut inside a string', '{"na', 4, 1, 5, 'the text ends inside a string', true],
    ['cut inside an escape', '"ab\\', 4, 1, 5, 'the text ends inside a string', true],
    ['cut inside a number', '[12.', 4, 1, 5, 'the text ends inside a number', true],
    ['cut inside a literal', '[tru', 4, 1, 5, "the text ends inside 'true'", true],
    ['empty', '', 0, 1, 1, 'the text is empty', true],
  ])('%s', (_what, text, offset, line, column, problem, atEnd) => {
    expect(locateJsonError(text)).toEqual({ offset, line, column, problem, atEnd });
  });

  it.each([
    '{}',
    '[]',
    ' {"a": [1, -0.5e-3, 2E+10, 0, true, false, null, {"x": "\\u00e9\\n\\"\\\\\\/"}], "b": {}} \n',
    '"just a string"',
    '-0',
  ])('finds nothing wrong in valid JSON %j (and agrees with JSON.parse)', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(locateJsonError(text)).toBeNull();
  });

  it('agrees with JSON.parse on every prefix of a document', () => {
    const text = JSON.stringify({ format: 'convas-graph', nodes: [{ id: 'a', x: -1.5e3, ok: true, t: 'q"\\' }], n: null }, null, 1);
    for (let i = 0; i <= text.length; i++) {
      const prefix = text.slice(0, i);
      let valid = true;
      try {
        JSON.parse(prefix);
      } catch {
        valid = false;
      }
      expect(locateJsonError(prefix) === null, `prefix of length ${i}: ${prefix}`).toBe(valid);
    }
  });
});

describe('describeJsonError', () => {
  it.each([
    ['{"a": 1,}', "The text is not valid JSON: expected a property name in double quotes but found '}' at line 1, column 9 (position 8)."],
    ['[1, 2', 'The text is not valid JSON: the text ends before the JSON is complete at line 1, column 6 (position 5). The file may have been cut short.'],
    [' \n ', 'The text is empty: there is no graph in it.'],
  ])('%j -> %j', (text, message) => {
    expect(describeJsonError(text, 'engine message')).toBe(message);
  });

  it('falls back to the engine message when the scanner finds no error', () => {
    expect(describeJsonError('{}', 'Weird engine failure')).toBe('The text is not valid JSON (Weird engine failure).');
  });
});
