import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../../../../engine/datasets/import/csv';

describe('parseCsv', () => {
  // input text -> rows, as RFC 4180 reads them
  it.each([
    ['plain LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
    ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['empty fields', 'a,,c\n,,\n', [['a', '', 'c'], ['', '', '']]],
    ['trailing comma', 'a,\n', [['a', '']]],
    ['quoted comma', '"x,y",z\n', [['x,y', 'z']]],
    ['doubled quote', '"say ""hi""",1\n', [['say "hi"', '1']]],
    ['quoted CRLF inside a field reads as LF', '"line1\r\nline2",2\r\n', [['line1\nline2', '2']]],
    ['mixed line breaks in one file', 'a\r\nb\nc\rd\r\n', [['a'], ['b'], ['c'], ['d']]],
    ['a quote inside an unquoted field is data', 'ab"c,d\n', [['ab"c', 'd']]],
    ['quoted empty field', '"",a\n', [['', 'a']]],
    ['byte-order mark', '\ufeffid,dx\n', [['id', 'dx']]],
    ['blank line kept as one empty field', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['spaces are data', ' a , b \n', [[' a ', ' b ']]],
  ])('%s', (_name, text, rows) => {
    const r = parseCsv(text);
    expect(r.rows).toEqual(rows);
    expect(r.problems).toEqual([]);
  });

  it('reads malformed quoting leniently and says so', () => {
    const trailing = parseCsv('x\n"ab"c,d\n');
    expect(trailing.rows[0]).toEqual(['x']);
    expect(trailing.problems).toContain('record 2: text after a closing quote');
    const open = parseCsv('"abc,d\n');
    expect(open.rows).toEqual([['abc,d\n']]);
    expect(open.problems).toEqual(['record 1: quote opened and never closed']);
  });
});

describe('parseCsvRecords', () => {
  it('keys records by the trimmed header, fills short rows with empty strings and skips blank lines', () => {
    const text = 'lesion_id, image_id ,dx,age\r\nHAM_1,ISIC_1,nv,80.0\r\n\r\nHAM_2,"ISIC_2",mel\r\n';
    const r = parseCsvRecords(text);
    expect(r.header).toEqual(['lesion_id', 'image_id', 'dx', 'age']);
    expect(r.records).toEqual([
      { line: 1, values: { lesion_id: 'HAM_1', image_id: 'ISIC_1', dx: 'nv', age: '80.0' } },
      { line: 3, values: { lesion_id: 'HAM_2', image_id: 'ISIC_2', dx: 'mel', age: '' } },
    ]);
  });
});
