"""MobileNet blocks: a PyTorch model exported from Convas.

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

MODEL_NAME = "MobileNet blocks"
TASK = "classification"
INPUT_SHAPE = (1, 16, 16)  # (channels, height, width), values in [0, 1]
CLASSES = ("a", "b", "c")
TRAINING = {
    "epochs": 1,
    "batch_size": 8,
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
HEAD_MODULE = "output"  # the Output's layer, whose bias train.py starts at the class prior (None: no projection)
WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")


class ConvasModel(nn.Module):
    """MobileNet blocks: (N, 1, 16, 16) -> 3 class probabilities (softmax)."""

    def __init__(self):
        super().__init__()
        self.conv2d = nn.Conv2d(1, 4, kernel_size=3, stride=2, bias=False)
        self.batch_normalization = nn.BatchNorm2d(4, eps=0.001, momentum=0.1)
        self.depthwise_conv2d = nn.Conv2d(4, 4, kernel_size=3, padding=1, groups=4, bias=False)
        self.batch_normalization_1 = nn.BatchNorm2d(4, eps=0.001, momentum=0.1)
        self.conv2d_1 = nn.Conv2d(4, 6, kernel_size=1)
        self.depthwise_conv2d_1 = nn.Conv2d(6, 12, kernel_size=3, stride=2, groups=6)
        self.separable_conv2d = nn.Sequential(nn.Conv2d(12, 12, kernel_size=3, groups=12, bias=False), nn.Conv2d(12, 8, kernel_size=1))
        self.separable_conv2d_1 = nn.Sequential(nn.Conv2d(8, 16, kernel_size=2, groups=8, bias=False), nn.Conv2d(16, 5, kernel_size=1, bias=False))
        self.output = nn.Linear(5, 3)

    def forward(self, input_, logits=False):
        """Probabilities, or with logits=True the head's values before its softmax or sigmoid."""
        conv2d = self.conv2d(F.pad(input_, (0, 1, 0, 1)))  # (N, 4, 8, 8)
        batch_normalization = self.batch_normalization(conv2d)  # (N, 4, 8, 8)
        activation = F.relu6(batch_normalization)  # (N, 4, 8, 8)
        depthwise_conv2d = self.depthwise_conv2d(activation)  # (N, 4, 8, 8)
        batch_normalization_1 = self.batch_normalization_1(depthwise_conv2d)  # (N, 4, 8, 8)
        leaky_re_lu = F.leaky_relu(batch_normalization_1, 0.1)  # (N, 4, 8, 8)
        conv2d_1 = F.relu(self.conv2d_1(leaky_re_lu))  # (N, 6, 8, 8)
        depthwise_conv2d_1 = F.relu(self.depthwise_conv2d_1(F.pad(conv2d_1, (0, 1, 0, 1))))  # (N, 12, 4, 4)
        separable_conv2d = self.separable_conv2d(depthwise_conv2d_1)  # (N, 8, 2, 2)
        activation_1 = F.elu(separable_conv2d)  # (N, 8, 2, 2)
        separable_conv2d_1 = self.separable_conv2d_1(F.pad(activation_1, (0, 1, 0, 1)))  # (N, 5, 2, 2)
        global_average_pooling2d = separable_conv2d_1.mean(dim=(2, 3))  # (N, 5)
        head_logits = self.output(global_average_pooling2d)  # (N, 3), before the softmax
        if logits:
            return head_logits
        output = torch.softmax(head_logits, dim=1)  # (N, 3)
        return output


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
