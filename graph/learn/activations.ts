/**
 * The activation functions the activation explorer plots, as plain number functions with the same
 * definitions and defaults as the tfjs layers Convas compiles to.
 */

/** Names of the plotted activations (the subset of the catalog's ACTIVATIONS that maps one number to one). */
export const PLOTTED_ACTIVATIONS = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'gelu'] as const;
export type PlottedActivation = (typeof PLOTTED_ACTIVATIONS)[number];

/** tf.layers.leakyReLU's default slope for negative inputs (the Keras default), which the compiler uses. */
export const LEAKY_ALPHA = 0.3;

/**
 * The error function, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): enough for a plot and
 * for GELU to agree with tfjs to 1e-6. Example: erf(0) = 0, erf(1) ~ 0.8427.
 */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/**
 * The functions themselves. GELU is the exact form x * Phi(x) = 0.5x(1 + erf(x / sqrt 2)), as tfjs' 'gelu'.
 * Example: ACTIVATION_FNS.relu(-2) = 0; ACTIVATION_FNS.leakyRelu(-2) = -0.6; ACTIVATION_FNS.sigmoid(0) = 0.5.
 */
export const ACTIVATION_FNS = {
  relu: (x: number) => Math.max(0, x),
  leakyRelu: (x: number) => (x >= 0 ? x : LEAKY_ALPHA * x),
  sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
  tanh: (x: number) => Math.tanh(x),
  gelu: (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
} satisfies Record<PlottedActivation, (x: number) => number>;

/**
 * Slopes (derivatives) of the same functions, to show where gradients vanish (sigmoid and tanh flatten
 * out for large |x|; ReLU's slope is 0 for every negative input). At x = 0 ReLU takes slope 0, as tfjs does.
 */
export const ACTIVATION_SLOPES = {
  relu: (x: number) => (x > 0 ? 1 : 0),
  leakyRelu: (x: number) => (x > 0 ? 1 : LEAKY_ALPHA),
  sigmoid: (x: number) => {
    const s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
  },
  tanh: (x: number) => 1 - Math.tanh(x) ** 2,
  gelu: (x: number) => 0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI),
} satisfies Record<PlottedActivation, (x: number) => number>;

/**
 * `count` evenly spaced samples of a function on [from, to], for plotting: [{ x, y }].
 * Example: sampleFunction(ACTIVATION_FNS.relu, -1, 1, 3) = [{x:-1,y:0},{x:0,y:0},{x:1,y:1}].
 */
export function sampleFunction(fn: (x: number) => number, from: number, to: number, count: number): { x: number; y: number }[] {
  if (count < 2) return [{ x: from, y: fn(from) }];
  const step = (to - from) / (count - 1);
  return Array.from({ length: count }, (_, i) => {
    const x = from + i * step;
    return { x, y: fn(x) };
  });
}
