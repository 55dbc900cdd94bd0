"""Train the exported model on a folder of images, on one CPU, one GPU, or many GPUs/nodes.

    python train.py --data DATA_DIR                                # one CPU or GPU
    torchrun --nproc_per_node=4 train.py --data DATA_DIR           # 4 GPUs (or 4 CPU processes)
    torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=HOST:29400 train.py --data DATA_DIR

Folder layouts:
    DATA_DIR/labels.csv with columns file,label,class,group (and mask, for segmentation), paths relative to
                    DATA_DIR: what `npm run convas -- generate` writes; images of one group stay together
    classification: DATA_DIR/<class>/<image>, one sub-folder per name in model.CLASSES
    segmentation:   DATA_DIR/images/<name> and DATA_DIR/masks/<name> or <name>_mask (mask pixel 0 is background;
                    for one-channel models any value > 0 is foreground, else the class index or
                    class * (255 // (classes - 1)))

Images are read with Pillow when it is installed (any format), else PNG files are decoded here. They are
converted to model.INPUT_SHAPE's channels and size and scaled to [0, 1], as in Convas.

Loss, optimiser and hyper-parameters default to the Convas document's training settings (model.TRAINING);
flags override them. Under torchrun the batch size is the global one, split across processes; the model is
wrapped in DistributedDataParallel, each process reads its share through a DistributedSampler, and the
backend is NCCL on GPUs and Gloo on CPUs. The trained weights are written as a .safetensors file that
model.build_model() loads.
"""
import argparse
import collections
import csv
import math
import os
import random
import struct
import sys
import time
import zlib

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset, DistributedSampler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import CLASSES, INPUT_SHAPE, TASK, TRAINING, build_model, save_safetensors  # noqa: E402

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
EPSILON = 1e-7  # Keras/tfjs clip probabilities to [EPSILON, 1 - EPSILON] before taking logs
DICE_SMOOTH = 1e-5  # soft Dice smoothing, as in Convas (MONAI's default)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def read_png(path):
    """Decodes a non-interlaced 8- or 16-bit PNG without Pillow: a uint8 tensor (H, W, C), alpha dropped."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG; install Pillow to read other image formats")
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


def read_pixels(path, grey):
    """uint8 tensor (H, W, C) with C = 1 when grey else 3."""
    try:
        from PIL import Image
    except ImportError:
        Image = None
    if Image is not None:
        with Image.open(path) as image:
            image = image.convert("L" if grey else "RGB")
            pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
            return pixels.reshape(image.size[1], image.size[0], 1 if grey else 3)
    pixels = read_png(path)
    if grey and pixels.shape[2] == 3:  # ITU-R 601-2 luma, as Pillow's convert("L")
        weights = torch.tensor([0.299, 0.587, 0.114])
        return (pixels.float() @ weights).round().clamp(0, 255).to(torch.uint8)[..., None]
    if not grey and pixels.shape[2] == 1:
        return pixels.expand(-1, -1, 3)
    return pixels


def read_image(path):
    """float32 (C, H, W) in [0, 1] with model.INPUT_SHAPE's channels and size."""
    channels, height, width = INPUT_SHAPE
    x = read_pixels(path, channels == 1).permute(2, 0, 1).float() / 255
    if x.shape[0] != channels:  # e.g. 4-channel inputs: repeat the colour channels
        x = x.repeat(math.ceil(channels / x.shape[0]), 1, 1)[:channels]
    if tuple(x.shape[1:]) != (height, width):
        x = F.interpolate(x[None], size=(height, width), mode="bilinear", align_corners=False, antialias=True)[0]
    return x.clamp(0, 1)


