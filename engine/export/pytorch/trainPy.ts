/**
 * train.py of a PyTorch export. It is the same for every graph: everything graph-specific (input size,
 * classes, task, loss, optimiser, hyper-parameters) comes from model.py's constants, so no user text is
 * pasted here. It mirrors Convas: the real dataset layouts the app imports (engine/datasets/import), with the
 * same preprocessing (luminance or LGG's FLAIR channel, area-average resize), the same seeded grouped split
 * (engine/datasets/rng.ts and split.ts, ported bit for bit), the same batches and augmentation, the losses of
 * engine/compile/losses.ts on the head's logits (same names and defaults), the head's prior bias
 * (engine/train/prior.ts) and the app's metrics (engine/metrics). Kept as raw text: the Python source holds
 * no backtick and no dollar-brace, so String.raw leaves every backslash as Python needs it.
 */
export const TRAIN_PY = String.raw`"""Train the exported model on a dataset folder, on one CPU, one GPU, or many GPUs/nodes, as Convas trains it.

    python train.py --data DATA_DIR                                # one CPU or GPU
    python train.py --data DATA_DIR --json                         # one JSON object per epoch, then the test's
    python train.py --data hmnist_28_28_RGB.csv                    # one hmnist CSV (or a downloaded .zip)
    torchrun --nproc_per_node=4 train.py --data DATA_DIR           # 4 GPUs (or 4 CPU processes)

Dataset layouts (the ones the Convas app imports, and the simple ones):
    HAM10000:        HAM10000_metadata.csv + HAM10000_images_part_1/, _part_2/ (ISIC_*.jpg); grouped by lesion_id
    hmnist CSV:      hmnist_<height>_<width>_<L|RGB>.csv (pixel0000..,label); each row its own group
    Brain Tumor MRI: Training/ and Testing/, each with glioma/ meningioma/ notumor/ pituitary/; Testing/ is the test set
    LGG kaggle_3m:   patient folders of <id>_<n>.tif + <id>_<n>_mask.tif (masks 0/255); grouped by patient
    labels.csv:      columns file,label,class,group (and mask), what "npm run convas -- generate" writes
    class folders:   DATA_DIR/<class>/<image>, one sub-folder per name in model.CLASSES
    image + masks:   DATA_DIR/images/<name> and DATA_DIR/masks/<name> or <name>_mask (pixel 0 is background; for
                     one-channel models any value > 0 is foreground, else the class index or class * (255 // (K - 1)))

Preprocessing is Convas': every image is brought to model.INPUT_SHAPE once, before training (grey inputs take
the luminance 0.299 R + 0.587 G + 0.114 B, LGG's the FLAIR channel; shrinking averages the area each pixel
covers, enlarging is bilinear), masks are area-averaged and thresholded at half; values are scaled to [0, 1].
The split is Convas' too (its seeded generator, ported): whole groups (a lesion, a patient), stratified by
class, about 20 % test (or the dataset's own Testing/), then the validation share of the rest. The same seed
gives the same images in each split as in the app. Batches and augmentation (flip, rotation, zoom,
brightness, contrast) are drawn from the same generator in the same order.

Losses are Convas' (engine/compile/losses.ts), computed on the head's logits: softmax or sigmoid
cross-entropy, soft Dice over the batch or per image, or both. A model trained from scratch starts as
Convas' does: Glorot-uniform kernels, zero biases, the head's bias at the class prior.
Reported metrics are the app's: accuracy, balanced accuracy and per-class sensitivity, specificity,
precision and F1; or Dice per class and mean (images whose truth lacks a class are left out, as MONAI's
ignore_empty), each epoch on the validation split and at the end on the test split.

Images are read with Pillow when it is installed; without it, only PNG (and CSV) data can be read: JPEG
(HAM10000, Brain Tumor MRI) and TIFF (LGG) need Pillow ("pip install pillow").
Settings default to the Convas document's (model.TRAINING); flags override them. Under torchrun the batch
size is the global one, split across processes (DistributedDataParallel; NCCL on GPUs, Gloo on CPUs). The
trained weights are written as a .safetensors file that model.build_model() loads.
"""
import argparse
import csv
import json
import math
import os
import re
import struct
import sys
import tempfile
import time
import zipfile
import zlib

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import CLASSES, HEAD_MODULE, INPUT_SHAPE, TASK, TRAINING, build_model, save_safetensors  # noqa: E402

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
DICE_SMOOTH = 1e-5  # soft Dice smoothing, as Convas (MONAI DiceLoss' smooth_nr/smooth_dr)
MIN_FREQUENCY = 1e-4  # prior frequencies below this are raised to it
MAX_MASKS = 2000  # masks counted for the pixel prior at most
TEST_FRACTION = 0.2  # Convas' test share when a dataset ships no test split


# ---------------------------------------------------------------------------------------------------------
# Losses: engine/compile/losses.ts, same names. Targets and logits have the same shape, channels on axis 1:
# one-hot (N, K), masks (N, K, H, W) (binary masks K = 1).


def softmax_cross_entropy(y, logits, class_weights=None):
    """mean_i -sum_k y_ik log softmax(z_i)_k over the batch (and pixels); with class weights, sample i counts w[class of i]."""
    per_sample = -(y * F.log_softmax(logits, dim=1)).sum(1)
    if class_weights is None:
        return per_sample.mean()
    shape = [1, -1] + [1] * (y.dim() - 2)
    return (per_sample * (y * class_weights.view(shape)).sum(1)).mean()


def sigmoid_cross_entropy(y, logits):
    """max(z, 0) - z y + log(1 + exp(-|z|)), averaged over every element (BCE on logits)."""
    return (logits.clamp(min=0) - logits * y + torch.log1p(torch.exp(-logits.abs()))).mean()


def foreground(t):
    """The channels Dice scores: all of a one-channel mask, all but the background (channel 0) otherwise."""
    return t if t.shape[1] == 1 else t[:, 1:]


def soft_dice_loss(y, probs, mode="batch"):
    """Soft Dice loss over the foreground channels, s = DICE_SMOOTH.

    "batch": one Dice per channel, sums over the batch and pixels: 1 - mean_c (2 sum(p y) + s) / (sum p + sum y + s).
    "image": one Dice per image and channel, the mean of 1 - Dice over the pairs whose target is not empty
    (MONAI's ignore_empty); 0 when no pair has foreground.
    """
    y, p = foreground(y), foreground(probs)
    dims = (0, 2, 3) if mode == "batch" else (2, 3)
    inter = (y * p).sum(dims)
    truth = y.sum(dims)
    dice = (2 * inter + DICE_SMOOTH) / (truth + p.sum(dims) + DICE_SMOOTH)
    if mode == "batch":
        return 1 - dice.mean()
    counted = (truth > 0).float()
    return ((1 - dice) * counted).sum() / counted.sum().clamp(min=1)


def head_activation(logits):
    """The head's probabilities: a sigmoid for one mask channel, else a softmax over the channels."""
    return torch.sigmoid(logits) if TASK == "segmentation" and logits.shape[1] == 1 else torch.softmax(logits, dim=1)


def loss_for(segmentation_loss="bce+dice", dice_mode="batch"):
    """The task's loss(y, logits, class_weights): Convas' lossFor."""
    if TASK == "classification":
        return softmax_cross_entropy

    def loss(y, logits, class_weights=None):
        ce = sigmoid_cross_entropy(y, logits) if logits.shape[1] == 1 else softmax_cross_entropy(y, logits)
        if segmentation_loss == "bce":
            return ce
        dice = soft_dice_loss(y, head_activation(logits), dice_mode)
        return dice if segmentation_loss == "dice" else ce + dice

    return loss


# Fewer weight updates than this and a run has rarely learned yet (Convas' short-run notice).
MIN_UPDATES = 200


def learning_rate_at(peak, schedule, step, steps_per_epoch, total_steps):
    """The learning rate of optimisation step "step" (from 0 over the run): Convas' schedules (engine/train/schedule.ts).

    "constant": the peak throughout. "cosine": a linear warm-up over the first epoch (at most a tenth of the run,
    at least one step), (step + 1) / W of the peak, then 0.5 (1 + cos(pi (step - W) / (T - W))) of it.
    """
    if schedule == "constant":
        return peak
    warm = max(1, min(steps_per_epoch, total_steps // 10))
    if step < warm:
        return peak * (step + 1) / warm
    progress = min(1.0, (step - warm) / max(1, total_steps - warm))
    return peak * 0.5 * (1 + math.cos(math.pi * progress))


# ---------------------------------------------------------------------------------------------------------
# Convas' seeded generator (engine/datasets/rng.ts: sfc32 seeded through splitmix32), bit for bit.

M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & M32


def splitmix32(x):
    x = (x + 0x9E3779B9) & M32
    z = x
    z = _imul(z ^ (z >> 16), 0x85EBCA6B)
    z = _imul(z ^ (z >> 13), 0xC2B2AE35)
    return (z ^ (z >> 16)) & M32


def _js_number(n):
    """String(n) as JavaScript writes a number (whole numbers without ".0")."""
    return str(int(n)) if float(n).is_integer() else repr(float(n))


def hash_seed(*parts):
    """FNV-1a over the parts ("n<number>" or "s<text>", UTF-16 code units), then splitmix32."""
    h = 0x811C9DC5
    for part in parts:
        text = "n" + _js_number(part) if isinstance(part, (int, float)) else "s" + part
        for unit in struct.unpack("<%dH" % (len(text.encode("utf-16-le")) // 2), text.encode("utf-16-le")):
            h ^= unit
            h = _imul(h, 0x01000193)
        h ^= 0xFF
        h = _imul(h, 0x01000193)
    return splitmix32(h)


class Rng:
    """createRng(seed) of Convas: the same seed gives the same numbers as the app."""

    def __init__(self, seed, hashed=False):
        self.seed = (seed if hashed else hash_seed(seed)) & M32
        self.a = splitmix32(self.seed)
        self.b = splitmix32(self.a)
        self.c = splitmix32(self.b)
        self.d = 1
        for _ in range(12):
            self.uint32()

    def uint32(self):
        t = (self.a + self.b + self.d) & M32
        self.d = (self.d + 1) & M32
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & M32
        self.c = ((self.c << 21) | (self.c >> 11)) & M32
        self.c = (self.c + t) & M32
        return t

    def next(self):
        return self.uint32() / 4294967296

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int(self, n):
        return math.floor(self.next() * n)

    def bool(self, p=0.5):
        return self.next() < p

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.int(i + 1)
            items[i], items[j] = items[j], items[i]
        return items

    def fork(self, key):
        return Rng(hash_seed(self.seed, key), hashed=True)


def allocate(weights, total):
    """Largest-remainder split of a whole total in proportion to weights (engine/datasets/allocate.ts)."""
    s = sum(weights)
    if not weights or s == 0:
        return [0 for _ in weights]
    quotas = [w / s * total for w in weights]
    parts = [math.floor(q) for q in quotas]
    left = total - sum(parts)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    k = 0
    while left > 0:
        parts[order[k % len(order)]] += 1
        k, left = k + 1, left - 1
    return parts


def _groups_of(labels, groups, indices):
    """Groups among indices in order of first appearance, each with its most common label (lowest on ties)."""
    by_id = {}
    for i in indices:
        by_id.setdefault(groups[i], []).append(i)
    out = []
    for members in by_id.values():
        votes = {}
        for i in members:
            votes[labels[i]] = votes.get(labels[i], 0) + 1
        label, best = math.inf, -1
        for lab, n in votes.items():
            if n > best or (n == best and lab < label):
                label, best = lab, n
        out.append((members, label))
    return out


def _carve(groups, fraction, stratify, rng):
    strata = {}
    for g in groups:
        strata.setdefault(g[1] if stratify else 0, []).append(g)
    keys = sorted(strata)
    sizes = [sum(len(g[0]) for g in strata[k]) for k in keys]
    total = sum(sizes)
    targets = allocate(sizes, math.floor(fraction * total + 0.5)) if total > 0 else [0 for _ in keys]
    taken, rest = [], []
    for s, key in enumerate(keys):
        count = 0
        for g in rng.shuffle(list(strata[key])):
            n = len(g[0])
            if abs(count + n - targets[s]) < abs(count - targets[s]):
                taken.append(g)
                count += n
            else:
                rest.append(g)
    return taken, rest


def split_dataset(labels, groups, provided=None, test_fraction=TEST_FRACTION, validation_fraction=0.15, seed=1, stratify=True):
    """Convas' splitDataset: (train, validation, test) sorted index lists; whole groups, stratified by label.

    With a provided split (a list of "train"/"test"), its test images are the test set and validation is
    carved out of its train images; otherwise about test_fraction of the images go to test first.
    """
    rng = Rng("split:" + _js_number(seed))
    everything = range(len(labels))
    flat = lambda gs: sorted(i for g in gs for i in g[0])  # noqa: E731
    if provided is not None:
        test = [i for i in everything if provided[i] == "test"]
        train_groups = _groups_of(labels, groups, [i for i in everything if provided[i] != "test"])
    else:
        taken, train_groups = _carve(_groups_of(labels, groups, everything), test_fraction, stratify, rng.fork("test"))
        test = flat(taken)
    taken, rest = _carve(train_groups, validation_fraction, stratify, rng.fork("validation"))
    return flat(rest), flat(taken), test


# ---------------------------------------------------------------------------------------------------------
# Reading images.


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def read_png(path):
    """Decodes a non-interlaced 8- or 16-bit PNG without Pillow: a uint8 tensor (H, W, C), alpha dropped."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        kind = "JPEG" if data[:2] == b"\xff\xd8" else "TIFF" if data[:4] in (b"II*\x00", b"MM\x00*") else "this format"
        raise ValueError(f"{path}: reading {kind} needs Pillow (pip install pillow); without it only PNG images are read")
    pos, chunks, palette, header = 8, [], None, None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, color, _, _, interlace = header
    samples = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    if interlace or depth not in (8, 16) or (color == 3 and depth != 8):
        raise ValueError(f"{path}: interlaced or low-bit-depth PNG; install Pillow to read it")
    bpp = samples * depth // 8
    stride = width * bpp
    raw = zlib.decompress(b"".join(chunks))
    out = bytearray(height * stride)
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + prev[i]) & 255
            elif kind == 3:
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
            elif kind == 4:
                line[i] = (line[i] + paeth(left, prev[i], prev[i - bpp] if i >= bpp else 0)) & 255
        out[y * stride : (y + 1) * stride] = line
        prev = line
    pixels = torch.frombuffer(out, dtype=torch.uint8).reshape(height, width, bpp)
    if depth == 16:
        pixels = pixels[..., 0::2]  # big-endian samples: keep the high byte
    if color == 3:
        pixels = torch.frombuffer(bytearray(palette), dtype=torch.uint8).reshape(-1, 3)[pixels[..., 0].long()]
    if color in (4, 6):
        pixels = pixels[..., :-1]
    return pixels


def read_pixels(path):
    """The stored pixels as a uint8 tensor (H, W, C), C = 1 (grey) or 3 (colour; alpha dropped)."""
    try:
        from PIL import Image
    except ImportError:
        Image = None
    if Image is None:
        return read_png(path)
    with Image.open(path) as image:
        if image.mode not in ("L", "RGB"):
            image = image.convert("L" if image.mode in ("1", "LA", "I;16", "I;16B", "I", "F") else "RGB")
        channels = 1 if image.mode == "L" else 3
        pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
        return pixels.reshape(image.size[1], image.size[0], channels)


def _f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


def _axis_taps(src, dst):
    """Source start and float32 weights of each output index (engine/datasets/import/resize.ts axisTaps)."""
    taps, scale = [], src / dst
    for i in range(dst):
        if dst < src:
            lo, hi = i * scale, (i + 1) * scale
            first, last = math.floor(lo), min(src - 1, math.ceil(hi) - 1)
            taps.append((first, [_f32((min(hi, k + 1) - max(lo, k)) / scale) for k in range(first, last + 1)]))
        else:
            x = min(src - 1, max(0, (i + 0.5) * scale - 0.5))
            x0 = math.floor(x)
            t = x - x0
            taps.append((x0, [_f32(1 - t), _f32(t)] if x0 + 1 < src and t > 0 else [1.0]))
    return taps


def _resize_axis(data, taps, axis):
    """Sum of weight * sample along one axis of a float64 tensor, tap by tap in Convas' order."""
    count = max(len(w) for _, w in taps)
    size = data.shape[axis]
    out = None
    for k in range(count):
        index = torch.tensor([min(size - 1, s + k) for s, _ in taps])
        weight = torch.tensor([w[k] if k < len(w) else 0.0 for _, w in taps], dtype=torch.float64)
        shape = [1] * data.dim()
        shape[axis] = -1
        term = weight.view(shape) * data.index_select(axis, index)
        out = term if out is None else out + term
    return out


def resize_image(pixels, out_height, out_width):
    """Convas' resizeImage: uint8 (H, W, C) to (out_height, out_width, C); area average shrinking, bilinear enlarging."""
    height, width = pixels.shape[0], pixels.shape[1]
    if (height, width) == (out_height, out_width):
        return pixels.clone()
    mid = _resize_axis(pixels.double(), _axis_taps(width, out_width), 1).float().double()  # Float32Array rows
    out = _resize_axis(mid, _axis_taps(height, out_height), 0)
    return torch.floor(out + 0.5).clamp(0, 255).to(torch.uint8)


def convert_channels(pixels, channels, pick=None):
    """Grey from colour: luminance 0.299 R + 0.587 G + 0.114 B rounded (or one channel, pick); colour from grey: repeated."""
    if pixels.shape[2] == channels:
        return pixels
    if channels == 3:
        return pixels.expand(-1, -1, 3).contiguous()
    if pick is not None:
        return pixels[..., pick : pick + 1].contiguous()
    p = pixels.double()
    y = 0.299 * p[..., 0] + 0.587 * p[..., 1] + 0.114 * p[..., 2]
    return torch.floor(y + 0.5).to(torch.uint8)[..., None]


def fit_image(pixels, height, width, channels, pick=None):
    """Convas' fitImage: grey converts before resizing, colour after."""
    if channels == 1:
        return resize_image(convert_channels(pixels, 1, pick), height, width)
    return convert_channels(resize_image(pixels, height, width), 3)


def binarise_mask(pixels):
    """0/1 from a stored mask's first channel: values kept when the maximum is 1, else foreground from 128 up."""
    m = pixels[..., 0]
    return m.clone() if int(m.max()) <= 1 else (m >= 128).to(torch.uint8)


def fit_mask(mask01, height, width):
    """Convas' fitMask: a 0/1 mask area-averaged as 0/255 to the size, foreground where at least half is."""
    return (resize_image((mask01 * 255)[..., None], height, width)[..., 0] >= 128).to(torch.uint8)


def resize_mask_nearest(mask, height, width):
    """Convas' nearest resize of class-index masks (pixel centres)."""
    h, w = mask.shape
    ys = torch.tensor([min(h - 1, math.floor((y + 0.5) * h / height)) for y in range(height)])
    xs = torch.tensor([min(w - 1, math.floor((x + 0.5) * w / width)) for x in range(width)])
    return mask[ys][:, xs]


# ---------------------------------------------------------------------------------------------------------
# Dataset layouts.

_COLLATE_PUNCTUATION = "_-,;:!?.'\"()[]{}@*/\\&#%" + chr(96) + "^+<=>|~$"


def natural_key(text):
    """Sort key of Convas' naturalCompare (Intl.Collator 'en', numeric, base sensitivity) for ASCII paths:
    digit runs by value, letters without case, punctuation in the collator's order, before digits and letters."""
    key = []
    for run in re.findall(r"\d+|\D", text):
        if run.isdigit():
            key.append((1, int(run), ""))
        elif run.isspace():
            key.append((0, -1, ""))
        elif run.isalpha():
            key.append((2, 0, run.lower()))
        else:
            rank = _COLLATE_PUNCTUATION.find(run)
            key.append((0, rank if rank >= 0 else 100 + ord(run), ""))
    return key, text


def walk(root):
    """Every file under root as a '/'-separated relative path, sorted (junk such as __MACOSX/ and .DS_Store left out)."""
    out = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = [d for d in dirs if d != "__MACOSX" and not d.startswith(".")]
        rel = os.path.relpath(folder, root)
        for name in files:
            if name.startswith("."):
                continue
            out.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return sorted(out)


HAM_CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
HMNIST_LABELS = ["akiec", "bcc", "bkl", "df", "nv", "vasc", "mel"]  # hmnist's label column as HAM10000 dx codes
BRAIN_CLASSES = ["glioma", "meningioma", "notumor", "pituitary"]
HAM_METADATA = re.compile(r"^HAM10000_metadata(\.csv)?$", re.I)
HMNIST_FILE = re.compile(r"^hmnist_(\d+)_(\d+)_(L|RGB)\.csv$", re.I)
LGG_MASK = re.compile(r"_mask\.tiff?$", re.I)
LGG_FLAIR = 1  # LGG images store pre-contrast, FLAIR, post-contrast: grey inputs take FLAIR


def _base(path):
    return path.rsplit("/", 1)[-1]


def _dir(path):
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _under(root, path):
    if root == "":
        return path
    return path[len(root) + 1 :] if path.startswith(root + "/") else None


def _brain_class(folder):
    name = re.sub(r"[\s-]+", "_", folder.lower())
    alias = {"no_tumor": "notumor", "no_tumour": "notumor", "notumour": "notumor"}
    name = alias.get(name, re.sub(r"_tumou?r$", "", name))
    return BRAIN_CLASSES.index(name) if name in BRAIN_CLASSES else None


def _split_of(folder):
    return {"training": "train", "testing": "test"}.get(folder.lower())


class Item:
    """One image to read: its path (relative to the data folder), label name or index, group, split, mask."""

    def __init__(self, path, label, group, split=None, mask=None, pixels=None):
        self.path, self.label, self.group, self.split, self.mask, self.pixels = path, label, group, split, mask, pixels


def find_layout(root, files):
    """(format, items, notes, grey channel): the first layout recognised, in Convas' order of preference."""
    if "labels.csv" in files:
        return "labels-csv", _labels_csv(root), [], None
    metadata = sorted((f for f in files if HAM_METADATA.match(_base(f))), key=lambda f: (f.count("/"), f))
    if metadata:
        return "ham10000", _ham10000(root, files, metadata[0]), [], None
    hmnist = [f for f in files if HMNIST_FILE.match(_base(f))]
    if hmnist:
        return "hmnist-csv", _hmnist(root, _pick_hmnist(hmnist)), [], None
    brain = _brain_tumor_root(files)
    if brain is not None:
        return "brain-tumor-mri", _brain_tumor(files, brain), [], None
    masks = [f for f in files if LGG_MASK.search(_base(f))]
    if masks:
        roots = sorted({_dir(_dir(m)) for m in masks}, key=lambda r: (r.count("/") if r else -1, r))
        return "lgg-kaggle3m", _lgg(files, roots[0]), [], LGG_FLAIR
    if TASK == "segmentation":
        return "images-masks", _images_masks(files), [], None
    return "class-folders", _class_folders(root), [], None


def _labels_csv(root):
    with open(os.path.join(root, "labels.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    items = []
    for r in rows:
        label = r["class"] if TASK == "classification" and r.get("class") in CLASSES else int(r["label"])
        items.append(Item(r["file"], label, r.get("group") or r["file"], mask=r.get("mask") if TASK == "segmentation" else None))
    return items


def _ham10000(root, files, metadata):
    base = _dir(metadata)
    rows = {}
    with open(os.path.join(root, metadata), newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            image_id, dx = (r.get("image_id") or "").strip(), (r.get("dx") or "").strip().lower()
            if image_id and dx in HAM_CLASSES and image_id.upper() not in rows:
                rows[image_id.upper()] = (dx, (r.get("lesion_id") or "").strip() or image_id)
    candidate = lambda p: os.path.splitext(p)[1].lower() in IMAGE_EXTENSIONS or re.match(r"^ISIC_\d+$", _stem(p), re.I)  # noqa: E731
    paths = [p for p in files if _under(base, p) is not None and candidate(p)] or [p for p in files if candidate(p)]
    items, seen = [], set()
    for p in paths:
        key = _stem(p).upper()
        if key in seen or key not in rows:
            continue
        seen.add(key)
        items.append(Item(p, rows[key][0], rows[key][1]))
    return sorted(items, key=lambda it: natural_key(it.path))


def _stem(path):
    name = _base(path)
    i = name.rfind(".")
    return name if i <= 0 else name[:i]


def _pick_hmnist(paths):
    """Convas' pickHmnist: the smallest side at least the Input's, preferring its channels."""
    channels, height, width = INPUT_SHAPE

    def score(path):
        m = HMNIST_FILE.match(_base(path))
        side = min(int(m.group(1)), int(m.group(2)))
        big = side >= height
        same = (m.group(3).upper() == "L") == (channels == 1)
        return (not big, not same, side if big else -side, path)

    return sorted(paths, key=score)[0]


def _hmnist(root, path):
    m = HMNIST_FILE.match(_base(path))
    h, w, c = int(m.group(1)), int(m.group(2)), 1 if m.group(3).upper() == "L" else 3
    items = []
    with open(os.path.join(root, path), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [x.strip().strip('"') for x in next(reader)]
        label_column = [x.lower() for x in header].index("label")
        for row_number, row in enumerate(reader, start=2):
            if not row:
                continue
            values = [int(v) for v in row]
            label = values.pop(label_column)
            pixels = torch.tensor(values, dtype=torch.uint8).reshape(h, w, c)
            items.append(Item(f"{path}#{row_number}", HMNIST_LABELS[label], f"{path}#{row_number}", pixels=pixels))
    return items


def _brain_tumor_root(files):
    for path in files:
        parts = path.split("/")
        for i in range(len(parts) - 2):
            if _split_of(parts[i]) and _brain_class(parts[i + 1]) is not None:
                return "/".join(parts[:i])
    return None


def _brain_tumor(files, root):
    items = []
    for path in files:
        rel = _under(root, path)
        if rel is None:
            continue
        parts = rel.split("/")
        split = _split_of(parts[0])
        label = _brain_class(parts[1]) if split and len(parts) >= 3 else None
        if label is not None:
            items.append(Item(path, BRAIN_CLASSES[label], path, split=split))
    return sorted(items, key=lambda it: natural_key(it.path))


def _lgg(files, root):
    tiffs = [f for f in files if _under(root, f) is not None and re.search(r"\.tiff?$", f, re.I)]
    masks = {LGG_MASK.sub("", m).lower(): m for m in tiffs if LGG_MASK.search(m)}
    items = []
    for p in tiffs:
        if LGG_MASK.search(p):
            continue
        mask = masks.get(re.sub(r"\.tiff?$", "", p, flags=re.I).lower())
        if mask is None:
            continue
        rel = _under(root, p)
        group = rel.split("/")[0] if "/" in rel else re.sub(r"_\d+\.tiff?$", "", _base(p), flags=re.I)
        items.append(Item(p, "glioma", group, mask=mask))
    return sorted(items, key=lambda it: natural_key(it.path))


def _images_masks(files):
    masks = {}
    for f in files:
        if f.startswith("masks/") and os.path.splitext(f)[1].lower() in IMAGE_EXTENSIONS:
            masks[_stem(f)] = f
    items = []
    for f in files:
        if f.startswith("images/") and os.path.splitext(f)[1].lower() in IMAGE_EXTENSIONS:
            mask = masks.get(_stem(f)) or masks.get(_stem(f) + "_mask")
            if mask:
                items.append(Item(f, None, f, mask=mask))
    return items


def _class_folders(root):
    names = list(CLASSES)
    folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if not set(folders) <= set(names):
        if len(folders) != len(names):
            raise SystemExit(f"{root}: no known dataset layout (see train.py's docstring); as class folders it "
                             f"needs one folder per class {names}, found {folders}")
        print(f"Folder names {folders} differ from the classes {names}; using them in sorted order.", file=sys.stderr)
        names = folders
    items = []
    for d in folders:
        for name in sorted(os.listdir(os.path.join(root, d))):
            if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS:
                items.append(Item(f"{d}/{name}", names.index(d), f"{d}/{name}"))
    return items


class Data:
    """A dataset in memory at the model's input size: images uint8 (N, H, W, C), labels, masks (N, H, W), groups."""

    def __init__(self, root, log=print):
        if os.path.isfile(root) and zipfile.is_zipfile(root):  # a downloaded .zip, as the app reads it
            folder = tempfile.mkdtemp(prefix="convas-data-")
            log(f"unpacking {root} into {folder}")
            with zipfile.ZipFile(root) as archive:
                archive.extractall(folder)
            root = folder
        if os.path.isfile(root) and HMNIST_FILE.match(os.path.basename(root)):  # one hmnist CSV
            root, files = os.path.dirname(os.path.abspath(root)), [os.path.basename(root)]
        elif os.path.isdir(root):
            files = walk(root)
        else:
            raise SystemExit(f"{root}: no such folder, .zip or hmnist CSV file")
        channels, height, width = INPUT_SHAPE
        self.format, items, notes, grey = find_layout(root, files)
        segmentation_data = self.format in ("lgg-kaggle3m", "images-masks") or (self.format == "labels-csv" and items and items[0].mask)
        if self.format not in ("labels-csv", "class-folders") and bool(segmentation_data) != (TASK == "segmentation"):
            kind = "segmentation" if segmentation_data else "classification"
            raise SystemExit(f"{root}: {self.format} is {kind} data, but this model is for {TASK}")
        if not items:
            raise SystemExit(f"{root}: no images found ({self.format} layout; see train.py's docstring)")
        images, labels, masks, self.groups, self.ids, splits, skipped = [], [], [], [], [], [], []
        for n, item in enumerate(items):
            try:
                pixels = item.pixels if item.pixels is not None else read_pixels(os.path.join(root, item.path))
                image = fit_image(pixels, height, width, channels, grey if pixels.shape[2] == 3 else None)
                if TASK == "segmentation":
                    mask, any_foreground = self._mask(root, item, pixels, height, width)
                    label = item.label if self.format == "labels-csv" else int(any_foreground)
                else:
                    mask, label = None, self._class(item.label)
            except ValueError as error:
                if "Pillow" in str(error):
                    raise SystemExit(str(error))
                skipped.append(f"{item.path}: {error}")
                continue
            images.append(image)
            labels.append(label)
            masks.append(mask)
            self.groups.append(item.group)
            self.ids.append(item.path)
            splits.append(item.split)
            if n and n % 2000 == 0:
                log(f"read {n} of {len(items)} images")
        if not images:
            raise SystemExit(f"{root}: not one image could be read ({'; '.join(skipped[:3])})")
        for s in skipped[:5]:
            log(f"skipped {s}")
        self.images = torch.stack(images)
        self.labels = labels
        self.masks = torch.stack(masks) if TASK == "segmentation" else None
        self.provided = splits if all(s is not None for s in splits) else None
        self.notes = notes

    def _class(self, label):
        if isinstance(label, int):
            return label
        if label not in CLASSES:
            raise SystemExit(f"the data has class {label!r}, which the model's classes {list(CLASSES)} lack")
        return CLASSES.index(label)

    def _mask(self, root, item, pixels, height, width):
        """Class indices (H, W): LGG 0/255 masks area-averaged as Convas imports them; other masks as they are stored."""
        stored = read_pixels(os.path.join(root, item.mask))
        if stored.shape[:2] != pixels.shape[:2] and self.format == "lgg-kaggle3m":
            raise ValueError(f"mask is {stored.shape[1]}x{stored.shape[0]} but the image is {pixels.shape[1]}x{pixels.shape[0]}")
        if self.format == "lgg-kaggle3m":
            binary = binarise_mask(stored)  # the image's label (for stratifying) comes from the full-size mask
            fg = fit_mask(binary, height, width)
            return fg * (CLASSES.index("glioma") if "glioma" in CLASSES and len(CLASSES) > 1 else 1), bool(binary.any())
        m = stored[..., 0]
        if len(CLASSES) == 1:
            m = (m > 0).to(torch.uint8)
        else:
            last = len(CLASSES) - 1
            if int(m.max()) > last:
                m = torch.round(m.float() / (255 // last)).to(torch.uint8)
            m = m.clamp(0, last)
        return resize_mask_nearest(m, height, width), bool(m.any())

    def __len__(self):
        return len(self.labels)


# ---------------------------------------------------------------------------------------------------------
# Batches and augmentation: engine/datasets/batches.ts (flip, rotation, zoom, brightness, contrast).

AUGMENT = {"rotate_degrees": 15, "zoom": (0.9, 1.1), "brightness": 0.08, "contrast": 0.1}


def _reflect(i, n):
    period = 2 * n
    k = torch.remainder(i, period)
    return torch.where(k < n, k, period - 1 - k)


def make_batch(data, indices, rng=None):
    """x float32 (B, C, H, W) in [0, 1] and y: one-hot (B, K), masks (B, 1, H, W) or one-hot (B, K, H, W)."""
    imgs = data.images[indices]
    b_size, h, w, ch = imgs.shape
    x = imgs.double() / 255
    masks = data.masks[indices] if data.masks is not None else None
    if rng is not None:
        cx, cy = (w - 1) / 2, (h - 1) / 2
        oy, ox = torch.meshgrid(torch.arange(h, dtype=torch.float64), torch.arange(w, dtype=torch.float64), indexing="ij")
        xs, ms = [], []
        for b in range(b_size):
            fx = -1 if rng.bool() else 1
            deg = rng.uniform(-AUGMENT["rotate_degrees"], AUGMENT["rotate_degrees"])
            zoom = rng.uniform(*AUGMENT["zoom"])
            th = deg * math.pi / 180
            cos, sin = (1, 0) if deg == 0 else (math.cos(th), math.sin(th))
            a, bb, c, d = cos * fx / zoom, -sin / zoom, sin * fx / zoom, cos / zoom
            margin = 1 - 1 / zoom if zoom > 1 else 0
            tx = rng.uniform(-margin, margin) * (w / 2)
            ty = rng.uniform(-margin, margin) * (h / 2)
            sx = a * (ox - cx) + bb * (oy - cy) + cx + tx
            sy = c * (ox - cx) + d * (oy - cy) + cy + ty
            img = imgs[b].double()
            x0, y0 = torch.floor(sx), torch.floor(sy)
            fxs, fys = (sx - x0)[..., None], (sy - y0)[..., None]
            xa, xb = _reflect(x0.long(), w), _reflect(x0.long() + 1, w)
            ya, yb = _reflect(y0.long(), h), _reflect(y0.long() + 1, h)
            v00, v01, v10, v11 = img[ya, xa], img[ya, xb], img[yb, xa], img[yb, xb]
            out = ((v00 + (v01 - v00) * fxs) * (1 - fys) + (v10 + (v11 - v10) * fxs) * fys) / 255
            out = out.float().double()
            shift = rng.uniform(-AUGMENT["brightness"], AUGMENT["brightness"])
            factor = rng.uniform(1 - AUGMENT["contrast"], 1 + AUGMENT["contrast"])
            mean = out.sum() / out.numel()
            xs.append(((out - mean) * factor + mean + shift).clamp(0, 1))
            if masks is not None:
                nx = _reflect(torch.floor(sx + 0.5).long(), w)
                ny = _reflect(torch.floor(sy + 0.5).long(), h)
                ms.append(masks[b][ny, nx])
        x = torch.stack(xs)
        if masks is not None:
            masks = torch.stack(ms)
    x = x.float().permute(0, 3, 1, 2).contiguous()
    k = len(CLASSES)
    if TASK == "classification":
        y = F.one_hot(torch.tensor([data.labels[i] for i in indices]), k).float()
    elif k == 1:
        y = (masks > 0).float()[:, None]
    else:
        y = F.one_hot(masks.long().clamp(max=k - 1), k).permute(0, 3, 1, 2).float()
    return x, y


# ---------------------------------------------------------------------------------------------------------
# Metrics: engine/metrics (confusion matrix rows = true class; Dice with MONAI's ignore_empty).


def _ratio(a, b):
    return a / b if b else float("nan")


def _nan_mean(values):
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else float("nan")


class Metrics:
    """Accumulates a pass: confusion matrix, or per-image Dice per class and pixel accuracy."""

    def __init__(self, classes):
        self.k = classes
        self.confusion = torch.zeros(classes, classes, dtype=torch.long)
        self.dice_classes = max(2, classes)
        self.sums = [0.0] * self.dice_classes
        self.counts = [0] * self.dice_classes
        self.correct = self.pixels = 0

    def update(self, y, probs):
        if TASK == "classification":
            truth, pred = y.argmax(1), probs.argmax(1)
            self.confusion += torch.bincount(truth * self.k + pred, minlength=self.k * self.k).reshape(self.k, self.k).cpu()
            return
        if probs.shape[1] == 1:
            truth, pred = (y[:, 0] > 0.5).long(), (probs[:, 0] >= 0.5).long()
        else:
            truth, pred = y.argmax(1), probs.argmax(1)
        self.correct += int((truth == pred).sum())
        self.pixels += truth.numel()
        for c in range(self.dice_classes):
            t, p = truth == c, pred == c
            tn, pn, inter = t.sum((1, 2)), p.sum((1, 2)), (t & p).sum((1, 2))
            keep = tn > 0
            self.sums[c] += float((2 * inter[keep].double() / (tn[keep] + pn[keep]).double()).sum())
            self.counts[c] += int(keep.sum())

    def result(self):
        if TASK == "classification":
            m = self.confusion.tolist()
            total = sum(map(sum, m))
            per_class = []
            for k in range(self.k):
                tp = m[k][k]
                fn = sum(m[k]) - tp
                fp = sum(row[k] for row in m) - tp
                tn = total - tp - fn - fp
                per_class.append({"class": CLASSES[k], "support": tp + fn, "sensitivity": _ratio(tp, tp + fn),
                                  "specificity": _ratio(tn, tn + fp), "precision": _ratio(tp, tp + fp),
                                  "npv": _ratio(tn, tn + fn), "f1": _ratio(2 * tp, 2 * tp + fp + fn)})
            supported = [c for c in per_class if c["support"] > 0]
            return {"accuracy": _ratio(sum(m[k][k] for k in range(self.k)), total),
                    "balanced_accuracy": _nan_mean([c["sensitivity"] for c in supported]),
                    "per_class": per_class, "confusion": m}
        per_class = [_ratio(s, n) for s, n in zip(self.sums, self.counts)]
        return {"accuracy": _ratio(self.correct, self.pixels), "dice": _nan_mean(per_class[1:]), "dice_per_class": per_class}


def headline(m):
    if TASK == "classification":
        return f"val_accuracy {m['accuracy']:.4f}  val_balanced_accuracy {m['balanced_accuracy']:.4f}"
    return f"val_accuracy {m['accuracy']:.4f}  val_dice {m['dice']:.4f}"


def clean(value):
    """JSON-ready: NaN becomes null (JSON's own rule)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------------------
# Prior bias and class weights: engine/train/prior.ts, engine/compile/optimizer.ts.


def _centred_log(freq):
    logs = [math.log(max(MIN_FREQUENCY, f)) for f in freq]
    mean = sum(logs) / len(logs)
    return [v - mean for v in logs]


def prior_bias(data, train, classes, class_weights):
    """The head's starting bias from the training split's class (or pixel) frequencies; None when uniform by design."""
    if not train:
        return None
    if TASK == "classification":
        if class_weights:
            return None
        counts = [0] * classes
        for i in train:
            counts[data.labels[i]] += 1
        return _centred_log([c / len(train) for c in counts])
    step = max(1, len(train) // MAX_MASKS)
    sample = data.masks[train[::step]].long()
    if classes == 1:
        share = float((sample > 0).double().mean())
        p = min(1 - MIN_FREQUENCY, max(MIN_FREQUENCY, share))
        return [math.log(p / (1 - p))]
    counts = torch.bincount(sample.clamp(max=classes - 1).flatten(), minlength=classes).double()
    return _centred_log((counts / counts.sum()).tolist())


def init_like_convas(model):
    """Glorot-uniform kernels and zero biases, the tfjs (and Keras) defaults Convas starts from. PyTorch's own
    defaults are about half as large and make the same recipe learn more slowly."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def inverse_frequency_weights(labels, classes):
    """N / (K n_c) over the K classes present, 0 for absent ones (scikit-learn's "balanced")."""
    counts = [0] * classes
    for label in labels:
        counts[label] += 1
    present = sum(1 for c in counts if c > 0)
    return [len(labels) / (present * c) if c > 0 else 0.0 for c in counts]


# ---------------------------------------------------------------------------------------------------------


def evaluate(model, data, indices, loss_fn, class_weights, batch_size, device):
    """Mean loss per image and the metrics of images "indices" (inference mode, no augmentation)."""
    model.eval()
    metrics, loss_sum = Metrics(len(CLASSES)), 0.0
    with torch.no_grad():
        for start in range(0, len(indices), batch_size):
            part = indices[start : start + batch_size]
            x, y = make_batch(data, part)
            x, y = x.to(device), y.to(device)
            z = model(x, logits=True)
            loss_sum += float(loss_fn(y, z, class_weights)) * len(part)
            metrics.update(y, head_activation(z))
    out = metrics.result()
    out["loss"] = loss_sum / len(indices) if indices else float("nan")
    out["images"] = len(indices)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="dataset folder, .zip or hmnist CSV (see the layouts above)")
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--batch-size", type=int, default=TRAINING["batch_size"], help="global batch size")
    parser.add_argument("--lr", type=float, default=TRAINING["learning_rate"])
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default=TRAINING["optimizer"])
    parser.add_argument("--momentum", type=float, default=TRAINING["momentum"], help="SGD momentum")
    parser.add_argument("--schedule", choices=["cosine", "constant"], default=TRAINING.get("schedule", "constant"),
                        help="learning rate: warm-up then cosine decay to 0, or constant; --lr is its peak")
    parser.add_argument("--validation-fraction", type=float, default=TRAINING["validation_fraction"])
    parser.add_argument("--test-fraction", type=float, default=TEST_FRACTION,
                        help="test share when the dataset ships no test split (Testing/)")
    parser.add_argument("--seed", type=int, default=TRAINING["seed"])
    parser.add_argument("--loss", choices=["bce", "dice", "bce+dice"], default=TRAINING["segmentation_loss"],
                        help="segmentation loss")
    parser.add_argument("--dice", choices=["batch", "image"], default=TRAINING.get("dice_mode", "batch"),
                        help="soft Dice over the whole batch, or per image with empty masks left out")
    parser.add_argument("--no-class-weights", action="store_true", help="do not weight classes by rarity")
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--from-scratch", action="store_true", help="ignore weights.safetensors beside model.py")
    parser.add_argument("--workers", type=int, default=0, help="unused: images are held in memory, read once")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU even when a GPU is present")
    parser.add_argument("--json", action="store_true", help="one JSON object per epoch and one for the test (stdout)")
    parser.add_argument("--out", default="trained.safetensors", help="where to write the trained weights")
    args = parser.parse_args(argv)

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    cuda = torch.cuda.is_available() and not args.cpu
    if distributed:
        dist.init_process_group("nccl" if cuda else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    else:
        rank, world, local_rank = 0, 1, 0
    if cuda:
        torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
    quiet = lambda *a, **k: None  # noqa: E731
    log = quiet if rank else (lambda *a, **k: print(*a, **k, file=sys.stderr if args.json else sys.stdout))
    emit = quiet if rank or not args.json else (lambda obj: print(json.dumps(clean(obj)), flush=True))

    torch.manual_seed(args.seed)
    data = Data(args.data, log)
    train, val, test = split_dataset(data.labels, data.groups, data.provided, args.test_fraction,
                                     args.validation_fraction, args.seed)
    if not train:
        raise SystemExit(f"{len(data)} images leave none for training after the test and validation splits")
    k = len(CLASSES)
    class_weights, use_weights = None, TASK == "classification" and TRAINING["class_weights"] and not args.no_class_weights
    if use_weights:
        class_weights = torch.tensor(inverse_frequency_weights([data.labels[i] for i in train], k)).to(device)

    weights_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")
    resumed = not args.from_scratch and os.path.exists(weights_file)
    model = build_model(weights=weights_file if resumed else None)
    head = getattr(model, HEAD_MODULE) if HEAD_MODULE else None
    bias = prior_bias(data, train, k, use_weights)
    if not resumed:  # exported weights keep their trained values, the head's bias included
        init_like_convas(model)
        if head is not None and bias is not None:
            with torch.no_grad():
                head.bias.copy_(torch.tensor(bias))
    model = model.to(device)
    if distributed and cuda:
        model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    net = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if cuda else None) if distributed else model

    if args.optimizer == "adam":
        optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, eps=1e-7)  # tfjs' Adam epsilon
    else:
        optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=args.momentum)
    loss_fn = loss_for(args.loss, args.dice)
    augment = TRAINING["augment"] and not args.no_augment

    log(f"{data.format}: {len(train)} training, {len(val)} validation and {len(test)} test images"
        f"{' (the dataset' + chr(39) + 's own test split)' if data.provided else ''}, {world} process(es) on {device.type}, "
        f"batch {args.batch_size}, {args.optimizer} lr {args.lr} ({args.schedule})")
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    if 0 < steps_per_epoch * args.epochs < MIN_UPDATES:
        # As Convas says before Train: epochs count passes, and a small dataset makes few updates per pass.
        log(f"Short run: {steps_per_epoch * args.epochs} weight updates in all ({steps_per_epoch} batches an epoch x {args.epochs} "
            f"epochs). Models usually need a few hundred to learn; try --epochs {math.ceil(MIN_UPDATES / steps_per_epoch)}.")
    for epoch in range(1, args.epochs + 1):
        net.train()
        start, loss_sum, seen = time.time(), 0.0, 0
        rng = Rng(f"augment:{args.seed}:{epoch}") if augment else None
        order = Rng(f"epoch:{args.seed}:{epoch}").shuffle(list(train))
        for first in range(0, len(order), args.batch_size):
            batch = order[first : first + args.batch_size]
            x, y = make_batch(data, batch, rng)  # every process draws the whole batch: the same random stream
            if len(batch) // world < 2 and first > 0:
                continue  # a last share of one image would stop BatchNorm on vectors: every process skips it
            lr = learning_rate_at(args.lr, args.schedule, (epoch - 1) * steps_per_epoch + first // args.batch_size,
                                  steps_per_epoch, args.epochs * steps_per_epoch)
            for group in optimizer.param_groups:
                group["lr"] = lr
            mine = list(range(rank, len(batch), world))
            x, y = x[mine].to(device, non_blocking=True), y[mine].to(device, non_blocking=True)
            loss = loss_fn(y, net(x, logits=True), class_weights)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += float(loss) * len(mine)
            seen += len(mine)
        if distributed:
            t = torch.tensor([loss_sum, seen], dtype=torch.float64, device=device)
            dist.all_reduce(t)
            loss_sum, seen = t.tolist()
        record = {"epoch": epoch, "epochs": args.epochs, "loss": loss_sum / max(seen, 1)}
        line = f"epoch {epoch}/{args.epochs}  loss {record['loss']:.4f}"
        if val:
            v = evaluate(model, data, val, loss_fn, class_weights, args.batch_size, device)
            record.update({"val_loss": v["loss"], "val_accuracy": v["accuracy"]})
            if TASK == "classification":
                record.update({"val_balanced_accuracy": v["balanced_accuracy"], "val_per_class": v["per_class"]})
            else:
                record.update({"val_dice": v["dice"], "val_dice_per_class": v["dice_per_class"]})
            line += f"  val_loss {v['loss']:.4f}  {headline(v)}"
        record["seconds"] = time.time() - start
        log(f"{line}  ({seen / max(record['seconds'], 1e-9):.1f} img/s)")
        emit(record)

    if test:
        t = evaluate(model, data, test, loss_fn, class_weights, args.batch_size, device)
        emit({"split": "test", **t})
        log(f"test ({t['images']} images): loss {t['loss']:.4f}  {headline(t).replace('val_', '')}")
        if TASK == "classification":
            for c in t["per_class"]:
                log(f"  {c['class']:<12} support {c['support']:5d}  sens {c['sensitivity']:.3f}  spec {c['specificity']:.3f}"
                    f"  prec {c['precision']:.3f}  F1 {c['f1']:.3f}")
        else:
            log("  Dice per class: " + ", ".join(f"{d:.3f}" for d in t["dice_per_class"]) + " (background not in the mean)")

    if rank == 0:
        save_safetensors(model.state_dict(), args.out, {"format": "pt"})
        log(f"Saved the trained weights to {args.out}; load them with build_model(weights={args.out!r}).")
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
