/** Colours for participants' lines, far apart in hue and lightness; the row's index picks one. */
export const LINE_COLOURS = ['#4f46e5', '#059669', '#d97706', '#e11d48', '#0891b2', '#7c3aed', '#65a30d', '#db2777', '#0f766e', '#b45309'];

export const lineColour = (i: number) => LINE_COLOURS[i % LINE_COLOURS.length];

export const AXIS_TICK = { fontSize: 10, fill: '#64748b' };

/** Text of a metric value on an axis or in a tooltip: losses with 3 digits, the rest as percentages. */
export const metricText = (metric: string, v: number) => (metric === 'valLoss' || metric.endsWith('Loss') ? v.toFixed(3) : `${(v * 100).toFixed(1)}%`);
