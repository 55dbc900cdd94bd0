/**
 * Python helpers a PyTorch export includes only when a layer needs them: TensorFlow semantics that
 * torch.nn has no one-line equivalent for. Names start with `_`, so they never collide with node names
 * (identifiers never start with `_`).
 */
export const TORCH_HELPERS = {
  avgPoolSame: `def _avg_pool_same(x, kernel, stride, pads):
    """Average pooling with TensorFlow's 'same' padding: the zero border is not counted in the average.

    \`pads\` is (left, right, top, bottom), uneven when TensorFlow puts the extra pixel at the bottom/right,
    which nn.AvgPool2d(count_include_pad=False) cannot express.
    """
    total = F.avg_pool2d(F.pad(x, pads), kernel, stride, divisor_override=1)
    count = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), pads), kernel, stride, divisor_override=1)
    return total / count`,
  upsampleBilinear: `def _upsample_bilinear_tf(x, size):
    """Bilinear upsampling by an integer factor as tf.image.resizeBilinear does it in TensorFlow.js
    (align_corners=False, half_pixel_centers=False): output pixel i reads input position i / size.
    F.interpolate(mode="bilinear") uses half-pixel centres instead and gives different values.
    """

    def axis(n):
        src = torch.arange(n * size, device=x.device, dtype=x.dtype) / size
        low = src.floor().long().clamp(max=n - 1)
        high = (low + 1).clamp(max=n - 1)
        return low, high, src - low.to(x.dtype)

    top, bottom, fy = axis(x.shape[2])
    rows = x[:, :, top] + (x[:, :, bottom] - x[:, :, top]) * fy[:, None]
    left, right, fx = axis(x.shape[3])
    return rows[..., left] + (rows[..., right] - rows[..., left]) * fx`,
} as const;

export type TorchHelper = keyof typeof TORCH_HELPERS;
