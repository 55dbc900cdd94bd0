"""Transposed convolutions: a PyTorch model exported from Convas.

The network of the Convas graph with the exact semantics of its TensorFlow.js model, channels first
(N, C, H, W): TensorFlow's 'same' padding (the odd extra pixel at the bottom/right), Keras' BatchNorm
epsilon, Flatten in channels-last order so trained Dense weights carry over.
It returns 2 class probabilities per pixel (softmax over channels).

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

MODEL_NAME = "Transposed convolutions"
TASK = "segmentation"
INPUT_SHAPE = (1, 16, 16)  # (channels, height, width), values in [0, 1]
CLASSES = ("background", "object")
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
HEAD_MODULE = "mask"  # the Output's layer, whose bias train.py starts at the class prior (None: no projection)
WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")


class ConvasModel(nn.Module):
    """Transposed convolutions: (N, 1, 16, 16) -> 2 class probabilities per pixel (softmax over channels)."""

    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(1, 4, kernel_size=3, stride=2)
        self.up_k3s2 = nn.ConvTranspose2d(4, 4, kernel_size=3, stride=2)
        self.up_k1s2 = nn.ConvTranspose2d(4, 3, kernel_size=1, stride=2, output_padding=1)
        self.pool = nn.MaxPool2d(2)
        self.up_k2s1 = nn.ConvTranspose2d(3, 3, kernel_size=2)
        self.up_valid = nn.ConvTranspose2d(3, 2, kernel_size=3, stride=2, bias=False)
        self.pool_back = nn.MaxPool2d(3, stride=2)
        self.bn = nn.BatchNorm2d(2, eps=0.001, momentum=0.1)
        self.near = nn.Upsample(scale_factor=2, mode="nearest")
        self.avg = nn.AvgPool2d(2)
        self.mask = nn.Conv2d(2, 2, kernel_size=1)

    def forward(self, input_, logits=False):
        """Probabilities, or with logits=True the head's values before its softmax or sigmoid."""
        down = torch.tanh(self.down(F.pad(input_, (0, 1, 0, 1))))  # (N, 4, 8, 8)
        up_k3s2 = self.up_k3s2(down)[:, :, :16, :16]  # (N, 4, 16, 16)
        up_k1s2 = self.up_k1s2(up_k3s2)  # (N, 3, 32, 32)
        pool = self.pool(up_k1s2)  # (N, 3, 16, 16)
        up_k2s1 = F.relu(self.up_k2s1(pool)[:, :, :16, :16])  # (N, 3, 16, 16)
        up_valid = self.up_valid(up_k2s1)  # (N, 2, 33, 33)
        pool_back = self.pool_back(up_valid)  # (N, 2, 16, 16)
        bn = self.bn(pool_back)  # (N, 2, 16, 16)
        near = self.near(bn)  # (N, 2, 32, 32)
        avg = self.avg(near)  # (N, 2, 16, 16)
        sum_ = avg + bn  # (N, 2, 16, 16), node "sum"
        linear = sum_  # (N, 2, 16, 16)
        head_logits = self.mask(linear)  # (N, 2, 16, 16), before the softmax
        if logits:
            return head_logits
        mask = torch.softmax(head_logits, dim=1)  # (N, 2, 16, 16)
        return mask


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
