/** The export targets, in the order the UI shows them. */
export const EXPORT_TARGETS = ['pytorch', 'keras', 'tfjs'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
