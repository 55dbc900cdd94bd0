'use client';

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { goalCurve, type BoardLesson } from '@/graph/results';
import { GOAL_METRIC_LABELS } from '@/graph/lesson';
import { AXIS_TICK, lineColour, metricText } from './boardCharts';

/** Every participant's validation curve of the lesson's goal metric on one chart, the goal as a dashed grey line. */
export function CurvesOverlay({ lesson, selected }: { lesson: BoardLesson; selected: string | null }) {
  const metric = lesson.goal.metric;
  const series = lesson.rows.map((row, i) => ({ row, colour: lineColour(i), data: goalCurve(row.entry.result, metric) })).filter((s) => s.data.length > 0);
  const maxEpoch = Math.max(1, ...series.flatMap((s) => s.data.map((p) => p.epoch)));
  const goalLine = Number.isFinite(lesson.goal.value) ? [{ epoch: 1, value: lesson.goal.value }, { epoch: maxEpoch, value: lesson.goal.value }] : null;
  return (
    <figure data-testid="board-overlay" data-series={series.length}>
      <figcaption className="text-xs font-medium text-slate-600">Validation {GOAL_METRIC_LABELS[metric]}, everyone</figcaption>
      {series.length === 0 ? (
        <p className="text-xs text-slate-500">No curves yet.</p>
      ) : (
        <LineChart width={460} height={220} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" />
          <XAxis type="number" dataKey="epoch" domain={[1, maxEpoch]} allowDecimals={false} tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} width={44} domain={metric === 'valLoss' ? ['auto', 'auto'] : [0, 1]} tickFormatter={(v: number) => metricText(metric, v)} />
          <Tooltip contentStyle={{ fontSize: 11 }} formatter={(v) => (typeof v === 'number' ? metricText(metric, v) : String(v))} labelFormatter={(x) => `epoch ${x}`} />
          {goalLine && <Line data={goalLine} dataKey="value" name="goal" stroke="#64748b" strokeDasharray="5 4" dot={false} isAnimationActive={false} />}
          {series.map((s) => (
            <Line
              key={s.row.key}
              data={s.data}
              dataKey="value"
              name={s.row.nickname}
              stroke={s.colour}
              strokeWidth={selected === s.row.key ? 3 : 1.5}
              strokeOpacity={selected === null || selected === s.row.key ? 1 : 0.35}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
      <div className="mt-1 flex max-w-[460px] flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-600">
        {series.map((s) => (
          <span key={s.row.key} className="inline-flex items-center gap-1">
            <span className="inline-block h-0.5 w-3" style={{ background: s.colour }} />
            {s.row.nickname}
          </span>
        ))}
      </div>
    </figure>
  );
}
