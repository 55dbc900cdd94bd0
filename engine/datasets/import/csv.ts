import Papa from 'papaparse';

/**
 * RFC 4180 CSV, read by papaparse: fields separated by commas, records by LF, CRLF or a lone CR (mixed in
 * one file too), fields optionally in double quotes, a doubled quote inside quotes is one quote, quoted
 * fields may hold commas and line breaks. Empty fields stay ''. A trailing line break does not make an empty
 * last record; a UTF-8 byte-order mark is dropped.
 *
 * Line breaks are made LF before parsing, because papaparse takes one line-break style per file (the first it
 * sees) and would glue records of a file whose rows were appended with another style; the cost is that a line
 * break inside a quoted field reads as LF. Malformed quoting (a quote opened and never closed, text after a
 * closing quote) is read leniently rather than rejected, and reported in `problems`; a quote in the middle of
 * an unquoted field is data, as papaparse and spreadsheets read it.
 *
 * Example: parseCsv('a,"b,c"\r\n1,\r\n').rows -> [['a', 'b,c'], ['1', '']]
 */
export function parseCsv(text: string): { rows: string[][]; problems: string[] } {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  if (body === '') return { rows: [], problems: [] };
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', skipEmptyLines: false });
  const rows = parsed.data;
  // papaparse reads the text after a final line break as one more, empty record; RFC 4180 does not.
  const last = rows[rows.length - 1];
  if (body.endsWith('\n') && last?.length === 1 && last[0] === '' && !unclosedQuote(parsed.errors)) rows.pop();
  const problems = parsed.errors.map((e) => `record ${(e.row ?? 0) + 1}: ${PROBLEM_TEXT[e.code] ?? e.message}`);
  return { rows, problems: [...new Set(problems)] };
}

const PROBLEM_TEXT: Partial<Record<Papa.ParseError['code'], string>> = {
  MissingQuotes: 'quote opened and never closed',
  InvalidQuotes: 'text after a closing quote',
};

const unclosedQuote = (errors: Papa.ParseError[]) => errors.some((e) => e.code === 'MissingQuotes');

/**
 * CSV with a header row, as objects keyed by the header names (trimmed). Records with fewer fields get ''
 * for the missing ones; blank lines are skipped. `line` is the 1-based record number after the header.
 * Example: parseCsvRecords('id,dx\nA,nv\n').records -> [{ line: 1, values: { id: 'A', dx: 'nv' } }]
 */
export function parseCsvRecords(text: string): {
  header: string[];
  records: { line: number; values: Record<string, string> }[];
  problems: string[];
} {
  const { rows, problems } = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records: { line: number; values: Record<string, string> }[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 1 && row[0].trim() === '') continue;
    const values: Record<string, string> = Object.create(null); // column names as keys: "__proto__" too
    header.forEach((h, k) => (values[h] = row[k] ?? ''));
    records.push({ line: r, values });
  }
  return { header, records, problems };
}
