/**
 * Losses on logits against hand-computed values (natural logarithms to 5 digits), their gradients on
 * saturated heads, and the two soft Dice forms against MONAI's definitions worked by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { lossFor, sigmoidCrossEntropy, softDiceLoss, softmaxCrossEntropy, type HeadSpec } from '@/engine/compile';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function value(f: () => tf.Scalar): number {
  const t = f();
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** The gradient of `loss(z)` with respect to the logits z, as a flat array. */
function gradient(loss: (z: tf.Tensor) => tf.Scalar, z: tf.Tensor): number[] {
  const g = tf.grad((t: tf.Tensor) => loss(t))(z);
  const out = Array.from(g.dataSync());
  g.dispose();
  return out;
}

const t2 = (v: number[][]) => tf.tensor2d(v);
const t4 = (v: number[], shape: [number, number, number, number]) => tf.tensor4d(v, shape);
const ln = Math.log;

describe('softmaxCrossEntropy (from logits)', () => {
  it.each([
    // y, logits, class weights, expected. Logits ln p give softmax p when the p sum to 1.
    // -ln 0.8 = 0.22314, -ln 0.6 = 0.51083; mean 0.36698
    [[[1, 0], [0, 1]], [[ln(0.8), ln(0.2)], [ln(0.4), ln(0.6)]], undefined, 0.36698],
    // weights [2, 0.5]: (2 * 0.22314 + 0.5 * 0.51083) / 2 = 0.35085 (the batch mean, as Keras' class_weight)
    [[[1, 0], [0, 1]], [[ln(0.8), ln(0.2)], [ln(0.4), ln(0.6)]], [2, 0.5], 0.35085],
    // adding a constant to a row's logits changes nothing
    [[[1, 0], [0, 1]], [[ln(0.8) + 5, ln(0.2) + 5], [ln(0.4) - 3, ln(0.6) - 3]], [1, 1], 0.36698],
    // a saturated wrong answer costs its logit gap, not a clipped 16.1: z = [0, 100], y = class 0 -> 100
    [[[1, 0]], [[0, 100]], undefined, 100],
  ] as [number[][], number[][], number[] | undefined, number][])('y %j z %j w %j -> %f', (y, z, w, expected) => {
    const v = value(() => tf.tidy(() => softmaxCrossEntropy(t2(y), t2(z), w ? tf.tensor1d(w) : undefined)));
    expect(v).toBeCloseTo(expected, 3);
  });

  it('averages over pixels for masks [1, 1, 2, 2]', () => {
    // pixel 1: -ln 0.5 = 0.69315; pixel 2: -ln 0.75 = 0.28768; mean 0.49041
    const z = [0, 0, ln(0.25), ln(0.75)];
    const v = value(() => tf.tidy(() => softmaxCrossEntropy(t4([1, 0, 0, 1], [1, 1, 2, 2]), t4(z, [1, 1, 2, 2]))));
    expect(v).toBeCloseTo(0.49041, 4);
  });

  it('keeps the gradient p - y on a saturated softmax (a clipped log of probabilities gives exactly 0)', () => {
    // z = [0, 100]: p = [e^-100, 1]; y = [1, 0]; dL/dz = p - y = [-1, 1] (batch of 1)
    const g = gradient((z) => softmaxCrossEntropy(t2([[1, 0]]), z), t2([[0, 100]]));
    expect(g[0]).toBeCloseTo(-1, 5);
    expect(g[1]).toBeCloseTo(1, 5);
  });
});

describe('sigmoidCrossEntropy (from logits)', () => {
  it('y [1, 0], z [ln 9, ln 0.25] (p 0.9, 0.2) -> (0.10536 + 0.22314) / 2', () => {
    const v = value(() => tf.tidy(() => sigmoidCrossEntropy(t4([1, 0], [1, 1, 2, 1]), t4([ln(9), ln(0.25)], [1, 1, 2, 1]))));
    expect(v).toBeCloseTo(0.16425, 4);
  });

  it('a confidently wrong pixel costs |z|: y 1, z -50 -> 50 (no clip at 16.1)', () => {
    expect(value(() => tf.tidy(() => sigmoidCrossEntropy(t4([1], [1, 1, 1, 1]), t4([-50], [1, 1, 1, 1]))))).toBeCloseTo(50, 3);
  });

  it('keeps the gradient sigmoid(z) - y on saturated pixels, averaged over the 4 pixels', () => {
    // z = -40 on tumour pixels (p ~ 0, y = 1): gradient (0 - 1)/4; z = +40 on background (p ~ 1, y = 0): (1 - 0)/4
    const g = gradient((z) => sigmoidCrossEntropy(t4([1, 1, 0, 0], [1, 2, 2, 1]), z), t4([-40, -40, 40, 40], [1, 2, 2, 1]));
    expect(g).toEqual([-0.25, -0.25, 0.25, 0.25].map((v) => expect.closeTo(v, 6)));
  });
});

