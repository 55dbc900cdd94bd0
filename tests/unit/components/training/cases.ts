/**
 * Hand-checked confusion matrices shared by the matrix and metrics tests, `m[true][predicted]`
 * (the engine's orientation). Expected figures are worked out by hand in the comments.
 */

/**
 * 3 classes a, b, c; c never occurs (no support) but is predicted once. 14 images.
 *   a: TP 7, FN 1, FP 2, TN 4 -> sens 7/8 87.5%, spec 4/6 66.7%, prec 7/9 77.8%, NPV 4/5 80.0%,
 *      acc 11/14 78.6%, F1 14/17 82.4%
 *   b: TP 3, FN 3, FP 1, TN 7 -> sens 50.0%, spec 7/8 87.5%, prec 3/4 75.0%, NPV 7/10 70.0%, acc 10/14 71.4%, F1 6/10 60.0%
 *   c: TP 0, FN 0, FP 1, TN 13 -> sens -, spec 13/14 92.9%, prec 0.0%, NPV 100.0%, acc 92.9%, F1 0.0%
 *   overall: acc 10/14 71.4%, balanced (7/8 + 1/2) / 2 = 68.75% -> 68.8%, baseline a: 8/14 57.1%, balanced 1/2 50.0%
 */
export const CASE3 = {
  names: ['a', 'b', 'c'],
  m: [
    [7, 1, 0],
    [2, 3, 1],
    [0, 0, 0],
  ],
};

/**
 * The 7 skin-lesion classes; df (index 3) has no image but nv is predicted as df once. 52 images.
 * Diagonal 3, 4, 5, 0, 6, 20, 2 = 40 correct. Off-diagonal: akiec->bcc 1, bkl->nv 2, mel->nv 3,
 * nv->df 1, nv->mel 4, vasc->nv 1.
 *   supports: akiec 4, bcc 4, bkl 7, df 0, mel 9, nv 25, vasc 3
 *   mel: TP 6, FN 3, FP 4, TN 39 -> sens 66.7%, spec 39/43 90.7%, prec 6/10 60.0%, NPV 39/42 92.9%,
 *        acc 45/52 86.5%, F1 12/19 63.2%
 *   nv: TP 20, FN 5, FP 6, TN 21 -> sens 80.0%, spec 21/27 77.8%, prec 20/26 76.9%, NPV 21/26 80.8%,
 *       acc 41/52 78.8%, F1 40/51 78.4%
 *   df: TP 0, FN 0, FP 1, TN 51 -> sens -, spec 51/52 98.1%, prec 0.0%, NPV 100.0%, acc 98.1%, F1 0.0%
 *   overall: acc 40/52 76.9%; balanced mean(3/4, 4/4, 5/7, 6/9, 20/25, 2/3) = 0.76627 -> 76.6%;
 *   baseline nv 25/52 48.1%, balanced 1/6 16.7%
 */
export const CASE7 = {
  names: ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'],
  m: [
    [3, 1, 0, 0, 0, 0, 0],
    [0, 4, 0, 0, 0, 0, 0],
    [0, 0, 5, 0, 0, 2, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 6, 3, 0],
    [0, 0, 0, 1, 4, 20, 0],
    [0, 0, 0, 0, 0, 1, 2],
  ],
};
