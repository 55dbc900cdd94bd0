import { READABLE_ZOOM, type FitMargin } from './readableView';
/** Widths of the palette and side panel, and the header height, in px (match Palette, SidePanel, Header). */
const PALETTE_WIDTH = 224;
const SIDE_PANEL_WIDTH = 352;
const HEADER_HEIGHT = 48;

/** Free margin round a fitted graph (px). */
const MARGIN = 36;
/** The corner the minimap and zoom controls take at the bottom right (px, with their offsets). */
export const CORNER = { width: 196, height: 168 } as const;

export type { FitMargin } from './readableView';

/** The canvas size: measured when the editor is on the page, else estimated from the window (at start-up). */
function canvasSize(): { width: number; height: number } {
  const el = document.querySelector('[data-testid="canvas-area"]');
  const r = el?.getBoundingClientRect();
  if (r && r.width > 0 && r.height > 0 && document.querySelector('[data-testid="palette"]')) return { width: r.width, height: r.height };
  return { width: window.innerWidth - PALETTE_WIDTH - SIDE_PANEL_WIDTH, height: window.innerHeight - HEADER_HEIGHT };
}

/**
 * Margins for fitting a graph into a canvas of this size, keeping the minimap corner clear: along the
 * bottom on a tall canvas, along the right on a wide one (whichever strip costs less area).
 */
export function fitMargin(width: number, height: number): FitMargin {
  const bottomStrip = width * CORNER.height;
  const rightStrip = height * CORNER.width;
  return bottomStrip <= rightStrip
    ? { top: MARGIN, right: MARGIN, bottom: CORNER.height, left: MARGIN }
    : { top: MARGIN, right: CORNER.width, bottom: MARGIN, left: MARGIN };
}

/** The current canvas's fit margins (the default margins outside a browser). */
export function currentFitMargin(): FitMargin {
  if (typeof window === 'undefined') return { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  const { width, height } = canvasSize();
  return fitMargin(width, height);
}

/**
 * Width / height of the part of the canvas a fitted graph uses (the canvas less its fit margins), for
 * laying graphs out to fit it. 1 outside a browser.
 */
export function canvasAspect(): number {
  if (typeof window === 'undefined') return 1;
  const { width, height } = canvasSize();
  const m = fitMargin(width, height);
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  return w > 0 && h > 0 ? w / h : 1;
}

/**
 * The canvas as a layout target: its aspect, and the widest band of cards that reads at the smallest
 * readable zoom (the canvas less a plain margin each side, divided by READABLE_ZOOM). Long chains then fold
 * into rows that need no sideways panning at a readable size (graph/edit/arrange.ts).
 */
export function canvasView(): { aspect: number; maxBandWidth?: number } {
  const aspect = canvasAspect();
  if (typeof window === 'undefined') return { aspect };
  const { width } = canvasSize();
  return { aspect, maxBandWidth: Math.max(0, width - 2 * MARGIN) / READABLE_ZOOM };
}
