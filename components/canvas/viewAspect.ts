/** Widths of the palette and side panel, and the header height, in px (match Palette, SidePanel, Header). */
const PALETTE_WIDTH = 224;
const SIDE_PANEL_WIDTH = 352;
const HEADER_HEIGHT = 48;

/**
 * Width / height of the canvas, for laying graphs out to fit it: measured when the canvas is on the page,
 * else estimated from the window (at start-up, before the editor has rendered). 1 outside a browser.
 */
export function canvasAspect(): number {
  if (typeof window === 'undefined') return 1;
  const el = document.querySelector('[data-testid="canvas-area"]');
  const r = el?.getBoundingClientRect();
  const fromEl = r && r.width > 0 && r.height > 0 && document.querySelector('[data-testid="palette"]') ? r.width / r.height : null;
  if (fromEl) return fromEl;
  const w = window.innerWidth - PALETTE_WIDTH - SIDE_PANEL_WIDTH;
  const h = window.innerHeight - HEADER_HEIGHT;
  return w > 0 && h > 0 ? w / h : 1;
}
