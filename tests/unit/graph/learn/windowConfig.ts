/**
 * A positional shorthand for the explorers' WindowConfig, so the geometry and slide tables read as
 * `cfg(size, kernel, stride, padding, dilation)` rows. Shared by geometry.test.ts and slide.test.ts.
 */
import type { LearnPadding, WindowConfig } from '@/graph/learn/geometry';

export const cfg = (size: number, kernel: number, stride: number, padding: LearnPadding, dilation = 1): WindowConfig => ({
  size,
  kernel,
  stride,
  padding,
  dilation,
});