describe('softDiceLoss (MONAI DiceLoss forms)', () => {
  it('one image y [1, 0], p [1, 1] -> 1 - 2/3 in both forms', () => {
    for (const mode of ['batch', 'image'] as const) {
      expect(value(() => tf.tidy(() => softDiceLoss(t4([1, 0], [1, 1, 2, 1]), t4([1, 1], [1, 1, 2, 1]), mode)))).toBeCloseTo(1 / 3, 4);
    }
  });

  // Two 1x2 images, one channel. Image 1: y [1, 0], p [0.8, 0.4]; image 2: y [0, 0] (empty), p [0.3, 0].
  const y = () => t4([1, 0, 0, 0], [2, 1, 2, 1]);
  const p = () => t4([0.8, 0.4, 0.3, 0], [2, 1, 2, 1]);

  it("'batch' sums over the whole batch (MONAI batch=True): 1 - 2*0.8 / (1.5 + 1)", () => {
    // inter 0.8, sum p 1.5, sum y 1 -> Dice 1.6 / 2.5 = 0.64 -> loss 0.36
    expect(value(() => tf.tidy(() => softDiceLoss(y(), p(), 'batch')))).toBeCloseTo(0.36, 4);
  });

  it("'image' leaves the empty image out (DiceMetric's ignore_empty): only image 1 counts", () => {
    // image 1: 1.6 / (1.2 + 1) = 0.72727 -> loss 0.27273. MONAI's batch=False would average in image 2's
    // (0 + s) / (0.3 + s) ~ 0, giving 0.63636: the empty image would push the whole prediction to nothing.
    expect(value(() => tf.tidy(() => softDiceLoss(y(), p(), 'image')))).toBeCloseTo(0.27273, 4);
  });

  it("'image' on a batch with no foreground anywhere is 0 (the cross-entropy term teaches it)", () => {
    expect(value(() => tf.tidy(() => softDiceLoss(t4([0, 0], [1, 1, 2, 1]), t4([0.5, 0.5], [1, 1, 2, 1]), 'image')))).toBe(0);
  });

  it('leaves the background channel of a softmax mask out (nnU-Net do_bg=False)', () => {
    // channels [bg, a, b] at 2 pixels. a: y [1, 0], p [1, 0] -> Dice 1; b: y [0, 1], p [0, 0] -> Dice 0;
    // background (y [0, 0], p [0, 1]) would score 0 and is not counted: loss 1 - (1 + 0)/2 = 0.5
    const yy = t4([0, 1, 0, 0, 0, 1], [1, 1, 2, 3]);
    const pp = t4([0, 1, 0, 1, 0, 0], [1, 1, 2, 3]);
    expect(value(() => tf.tidy(() => softDiceLoss(yy, pp, 'batch')))).toBeCloseTo(0.5, 4);
  });
});

describe('lossFor', () => {
  const binary: HeadSpec = { kind: 'segmentation', classes: 1, activation: 'sigmoid', classNames: ['background', 'object'] };
  const y = () => t4([1, 0], [1, 1, 2, 1]);
  const z = () => t4([ln(9), ln(0.25)], [1, 1, 2, 1]); // p = [0.9, 0.2]
  // BCE 0.16425; Dice: inter 0.9, total 2.1 -> 1.8/2.1 = 0.85714 -> loss 0.14286
  it.each([
    ['bce', 0.16425],
    ['dice', 0.14286],
    ['bce+dice', 0.30711],
  ] as const)('binary %s', (segmentationLoss, expected) => {
    const loss = lossFor(binary, { segmentationLoss, diceMode: 'batch' });
    expect(value(() => tf.tidy(() => loss.fn(y(), z())))).toBeCloseTo(expected, 4);
  });

  it('BCE + Dice keeps a gradient on a head saturated at "no tumour anywhere"', () => {
    // Every logit at -30: sigmoid ~ 1e-13, so Dice alone has a vanishing gradient; the BCE term gives -1/4 per tumour pixel.
    const loss = lossFor(binary, { segmentationLoss: 'bce+dice', diceMode: 'batch' });
    const g = gradient((t) => loss.fn(t4([1, 0, 1, 0], [1, 2, 2, 1]), t), t4([-30, -30, -30, -30], [1, 2, 2, 1]));
    expect(g[0]).toBeLessThan(-0.2);
    expect(g[2]).toBeLessThan(-0.2);
  });

  it('names the Dice form', () => {
    expect(lossFor(binary, { segmentationLoss: 'bce+dice', diceMode: 'batch' }).name).toBe('binary cross-entropy + soft Dice (over the batch)');
    expect(lossFor(binary, { segmentationLoss: 'dice', diceMode: 'image' }).name).toBe('soft Dice (per image)');
  });

  it('classification ignores the segmentation setting', () => {
    const head: HeadSpec = { kind: 'classification', classes: 2, activation: 'softmax', classNames: ['a', 'b'] };
    expect(lossFor(head, { segmentationLoss: 'dice', diceMode: 'image' }).name).toBe('categorical cross-entropy');
  });
});
