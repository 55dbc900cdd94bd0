/**
 * RFC 4180 CSV: fields separated by commas, records by LF or CRLF (a lone CR too), fields optionally in
 * double quotes, a doubled quote inside quotes is one quote, quoted fields may hold commas and line breaks.
 * Empty fields stay ''. A trailing line break does not make an empty last record; a UTF-8 byte-order mark
 * is dropped. Malformed input (a stray quote inside an unquoted field, an unclosed quote) is read
 * leniently rather than rejected, and `parseCsv` reports it in `problems`.
 *
 * Example: parseCsv('a,"b,c"\r\n1,\r\n').rows -> [['a', 'b,c'], ['1', '']]
 */
export function parseCsv(text: string): { rows: string[][]; problems: string[] } {
  const rows: string[][] = [];
  const problems: string[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else {
      if (c === '"') problems.push(`record ${rows.length + 1}: stray quote inside an unquoted field`);
      // Fast path: copy the run of plain characters at once (hmnist rows are thousands of short numbers).
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (d === ',' || d === '\r' || d === '\n' || d === '"') break;
        j++;
      }
      field += text.slice(i, j);
      fieldStarted = true;
      i = j;
    }
  }
  if (quoted) problems.push(`record ${rows.length + 1}: quote opened and never closed`);
  if (fieldStarted || row.length > 0) endRow();
  return { rows, problems };
}

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
