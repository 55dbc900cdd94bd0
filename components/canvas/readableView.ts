/**
 * Fitting a graph into view without making it unreadable: the whole graph when it fits at a zoom where card
 * text is at least READABLE_TEXT_PX on screen, else that zoom with the graph's start (its top-left: the
 * Input) in view, and the user pans for the rest. React Flow's fitView alone shrinks a long graph to a
 * strip of 6 px text.
 */

/** Smallest on-screen text size a card may show (px). */
export const READABLE_TEXT_PX = 11;
/** Smallest font size used on a card at zoom 1 (NodeCard: names, summary and params are text-[11px]). */
export const SMALLEST_CARD_FONT_PX = 11;
/** The lowest zoom a fit may choose: smallest card text times zoom stays >= READABLE_TEXT_PX. */
export const READABLE_ZOOM = READABLE_TEXT_PX / SMALLEST_CARD_FONT_PX;
/** A fit never enlarges a small graph beyond this. */
export const FIT_MAX_ZOOM = 1.1;

/** Margins kept free when a graph is fitted into view (px). */
export interface FitMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The margin all round when the minimap corner is not kept free (px). */
const PLAIN_MARGIN = 24;

/** The zoom at which `bounds` fills the free part of the canvas. */
function fitZoom(bounds: Rect, width: number, height: number, m: FitMargin): number {
  const freeW = Math.max(1, width - m.left - m.right);
  const freeH = Math.max(1, height - m.top - m.bottom);
  return Math.min(freeW / Math.max(1, bounds.width), freeH / Math.max(1, bounds.height));
}

/** A rectangle in flow coordinates (px at zoom 1). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: screen = flow * zoom + (x, y), relative to the canvas. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows `bounds` in a canvas of `width` x `height` px, keeping `margin` free (the minimap
 * corner): centred at the zoom that fits, limited to [READABLE_ZOOM, FIT_MAX_ZOOM]. When the fitting zoom
 * would be below READABLE_ZOOM, the graph's top-left corner goes to the top-left of the free area instead
 * (centred along an axis that fits).
 *
 * @example readableViewport({x: 0, y: 0, width: 3000, height: 100}, 800, 500, m) // zoom 1, Input at the left
 */
export function readableViewport(bounds: Rect, width: number, height: number, margin: FitMargin): Viewport {
  // A graph that fits readably only without the minimap's corner (a wide row: the empty graph's Input and
  // Output) is fitted with plain margins: centred on its row, it passes above the minimap.
  const plain = { top: PLAIN_MARGIN, right: PLAIN_MARGIN, bottom: PLAIN_MARGIN, left: PLAIN_MARGIN };
  if (fitZoom(bounds, width, height, margin) < READABLE_ZOOM && fitZoom(bounds, width, height, plain) >= READABLE_ZOOM) margin = plain;
  const freeW = Math.max(1, width - margin.left - margin.right);
  const freeH = Math.max(1, height - margin.top - margin.bottom);
  const fit = Math.min(freeW / Math.max(1, bounds.width), freeH / Math.max(1, bounds.height));
  const zoom = Math.min(FIT_MAX_ZOOM, Math.max(READABLE_ZOOM, fit));
  const along = (free: number, size: number, start: number, offset: number) =>
    size * zoom <= free ? offset + (free - size * zoom) / 2 - start * zoom : offset - start * zoom;
  return {
    x: along(freeW, bounds.width, bounds.x, margin.left),
    y: along(freeH, bounds.height, bounds.y, margin.top),
    zoom,
  };
}
