import type { Rng } from '../rng';

/**
 * How an object (a lesion, a head) sits in one image: rotation, mirror, zoom and shift. Objects are drawn in
 * their own "local" coordinates, where the image half-width is 1 at scale 1; a view maps them to pixels, so
 * several views of one lesion show the same lesion turned, mirrored, moved and zoomed.
 */
export interface View {
  /** Rotation in radians, counter-clockwise as seen on screen (y down). */
  angle: number;
  /** Mirror the object left-right before rotating. */
  flip: boolean;
  /** Zoom: local unit length in image half-widths. */
  scale: number;
  /** Shift of the object's origin from the image centre, in image half-widths. */
  shiftX: number;
  shiftY: number;
}

/** A 2-D affine map: x' = xx*x + xy*y + x0, y' = yx*x + yy*y + y0. */
export interface Affine {
  xx: number;
  xy: number;
  x0: number;
  yx: number;
  yy: number;
  y0: number;
}

/** The identity view: object centred, upright, scale 1. */
export const IDENTITY_VIEW: View = { angle: 0, flip: false, scale: 1, shiftX: 0, shiftY: 0 };

/** Local -> pixel coordinates for an image of width x height pixels (pixel centres at j + 0.5). */
export function localToPixel(view: View, width: number, height: number): Affine {
  const c = Math.cos(view.angle) * view.scale;
  const s = Math.sin(view.angle) * view.scale;
  const f = view.flip ? -1 : 1;
  const hw = width / 2;
  const hh = height / 2;
  // Normalised image coords (x_n, y_n in [-1, 1]) = scale * R * F * local + shift; pixels = (n + 1) * half.
  return {
    xx: c * f * hw, xy: -s * hw, x0: (view.shiftX + 1) * hw,
    yx: s * f * hh, yy: c * hh, y0: (view.shiftY + 1) * hh,
  };
}

/** Pixel -> local coordinates: the inverse of localToPixel. */
export function pixelToLocal(view: View, width: number, height: number): Affine {
  return invert(localToPixel(view, width, height));
}

/** The inverse of an invertible affine map. */
export function invert(m: Affine): Affine {
  const det = m.xx * m.yy - m.xy * m.yx;
  const xx = m.yy / det;
  const xy = -m.xy / det;
  const yx = -m.yx / det;
  const yy = m.xx / det;
  return { xx, xy, x0: -(xx * m.x0 + xy * m.y0), yx, yy, y0: -(yx * m.x0 + yy * m.y0) };
}

/** Apply an affine map to a point. */
export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m.xx * x + m.xy * y + m.x0, m.yx * x + m.yy * y + m.y0];
}

/** Ranges for randomViewOf; angles in radians, shifts in image half-widths. */
export interface ViewRanges {
  angle: readonly [number, number];
  flip: boolean;
  scale: readonly [number, number];
  shift: number;
}

/** A random view within the ranges. */
export function randomView(rng: Rng, ranges: ViewRanges): View {
  return {
    angle: rng.uniform(ranges.angle[0], ranges.angle[1]),
    flip: ranges.flip && rng.bool(0.5),
    scale: rng.uniform(ranges.scale[0], ranges.scale[1]),
    shiftX: rng.uniform(-ranges.shift, ranges.shift),
    shiftY: rng.uniform(-ranges.shift, ranges.shift),
  };
}
