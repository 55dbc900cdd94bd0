/**
 * The training panel's size and whether it is collapsed, kept in localStorage so a reload (or the next
 * session on the same laptop) shows the panel as it was left. Editor layout, not part of the graph.
 */

/** localStorage key (versioned like the autosave's). */
export const PANEL_LAYOUT_KEY = 'convas.trainingPanel.v1';
/** The smallest panel that still shows a chart (px). */
export const MIN_PANEL_HEIGHT = 180;
/** Canvas height the panel always leaves above it (px). */
export const CANVAS_RESERVE = 160;

/** How the panel is laid out. */
export interface PanelLayout {
  height: number;
  collapsed: boolean;
}

/** Height of the header above the editor (px, matches Header). */
const HEADER_HEIGHT = 48;
/** The panel's default share of the height under the header: the canvas keeps the larger part (60%). */
const DEFAULT_SHARE = 0.4;
/** The default panel is at least this tall: both charts and the tabs' first rows (px). */
const DEFAULT_MIN_HEIGHT = 280;

/**
 * 40% of the height under the header, at least 280 px: the canvas gets the larger part (about 510 px on a
 * 900 px window, where cards must be readable at zoom 1); drag the panel taller for a large matrix.
 */
export function defaultPanelLayout(windowHeight: number): PanelLayout {
  return { height: clampPanelHeight(Math.max(DEFAULT_MIN_HEIGHT, Math.round((windowHeight - HEADER_HEIGHT) * DEFAULT_SHARE)), windowHeight), collapsed: false };
}

/** `height` kept between the minimum and what leaves the canvas its reserve. */
export function clampPanelHeight(height: number, windowHeight: number): number {
  return Math.round(Math.max(MIN_PANEL_HEIGHT, Math.min(height, windowHeight - CANVAS_RESERVE)));
}

/** The saved layout fitted to this window, or the default when none is saved or it is unreadable. */
export function readPanelLayout(storage: Pick<Storage, 'getItem'> | null, windowHeight: number): PanelLayout {
  const fallback = defaultPanelLayout(windowHeight);
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(PANEL_LAYOUT_KEY) ?? 'null');
  } catch {
    return fallback;
  }
  if (typeof raw !== 'object' || raw === null) return fallback;
  const { height, collapsed } = raw as Record<string, unknown>;
  return {
    height: typeof height === 'number' && Number.isFinite(height) ? clampPanelHeight(height, windowHeight) : fallback.height,
    collapsed: collapsed === true,
  };
}

/** Save the layout; a browser that refuses (private mode, quota) just forgets it. */
export function writePanelLayout(storage: Pick<Storage, 'setItem'> | null, layout: PanelLayout): void {
  try {
    storage?.setItem(PANEL_LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // Layout is a convenience: losing it must not bother the user.
  }
}
