import { GOAL_METRIC_LABELS } from '../lesson';
import { architectureSummary, boardLessons, convDepth, resultGoal, resultValue, type BoardEntry } from './board';

/**
 * A class as CSV: one line per run sent, for a spreadsheet. A cell a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so a hostile title stays text.
 */

const COLUMNS = [
  'lesson', 'nickname', 'received', 'goal', 'goal_metric', 'goal_value', 'reached', 'reached_at_epoch', 'epochs', 'params',
  'architecture', 'conv_layers', 'template', 'learning_rate', 'optimizer', 'batch_size', 'class_weights', 'augment', 'task',
] as const;

/** One CSV cell: quoted when needed, formula-looking text defused. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole class, a header line and one line per run (lessons in board order). Lines end with CRLF (RFC 4180). */
export function classToCsv(entries: readonly BoardEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const lesson of boardLessons(entries)) {
    for (const e of lesson.entries) {
      const r = e.result;
      const goal = resultGoal(r);
      const s = r.run?.settings;
      const row = [
        lesson.title, r.participant?.nickname ?? r.title, e.receivedAt, lesson.goalText, GOAL_METRIC_LABELS[goal.metric], resultValue(r, goal),
        r.lesson?.reached ?? '', r.lesson?.reachedAtEpoch ?? '', r.run?.epochs ?? '', r.run?.params ?? '', architectureSummary(r.layers),
        convDepth(r), r.graph?.name ?? '', r.run?.learningRate ?? '', s?.optimizer ?? '', s?.batchSize ?? '', s?.classWeights ?? '', s?.augment ?? '', r.task.title,
      ];
      lines.push(row.map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
