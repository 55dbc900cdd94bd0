"""U-Net Concatenate fixture: a PyTorch model exported from Convas.

The network of the Convas graph with the exact semantics of its TensorFlow.js model, channels first
(N, C, H, W): TensorFlow's 'same' padding (the odd extra pixel at the bottom/right), Keras' BatchNorm
epsilon, Flatten in channels-last order so trained Dense weights carry over.
It returns a foreground probability per pixel (sigmoid), shape (N, 1, H, W).

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

MODEL_NAME = "U-Net Concatenate fixture"
TASK = "segmentation"
INPUT_SHAPE = (1, 16, 16)  # (channels, height, width), values in [0, 1]
CLASSES = ("object",)
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
    """U-Net Concatenate fixture: (N, 1, 16, 16) -> a foreground probability per pixel (sigmoid), shape (N, 1, H, W)."""

    def __init__(self):
        super().__init__()
        self.conv2d = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.max_pooling2d = nn.MaxPool2d(2)
        self.conv2d_1 = nn.Conv2d(4, 8, kernel_size=3, padding=1)
        self.max_pooling2d_1 = nn.MaxPool2d(2)
        self.conv2d_2 = nn.Conv2d(8, 8, kernel_size=3, padding=1)
        self.up_sampling2d = nn.Upsample(scale_factor=2, mode="nearest")
        self.conv2d_3 = nn.Conv2d(16, 8, kernel_size=3, padding=1)
        self.conv2d_transpose = nn.ConvTranspose2d(8, 4, kernel_size=2, stride=2)
        self.conv2d_4 = nn.Conv2d(8, 4, kernel_size=3, padding=1)
        self.output = nn.Conv2d(4, 1, kernel_size=1)

    def forward(self, input_, logits=False):
        """Probabilities, or with logits=True the head's values before its softmax or sigmoid."""
        conv2d = F.relu(self.conv2d(input_))  # (N, 4, 16, 16)
        max_pooling2d = self.max_pooling2d(conv2d)  # (N, 4, 8, 8)
        conv2d_1 = F.relu(self.conv2d_1(max_pooling2d))  # (N, 8, 8, 8)
        max_pooling2d_1 = self.max_pooling2d_1(conv2d_1)  # (N, 8, 4, 4)
        conv2d_2 = F.relu(self.conv2d_2(max_pooling2d_1))  # (N, 8, 4, 4)
        up_sampling2d = self.up_sampling2d(conv2d_2)  # (N, 8, 8, 8)
        concatenate = torch.cat([up_sampling2d, conv2d_1], dim=1)  # (N, 16, 8, 8)
        conv2d_3 = F.relu(self.conv2d_3(concatenate))  # (N, 8, 8, 8)
        conv2d_transpose = self.conv2d_transpose(conv2d_3)  # (N, 4, 16, 16)
        concatenate_1 = torch.cat([conv2d_transpose, conv2d], dim=1)  # (N, 8, 16, 16)
        conv2d_4 = F.relu(self.conv2d_4(concatenate_1))  # (N, 4, 16, 16)
        head_logits = self.output(conv2d_4)  # (N, 1, 16, 16), before the sigmoid
        if logits:
            return head_logits
        output = torch.sigmoid(head_logits)  # (N, 1, 16, 16)
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
