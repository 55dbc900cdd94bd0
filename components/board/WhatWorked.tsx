'use client';

import { useState } from 'react';
import { CartesianGrid, ComposedChart, Scatter, Tooltip, XAxis, YAxis, Bar } from 'recharts';
import { whatWorked, WHAT_WORKED_SETTINGS, type BoardLesson, type WhatWorkedSetting } from '@/graph/results';
import { GOAL_METRIC_LABELS } from '@/graph/lesson';
import { AXIS_TICK, metricText } from './boardCharts';

/**
 * "What worked": every run of the lesson grouped by one setting (learning rate, class weights, template,
 * depth), each run a dot and the group's mean a bar, so the room sees which choice paid off.
 */
export function WhatWorked({ lesson }: { lesson: BoardLesson }) {
  const [setting, setSetting] = useState<WhatWorkedSetting>('learningRate');
  const metric = lesson.goal.metric;
  const groups = whatWorked(lesson.entries, setting, lesson.goal);
  const bars = groups.map((g) => ({ label: g.label, mean: g.mean, n: g.values.length }));
  const dots = groups.flatMap((g) => g.values.map((v) => ({ label: g.label, value: v })));
  return (
    <figure data-testid="board-what-worked" data-groups={groups.length}>
      <figcaption className="flex items-center gap-2 text-xs font-medium text-slate-600">
        What worked: {GOAL_METRIC_LABELS[metric]} by
        <select value={setting} onChange={(e) => setSetting(e.target.value as WhatWorkedSetting)} className="rounded border border-slate-300 px-1 py-0.5 text-xs" data-testid="board-what-worked-setting" aria-label="Group runs by">
          {Object.entries(WHAT_WORKED_SETTINGS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </figcaption>
      {groups.length === 0 ? (
        <p className="text-xs text-slate-500">No runs to compare yet.</p>
      ) : (
        <ComposedChart width={400} height={220} data={bars} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" />
          <XAxis dataKey="label" type="category" allowDuplicatedCategory={false} tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} width={44} domain={metric === 'valLoss' ? ['auto', 'auto'] : [0, 1]} tickFormatter={(v: number) => metricText(metric, v)} />
          <Tooltip contentStyle={{ fontSize: 11 }} formatter={(v) => (typeof v === 'number' ? metricText(metric, v) : String(v))} />
          <Bar dataKey="mean" name="mean" fill="#c7d2fe" isAnimationActive={false} />
          <Scatter data={dots} dataKey="value" name="run" fill="#4338ca" isAnimationActive={false} />
        </ComposedChart>
      )}
      <p className="mt-1 max-w-[400px] text-[11px] text-slate-500">
        {groups.map((g) => `${g.label}: ${g.values.length} run${g.values.length === 1 ? '' : 's'}, mean ${metricText(metric, g.mean)}`).join(' · ')}
      </p>
    </figure>
  );
}
