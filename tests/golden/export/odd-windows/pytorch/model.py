"""Odd windows: a PyTorch model exported from Convas.

The network of the Convas graph with the exact semantics of its TensorFlow.js model, channels first
(N, C, H, W): TensorFlow's 'same' padding (the odd extra pixel at the bottom/right), Keras' BatchNorm
epsilon, Flatten in channels-last order so trained Dense weights carry over.
It returns 3 class probabilities (softmax).

    from model import build_model, INPUT_SHAPE, CLASSES
    model = build_model().eval()  # loads weights.safetensors from this folder when present
    probabilities = model(images)  # images: float32 (N, *INPUT_SHAPE), values in [0, 1]
    logits = model(images, logits=True)  # the same before the head's softmax or sigmoid (train.py's losses use them)
"""
import array
import json
import os
import struct
import sys

import torch
import torch.nn.functional as F
from torch import nn

MODEL_NAME = "Odd windows"
TASK = "classification"
INPUT_SHAPE = (1, 15, 12)  # (channels, height, width), values in [0, 1]
CLASSES = ("a", "b", "c")
TRAINING = {
    "epochs": 1,
    "batch_size": 4,
    "learning_rate": 0.001,
    "optimizer": "adam",
    "momentum": 0.9,
    "class_weights": True,
    "augment": True,
    "validation_fraction": 0.15,
    "seed": 42,
    "segmentation_loss": "bce+dice",
    "dice_mode": "batch",
    "schedule": "cosine",
}
HEAD_MODULE = None  # the Output's layer, whose bias train.py starts at the class prior (None: no projection)
WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")


def _avg_pool_same(x, kernel, stride, pads):
    """Average pooling with TensorFlow's 'same' padding: the zero border is not counted in the average.

    `pads` is (left, right, top, bottom), uneven when TensorFlow puts the extra pixel at the bottom/right,
    which nn.AvgPool2d(count_include_pad=False) cannot express.
    """
    total = F.avg_pool2d(F.pad(x, pads), kernel, stride, divisor_override=1)
    count = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), pads), kernel, stride, divisor_override=1)
    return total / count


def _upsample_bilinear_tf(x, size):
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
    return rows[..., left] + (rows[..., right] - rows[..., left]) * fx


class ConvasModel(nn.Module):
    """Odd windows: (N, 1, 15, 12) -> 3 class probabilities (softmax)."""

    def __init__(self):
        super().__init__()
        self.conv_a = nn.Conv2d(1, 4, kernel_size=4, stride=2)
        self.pool_max = nn.MaxPool2d(2, stride=1)
        self.pad = nn.ZeroPad2d(2)
        self.conv_dilated = nn.Conv2d(4, 3, kernel_size=3, dilation=2)
        self.conv_even = nn.Conv2d(3, 4, kernel_size=2)
        self.dense_nobias = nn.Linear(432, 4, bias=False)
        self.bn = nn.BatchNorm1d(8, eps=0.01, momentum=0.1)
        self.scores = nn.Linear(8, 3)

    def forward(self, input_, logits=False):
        """Probabilities, or with logits=True the head's values before its softmax or sigmoid."""
        conv_a = F.relu(self.conv_a(F.pad(input_, (1, 1, 1, 2))))  # (N, 4, 8, 6)
        pool_max = self.pool_max(F.pad(conv_a, (0, 1, 0, 1), value=float('-inf')))  # (N, 4, 8, 6)
        pool_avg = _avg_pool_same(pool_max, 3, 2, (0, 1, 0, 1))  # (N, 4, 4, 3)
        pad = self.pad(pool_avg)  # (N, 4, 8, 7)
        conv_dilated = F.elu(self.conv_dilated(pad))  # (N, 3, 4, 3)
        leaky = F.leaky_relu(conv_dilated, 0.3)  # (N, 3, 4, 3)
        up = _upsample_bilinear_tf(leaky, 3)  # (N, 3, 12, 9)
        conv_even = F.gelu(self.conv_even(F.pad(up, (0, 1, 0, 1))))  # (N, 4, 12, 9)
        gmax = torch.amax(conv_even, dim=(2, 3))  # (N, 4)
        flat = torch.flatten(conv_even.permute(0, 2, 3, 1), 1)  # (N, 432)
        dense_nobias = torch.sigmoid(self.dense_nobias(flat))  # (N, 4)
        cat = torch.cat([gmax, dense_nobias], dim=1)  # (N, 8)
        bn = self.bn(cat)  # (N, 8)
        tanh = torch.tanh(bn)  # (N, 8)
        scores = self.scores(tanh)  # (N, 3)
        probs = torch.softmax(scores, dim=1)  # (N, 3)
        head_logits = probs  # (N, 3), before the softmax
        if logits:
            return head_logits
        head = torch.softmax(head_logits, dim=1)  # (N, 3)
        return head


def load_safetensors(path):
    """Reads a .safetensors file of float32 tensors into a state dict (no safetensors package needed)."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    state = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        if spec["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} is {spec['dtype']}, only F32 is supported")
        begin, end = spec["data_offsets"]
        values = array.array("f")
        values.frombytes(body[begin:end])
        if sys.byteorder == "big":
            values.byteswap()
        state[name] = torch.frombuffer(values, dtype=torch.float32).reshape(spec["shape"]).clone()
    return state


def save_safetensors(state_dict, path, metadata=None):
    """Writes the floating-point tensors of a state dict as a float32 .safetensors file."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name in sorted(state_dict):
        tensor = state_dict[name]
        if not tensor.is_floating_point():
            continue  # BatchNorm's num_batches_tracked counter
        values = array.array("f", tensor.detach().to("cpu", torch.float32).reshape(-1).tolist())
        if sys.byteorder == "big":
            values.byteswap()
        raw = values.tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)


def build_model(weights=WEIGHTS_FILE):
    """The model, with weights loaded from `weights` (a .safetensors file) when that file exists."""
    model = ConvasModel()
    if weights and os.path.exists(weights):
        missing, unexpected = model.load_state_dict(load_safetensors(weights), strict=False)
        missing = [k for k in missing if not k.endswith("num_batches_tracked")]
        if missing or unexpected:
            raise RuntimeError(f"{weights} does not fit this model: missing {missing}, unexpected {unexpected}")
    return model


if __name__ == "__main__":
    net = build_model().eval()
    print(net)
    print("parameters:", sum(p.numel() for p in net.parameters()))
    with torch.no_grad():
        print("output shape:", tuple(net(torch.rand(2, *INPUT_SHAPE)).shape))
