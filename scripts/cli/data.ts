/**
 * `npm run convas -- data inspect <path> [--json] [--format <f>] [--quick]`: what a real dataset folder,
 * .zip or hmnist CSV holds, as the importer sees it. Exit codes: 0 read, 1 no usable layout, 2 usage error.
 */
import { parseArgs } from './args';
import { consoleIO, type CliIO } from './io';
import { DATASET_FORMATS, type DatasetFormat, type InspectReport, inspectSource } from '../../engine/datasets/import/index';
import { openNodePath } from '../../engine/datasets/import/nodeSource';

/** The console, with progress lines overwritten in place when stderr is a terminal. */
const terminalIO: CliIO = {
  ...consoleIO,
  progress: process.stderr.isTTY ? (t) => process.stderr.write(`\r${t}\x1b[K`) : undefined,
};

/** Entries of a long list (skipped files, missing ids) the JSON report keeps; the rest is counted. */
export const JSON_LIST_CAP = 1000;
/** Skipped files the human report lists one per line. */
export const TEXT_LIST_CAP = 30;

const USAGE = `Usage: npm run convas -- data inspect <folder | file.zip | hmnist_*.csv> [--json] [--format <${DATASET_FORMATS.join('|')}>] [--quick]
  --json    one JSON object on stdout (format, images, classes, masks, groups, splits, skipped, missing, sizes, modes, notes);
            skipped and missingIds list at most ${JSON_LIST_CAP}, skippedLeftOut and missingIdsLeftOut count the rest
  --format  read this layout when the folder holds several
  --quick   read image headers only (fast; broken pixel data goes unnoticed)`;

/**
 * The report as `--json` prints it: `skipped` and `missingIds` keep their first JSON_LIST_CAP entries, and
 * `skippedLeftOut` / `missingIdsLeftOut` say how many were left out (0 when none), so the output stays a
 * few MB whatever the folder holds. `missing` is always the full count.
 */
export function jsonReport(r: InspectReport, cap = JSON_LIST_CAP): InspectReport & { skippedLeftOut: number; missingIdsLeftOut: number } {
  return {
    ...r,
    skipped: r.skipped.slice(0, cap),
    skippedLeftOut: Math.max(0, r.skipped.length - cap),
    missingIds: r.missingIds.slice(0, cap),
    missingIdsLeftOut: Math.max(0, r.missingIds.length - cap),
  };
}

/** The human-readable report. */
export function formatReport(r: InspectReport): string {
  const lines: string[] = [];
  const pad = (s: string, n: number) => s.padEnd(n);
  lines.push(`Format:   ${r.format} - ${r.title}`);
  lines.push(`Found in: ${r.source}${r.root ? `/${r.root}` : ''}`);
  lines.push(`Kind:     ${r.kind}`);
  lines.push(`Images:   ${r.images} ${r.decoded ? 'decoded' : 'probed (headers only)'}`);
  const width = Math.max(8, ...r.classes.map((c) => c.name.length)) + 2;
  if (r.splits) {
    const { train, test } = r.splits;
    lines.push(`Classes:  ${pad('', width)}${'total'.padStart(7)}${'train'.padStart(7)}${'test'.padStart(7)}`);
    r.classes.forEach((c, k) =>
      lines.push(`          ${pad(c.name, width)}${String(c.count).padStart(7)}${String(train.classes[k].count).padStart(7)}${String(test.classes[k].count).padStart(7)}`),
    );
    lines.push(`          ${pad('all', width)}${String(r.images).padStart(7)}${String(train.images).padStart(7)}${String(test.images).padStart(7)}`);
  } else {
    lines.push('Classes:');
    for (const c of r.classes) lines.push(`          ${pad(c.name, width)}${String(c.count).padStart(7)}`);
  }
  if (r.masks !== null) lines.push(`Masks:    ${r.masks} image/mask pairs, ${r.emptyMasks} with an empty mask`);
  lines.push(`Groups:   ${r.groups} (grouped by ${r.groupBy})`);
  if (r.format === 'ham10000') lines.push(`Missing:  ${r.missing} metadata rows without an image${r.missing ? ` (${r.missingIds.slice(0, 5).join(', ')}${r.missing > 5 ? ', ...' : ''})` : ''}`);
  if (r.duplicates) lines.push(`Copies:   ${r.duplicates} duplicate files ignored`);
  lines.push(`Sizes:    ${r.sizes.slice(0, 8).map((s) => `${s.width}x${s.height} (${s.count})`).join(', ')}${r.sizes.length > 8 ? `, and ${r.sizes.length - 8} more sizes` : ''}`);
  lines.push(`Modes:    ${r.modes.map((m) => `${m.mode} (${m.count})`).join(', ')}`);
  lines.push(`Skipped:  ${r.skipped.length}`);
  for (const s of r.skipped.slice(0, TEXT_LIST_CAP)) lines.push(`  ${s.file}: ${s.reason}`);
  if (r.skipped.length > TEXT_LIST_CAP) lines.push(`  ... and ${r.skipped.length - TEXT_LIST_CAP} more (--json lists up to ${JSON_LIST_CAP})`);
  if (r.notes.length) {
    lines.push('Notes:');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n');
}

/** Entry point: `argv` is what follows `data`. */
export async function run(argv: string[], io: CliIO = terminalIO): Promise<number> {
  const args = parseArgs(argv, ['json', 'quick']);
  const [sub, path] = args._;
  if (sub !== 'inspect' || !path || args.help) {
    (sub === undefined || args.help ? io.out : io.err)(USAGE);
    return sub === undefined || args.help ? 0 : 2;
  }
  const format = args.format;
  if (format !== undefined && !(DATASET_FORMATS as readonly unknown[]).includes(format)) {
    io.err(`--format must be one of ${DATASET_FORMATS.join(', ')}, not "${String(format)}".`);
    return 2;
  }
  let report: InspectReport;
  try {
    const source = await openNodePath(path);
    let last = -1;
    report = await inspectSource(source, {
      format: format as DatasetFormat | undefined,
      quick: args.quick === true,
      onProgress: io.progress
        ? (done, total, phase) => {
            const pct = Math.floor((100 * done) / Math.max(1, total));
            if (pct !== last || done === total) io.progress?.(`${phase} ${done}/${total}`);
            last = pct;
          }
        : undefined,
    });
    io.progress?.('');
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return 1;
  }
  io.out(args.json ? JSON.stringify(jsonReport(report), null, 2) : formatReport(report));
  return 0;
}