def read_mask(path):
    """Segmentation target: float (1, H, W) in {0, 1} for one-channel models, else long class indices (H, W).

    Multi-class masks hold the class index per pixel, or class * (255 // (classes - 1)) as `convas generate`
    writes them (spread over 0..255 to be visible); values above the last index are read as the latter.
    """
    _, height, width = INPUT_SHAPE
    mask = read_pixels(path, True).permute(2, 0, 1)[None].float()
    mask = F.interpolate(mask, size=(height, width), mode="nearest")[0]
    if len(CLASSES) == 1:
        return (mask > 0).float()
    last = len(CLASSES) - 1
    if mask.max() > last:
        mask = torch.round(mask / (255 // last))
    return mask[0].long().clamp(0, last)


def list_images(folder):
    return sorted(
        os.path.join(folder, name)
        for name in os.listdir(folder)
        if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS
    )


def class_index(row, names):
    """A labels.csv row's class: its `class` name when that is one of the classes, else its `label` index."""
    if row.get("class") in names:
        return names.index(row["class"])
    return int(row["label"])


class FolderDataset(Dataset):
    """(image, target) pairs from DATA_DIR in a fixed order, with the group of each image (a patient, a lesion)."""

    def __init__(self, root):
        names = list(CLASSES)
        table = os.path.join(root, "labels.csv")
        if os.path.exists(table):  # the layout `convas generate` writes: file,label,class,group[,mask]
            with open(table, newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            if TASK == "segmentation":
                self.items = [(os.path.join(root, r["file"]), os.path.join(root, r["mask"])) for r in rows]
            else:
                self.items = [(os.path.join(root, r["file"]), class_index(r, names)) for r in rows]
            self.groups = [r.get("group") or r["file"] for r in rows]
        elif TASK == "segmentation":
            stem = lambda p: os.path.splitext(os.path.basename(p))[0]  # noqa: E731
            masks = {stem(p): p for p in list_images(os.path.join(root, "masks"))}
            images = list_images(os.path.join(root, "images"))
            self.items = [(p, masks.get(stem(p)) or masks.get(stem(p) + "_mask")) for p in images]
            self.items = [(p, m) for p, m in self.items if m]
            self.groups = [p for p, _ in self.items]
        else:
            folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
            if not set(folders) <= set(names):
                if len(folders) != len(names):
                    raise SystemExit(f"{root}: expected one folder per class {names}, found {folders}")
                print(f"Folder names {folders} differ from the classes {names}; using them in sorted order.")
                names = folders
            self.items = [(p, names.index(d)) for d in folders for p in list_images(os.path.join(root, d))]
            self.groups = [p for p, _ in self.items]
        self.labels = [label for _, label in self.items] if TASK == "classification" else None
        if not self.items:
            raise SystemExit(f"{root}: no images found (see the folder layout in train.py's docstring)")

    def __len__(self):
        return len(self.items)

    def load(self, index, augment):
        path, target = self.items[index]
        x = read_image(path)
        y = read_mask(target) if TASK == "segmentation" else target
        if augment:  # flips and brightness, on the fly, training images only
            if random.random() < 0.5:
                x = x.flip(-1)
                y = y.flip(-1) if TASK == "segmentation" else y
            if random.random() < 0.5:
                x = x.flip(-2)
                y = y.flip(-2) if TASK == "segmentation" else y
            x = (x * random.uniform(0.9, 1.1)).clamp(0, 1)
        return x, y


class Split(Dataset):
    """Some of a FolderDataset's images, augmented or not."""

    def __init__(self, data, indices, augment):
        self.data, self.indices, self.augment = data, indices, augment

    def __len__(self):
        return len(self.indices)

    def __getitem__(self, i):
        return self.data.load(self.indices[i], self.augment)


def soft_dice_loss(p, y):
    """1 - mean over images and classes of (2 sum(p y) + s) / (sum(p) + sum(y) + s), sums over one image's pixels."""
    dims = (2, 3)
    return 1 - ((2 * (p * y).sum(dims) + DICE_SMOOTH) / (p.sum(dims) + y.sum(dims) + DICE_SMOOTH)).mean()


def loss_fn(p, y, class_weights, kind):
    """The Convas loss of the task on probabilities p (the model's softmax or sigmoid output)."""
    clipped = p.clamp(EPSILON, 1 - EPSILON)
    if TASK == "classification":
        losses = -torch.log(clipped.gather(1, y[:, None]))[:, 0]
        if class_weights is not None:
            losses = losses * class_weights[y]
        return losses.mean()
    if p.shape[1] == 1:
        ce = -(y * torch.log(clipped) + (1 - y) * torch.log(1 - clipped)).mean()
        target = y
    else:
        ce = -torch.log(clipped.gather(1, y[:, None])).mean()
        target = F.one_hot(y, p.shape[1]).permute(0, 3, 1, 2).float()
    if kind == "bce":
        return ce
    dice = soft_dice_loss(p, target)
    return dice if kind == "dice" else ce + dice


def score(p, y):
    """Correct predictions (images, or pixels for segmentation) and how many there were."""
    if TASK == "classification":
        return (p.argmax(1) == y).sum().item(), y.numel()
    predicted = (p > 0.5).float() if p.shape[1] == 1 else p.argmax(1)
    return (predicted == y).sum().item(), y.numel()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="dataset folder (see the layout above)")
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--batch-size", type=int, default=TRAINING["batch_size"], help="global batch size")
    parser.add_argument("--lr", type=float, default=TRAINING["learning_rate"])
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default=TRAINING["optimizer"])
    parser.add_argument("--momentum", type=float, default=TRAINING["momentum"], help="SGD momentum")
    parser.add_argument("--validation-fraction", type=float, default=TRAINING["validation_fraction"])
    parser.add_argument("--seed", type=int, default=TRAINING["seed"])
    parser.add_argument("--loss", choices=["bce", "dice", "bce+dice"], default=TRAINING["segmentation_loss"],
                        help="segmentation loss")
    parser.add_argument("--no-class-weights", action="store_true", help="do not weight classes by rarity")
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--from-scratch", action="store_true", help="ignore weights.safetensors beside model.py")
    parser.add_argument("--workers", type=int, default=0, help="DataLoader worker processes")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU even when a GPU is present")
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
    log = print if rank == 0 else (lambda *a, **k: None)

    torch.manual_seed(args.seed)
    random.seed(args.seed + rank)
    data = FolderDataset(args.data)
    # Validation takes whole groups (all images of one patient or lesion), as Convas splits, never half of one.
    groups = sorted(set(data.groups), key=str)
    random.Random(args.seed).shuffle(groups)
    sizes, wanted, held, count = collections.Counter(data.groups), int(len(data) * args.validation_fraction), set(), 0
    for group in groups:
        if count >= wanted:
            break
        held.add(group)
        count += sizes[group]
    train_set = Split(data, [i for i, g in enumerate(data.groups) if g not in held],
                      augment=TRAINING["augment"] and not args.no_augment)
    val_set = Split(data, [i for i, g in enumerate(data.groups) if g in held], augment=False)

    class_weights = None
    if TASK == "classification" and TRAINING["class_weights"] and not args.no_class_weights:
        # N / (K n_c) over the K classes present, 0 for absent ones (scikit-learn's "balanced"), as in Convas.
        counts = torch.bincount(torch.tensor([data.labels[i] for i in train_set.indices]), minlength=len(CLASSES)).float()
        present = (counts > 0).sum()
        class_weights = torch.where(counts > 0, len(train_set) / (present * counts.clamp(min=1)), torch.zeros_like(counts))
        class_weights = class_weights.to(device)

    model = build_model(weights=None if args.from_scratch else os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors"))
    model = model.to(device)
    if distributed and cuda:
        model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    net = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if cuda else None) if distributed else model

    if args.optimizer == "adam":
        optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, eps=1e-7)  # tfjs' Adam epsilon
    else:
        optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=args.momentum)

    per_process = max(1, args.batch_size // world)
    train_sampler = DistributedSampler(train_set, shuffle=True, seed=args.seed) if distributed else None
    val_sampler = DistributedSampler(val_set, shuffle=False) if distributed else None
    # A last batch of one image would stop BatchNorm on vectors (no variance to normalise by): drop it then.
    per_rank = math.ceil(len(train_set) / world)
    train_loader = DataLoader(train_set, batch_size=per_process, shuffle=train_sampler is None, sampler=train_sampler,
                              num_workers=args.workers, pin_memory=cuda, drop_last=per_rank % per_process == 1 and per_rank > 1)
    val_loader = DataLoader(val_set, batch_size=per_process, sampler=val_sampler, num_workers=args.workers)
    log(f"{len(train_set)} training and {len(val_set)} validation images, {world} process(es) on {device.type}, "
        f"batch {per_process * world}, {args.optimizer} lr {args.lr}")

    def reduce(*values):
        t = torch.tensor(values, dtype=torch.float64, device=device)
        if distributed:
            dist.all_reduce(t)
        return t.tolist()

    for epoch in range(args.epochs):
        if train_sampler is not None:
            train_sampler.set_epoch(epoch)
        net.train()
        start, loss_sum, seen = time.time(), 0.0, 0
        for x, y in train_loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = loss_fn(net(x), y, class_weights, args.loss)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(x)
            seen += len(x)
        loss_sum, seen = reduce(loss_sum, seen)
        line = f"epoch {epoch + 1}/{args.epochs}  loss {loss_sum / max(seen, 1):.4f}"
        if len(val_set):
            net.eval()
            v_loss, v_correct, v_count, v_seen = 0.0, 0, 0, 0
            with torch.no_grad():
                for x, y in val_loader:
                    x, y = x.to(device), y.to(device)
                    p = net(x)
                    v_loss += loss_fn(p, y, None, args.loss).item() * len(x)
                    correct, count = score(p, y)
                    v_correct, v_count, v_seen = v_correct + correct, v_count + count, v_seen + len(x)
            v_loss, v_correct, v_count, v_seen = reduce(v_loss, v_correct, v_count, v_seen)
            line += f"  val_loss {v_loss / max(v_seen, 1):.4f}  val_accuracy {v_correct / max(v_count, 1):.4f}"
        log(f"{line}  ({seen / (time.time() - start):.1f} img/s)")

    if rank == 0:
        save_safetensors(model.state_dict(), args.out, {"format": "pt"})
        log(f"Saved the trained weights to {args.out}; load them with build_model(weights={args.out!r}).")
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
