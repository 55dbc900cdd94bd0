"""Runs the ported parts of an exported train.py against values Convas computed (tests/unit/engine/export/trainPy.test.ts).

    /usr/bin/python3 tests/python/check_trainpy.py MANIFEST.json RESULTS.json

The manifest names a PyTorch export folder per task (train.py imports its model.py) and holds:
  rng:     seeds and the first numbers of Convas' createRng(seed), plus fork and shuffle results;
  splits:  label and group lists, a provided split or none, a seed and fractions, and Convas' splitDataset;
  resize:  uint8 images and Convas' fitImage / fitMask results;
  losses:  targets, logits (NHWC or (N, K)) and Convas' loss values; train.py's are computed here, with the
           gradient of each loss on saturated logits;
  datasets: real dataset folders read by train.py's Data, with the images and split Convas imported;
  pillow:  JPEG and TIFF files read as if Pillow were not installed;
  schedules: learning_rate_at over every step of a run, against engine/train/schedule.ts.
Each check is independent: an exception is recorded as that check's "error".
"""
import json
import math
import runpy
import sys
import traceback

import torch


def load(folder):
    sys.path.insert(0, folder)
    sys.modules.pop("model", None)
    return runpy.run_path(f"{folder}/train.py")


def nchw(values, shape):
    t = torch.tensor(values, dtype=torch.float32).reshape(shape)
    return t.permute(0, 3, 1, 2).contiguous() if t.dim() == 4 else t


def check_rng(tp, case):
    rng = tp["Rng"](case["seed"])
    numbers = [rng.next() for _ in range(len(case["next"]))]
    fork = tp["Rng"](case["seed"]).fork(case["forkKey"])
    return {"next": numbers, "fork": [fork.uint32() for _ in range(3)],
            "shuffle": tp["Rng"](case["seed"]).shuffle(list(range(case["shuffleLength"])))}


def check_split(tp, case):
    train, val, test = tp["split_dataset"](case["labels"], case["groups"], case.get("provided"), case["testFraction"],
                                           case["validationFraction"], case["seed"])
    return {"train": train, "validation": val, "test": test}


def check_resize(tp, case):
    h, w, c = case["shape"]
    pixels = torch.tensor(case["pixels"], dtype=torch.uint8).reshape(h, w, c)
    out = tp["fit_image"](pixels, case["outHeight"], case["outWidth"], case["channels"], case.get("pick"))
    mask = tp["fit_mask"]((pixels[..., 0] > 127).to(torch.uint8), case["outHeight"], case["outWidth"])
    return {"image": out.flatten().tolist(), "mask": mask.flatten().tolist()}


def check_loss(tp, case):
    y = nchw(case["y"], case["shape"])
    z = nchw(case["z"], case["shape"]).requires_grad_(True)
    weights = torch.tensor(case["classWeights"]) if case.get("classWeights") else None
    name = case["fn"]
    if name == "softmax_cross_entropy":
        value = tp[name](y, z, weights)
    elif name == "sigmoid_cross_entropy":
        value = tp[name](y, z)
    elif name == "soft_dice_loss":
        value = tp[name](y, tp["head_activation"](z), case["mode"])
    else:
        value = tp["loss_for"](case["segmentationLoss"], case["mode"])(y, z, weights)
    value.backward()
    return {"value": float(value), "gradAbsMax": float(z.grad.abs().max())}


def check_dataset(tp, case):
    data = tp["Data"](case["dir"], lambda *a, **k: None)
    train, val, test = tp["split_dataset"](data.labels, data.groups, data.provided, 0.2, case["validationFraction"], case["seed"])
    ours = data.images.flatten().int()
    theirs = torch.tensor(case["images"], dtype=torch.int32)
    same_shape = ours.shape == theirs.shape
    diff = (ours - theirs).abs() if same_shape else None
    out = {"count": len(data), "format": data.format, "ids": data.ids, "labels": data.labels,
           "split": {"train": train, "validation": val, "test": test},
           "maxDiff": int(diff.max()) if same_shape else None,
           "meanDiff": float(diff.float().mean()) if same_shape else None}
    if data.masks is not None and case.get("masks") is not None:
        out["maskDiffs"] = int((data.masks.flatten().int() != torch.tensor(case["masks"], dtype=torch.int32)).sum())
    return out


def check_pillow(tp, case):
    """Without Pillow, reading a JPEG or TIFF fails with a message naming the format and Pillow."""
    saved = sys.modules.get("PIL")
    sys.modules["PIL"] = None  # import PIL now fails
    try:
        tp["read_pixels"](case["path"])
        return {"message": None}
    except ValueError as error:
        return {"message": str(error)}
    finally:
        if saved is None:
            sys.modules.pop("PIL", None)
        else:
            sys.modules["PIL"] = saved


def check_schedule(tp, case):
    return {"rates": [tp["learning_rate_at"](case["peak"], case["schedule"], step, case["stepsPerEpoch"], case["totalSteps"])
                      for step in range(case["totalSteps"])]}


CHECKS = {"pillow": check_pillow, "rng": check_rng, "splits": check_split, "resize": check_resize, "losses": check_loss, "datasets": check_dataset, "schedules": check_schedule}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        manifest = json.load(f)
    modules, results = {}, {}
    for section, check in CHECKS.items():
        for case in manifest.get(section, []):
            folder = case.get("export") or manifest["export"]
            try:
                if folder not in modules:
                    modules[folder] = load(folder)
                out = check(modules[folder], case)
                out["ok"] = True
            except BaseException as error:  # noqa: BLE001 - any failure, SystemExit included, is a result
                out = {"ok": False, "error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-3000:]}
            results.setdefault(section, {})[case["name"]] = out
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f, allow_nan=True)


if __name__ == "__main__":
    main()
