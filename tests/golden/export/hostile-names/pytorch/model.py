"""\u0022\u0022\u0022; import os; \u0022\u0022\u0022 *\u002f \u003cscript\u003e: a PyTorch model exported from Convas.

The network of the Convas graph with the exact semantics of its TensorFlow.js model, channels first
(N, C, H, W): TensorFlow's 'same' padding (the odd extra pixel at the bottom/right), Keras' BatchNorm
epsilon, Flatten in channels-last order so trained Dense weights carry over.
It returns 4 class probabilities (softmax).

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

MODEL_NAME = "\"\"\"; import os; \"\"\" */ <script>"
TASK = "classification"
INPUT_SHAPE = (2, 8, 8)  # (channels, height, width), values in [0, 1]
CLASSES = ("\"\"\"", "'); rm -rf /; ('", "new\x0aline", "\\")
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
HEAD_MODULE = "conv"  # the Output's layer, whose bias train.py starts at the class prior (None: no projection)
WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")


class ConvasModel(nn.Module):
    """\u0022\u0022\u0022; import os; \u0022\u0022\u0022 *\u002f \u003cscript\u003e: (N, 2, 8, 8) -> 4 class probabilities (softmax)."""

    def __init__(self):
        super().__init__()
        self.a_import_os_b = nn.Conv2d(2, 3, kernel_size=3, padding=1)  # node "a'\u000aimport os\u000ab = '"
        self.init = nn.BatchNorm2d(3, eps=0.001, momentum=0.1)  # node "__init__"
        self.class_ = nn.Conv2d(3, 3, kernel_size=3, stride=2)  # node "class"
        self.unicode = nn.Conv2d(3, 3, kernel_size=1)  # node "\u00dcn\u00efc\u00f6d\u00e9 \u540d\u524d"
        self.train_ = nn.Dropout(0.3)  # node "train"
        self.self_ = nn.Linear(48, 5)  # node "self"
        self.line_break = nn.Linear(5, 4)  # node "line\u2028break\u005c"
        self.conv = nn.Linear(4, 4)  # node "Conv"

    def forward(self, x_import_os, logits=False):
        """Probabilities, or with logits=True the head's values before its softmax or sigmoid."""
        a_import_os_b = F.relu(self.a_import_os_b(x_import_os))  # (N, 3, 8, 8)
        init = self.init(a_import_os_b)  # (N, 3, 8, 8)
        class_ = self.class_(F.pad(init, (0, 1, 0, 1)))  # (N, 3, 4, 4)
        activation = F.relu(class_)  # (N, 3, 4, 4), node ""
        unicode = self.unicode(activation)  # (N, 3, 4, 4)
        forward_ = unicode + activation  # (N, 3, 4, 4), node "forward"
        train_ = self.train_(forward_)  # (N, 3, 4, 4)
        alert_1 = torch.flatten(train_.permute(0, 2, 3, 1), 1)  # (N, 48), node "*\u002f alert(1) /*"
        self_ = F.relu(self.self_(alert_1))  # (N, 5)
        line_break = self.line_break(self_)  # (N, 4)
        head_logits = self.conv(line_break)  # (N, 4), before the softmax
        if logits:
            return head_logits
        conv = torch.softmax(head_logits, dim=1)  # (N, 4)
        return conv


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
