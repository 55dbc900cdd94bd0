#!/usr/bin/python3
"""PyTorch CPU training throughput of the two benchmark reference models (below), the yardstick for the browser figures.

Same models, batch sizes, optimiser and loss as scripts/bench/references.ts and scripts/bench/kernels.ts:
  CNN:  64x64x3 -> conv3x3(16,same)+relu -> maxpool2 -> conv3x3(32,same)+relu -> maxpool2 ->
        conv3x3(64,same)+relu -> global average pool -> dense(7) [softmax in the loss]; batch 32, Adam, CE.
  U-Net: 64x64x1 -> conv16 -> conv16 -> pool -> conv32 -> conv32 -> upsample x2 -> concat(up, block 1) ->
        conv16 -> conv1x1(1) sigmoid [in the loss]; batch 16, Adam, binary cross-entropy.
PyTorch runs with its defaults: one intra-op thread per core (torch.set_num_threads(os.cpu_count()): Debian's
torch 1.13 starts with 1 on the 2-core bench machine although libgomp offers 2, which would flatter Convas), and
OpenMP's default wait policy (run it without OMP_WAIT_POLICY in the environment for the honest figure). Besides wall-clock img/s it prints
images per CPU-second of the process (all threads), which a busy shared machine disturbs less.

Run with Debian's /usr/bin/python3 (python3-torch); the pyenv python3 first on PATH cannot import torch.
  /usr/bin/python3 scripts/bench/pytorch.py [--steps 30] [--warmup 3] [--json]
  /usr/bin/python3 scripts/bench/pytorch.py --serve
With --serve it keeps both models warm and answers one line per request on stdin, "cnn 30" or "unet 30 1"
(model, timed steps, optionally threads), with one JSON line {"model", "img_per_s", "img_per_cpu_s", "steps", "threads"}: how
scripts/bench/versus.ts alternates PyTorch and the browser within one run.
Exits 3 with a one-line reason on stderr when torch is missing.
"""
import json
import os
import sys
import time

try:
    import torch
    from torch import nn
except ImportError as error:  # reported by scripts/bench.ts as a skip, not a failure
    print(f"PyTorch is not installed for {sys.executable} ({error}); install Debian's python3-torch.", file=sys.stderr)
    sys.exit(3)


def conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(conv(3, 16), nn.MaxPool2d(2), conv(16, 32), nn.MaxPool2d(2), conv(32, 64))
        self.head = nn.Linear(64, 7)

    def forward(self, x):
        return self.head(self.body(x).mean(dim=(2, 3)))


class MiniUnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = nn.Sequential(conv(1, 16), conv(16, 16))
        self.block2 = nn.Sequential(nn.MaxPool2d(2), conv(16, 32), conv(32, 32))
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.decode = conv(48, 16)
        self.out = nn.Conv2d(16, 1, 1)

    def forward(self, x):
        b1 = self.block1(x)
        u = self.up(self.block2(b1))
        return self.out(self.decode(torch.cat([u, b1], dim=1)))


class Workload:
    """A reference model with its optimiser and one fixed batch, stepped on request (warm after the first)."""

    def __init__(self, model, x, y, loss_fn):
        self.model, self.x, self.y, self.loss_fn = model, x, y, loss_fn
        self.optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.loss_fn(self.model(self.x), self.y)
        loss.backward()
        self.optimizer.step()
        return loss.item()  # read back every step, as the browser loop does

    def measure(self, steps, warmup):
        for _ in range(warmup):
            self.step()
        start = time.perf_counter()
        cpu = time.process_time()  # all threads of this process
        for _ in range(steps):
            self.step()
        images = steps * self.x.shape[0]
        return images / (time.perf_counter() - start), images / (time.process_time() - cpu)


def workloads():
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(0)
    cnn = Workload(Cnn(), torch.rand(32, 3, 64, 64), torch.randint(0, 7, (32,)), nn.CrossEntropyLoss())
    unet = Workload(MiniUnet(), torch.rand(16, 1, 64, 64), (torch.rand(16, 1, 64, 64) > 0.7).float(), nn.BCEWithLogitsLoss())
    return {"cnn": cnn, "unet": unet}


def serve(warmup):
    loads = workloads()
    default_threads = torch.get_num_threads()
    warmed = set()
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        name, steps = parts[0], int(parts[1]) if len(parts) > 1 else 30
        # An optional third field pins the thread count for this request; without it, the default.
        torch.set_num_threads(int(parts[2]) if len(parts) > 2 else default_threads)
        wall, cpu = loads[name].measure(steps, 0 if name in warmed else warmup)
        warmed.add(name)
        answer = {"model": name, "img_per_s": round(wall, 1), "img_per_cpu_s": round(cpu, 1), "steps": steps, "threads": torch.get_num_threads()}
        print(json.dumps(answer), flush=True)


def main(argv):
    steps = int(argv[argv.index("--steps") + 1]) if "--steps" in argv else 30
    warmup = int(argv[argv.index("--warmup") + 1]) if "--warmup" in argv else 3
    if "--serve" in argv:
        return serve(warmup)
    loads = workloads()
    figures = []
    wall, cpu = loads["cnn"].measure(steps, warmup)
    figures += [("cnn_img_per_s_pytorch", wall, "img/s"), ("cnn_img_per_cpu_s_pytorch", cpu, "img/cpu-s")]
    wall, cpu = loads["unet"].measure(steps, warmup)
    figures += [("unet_img_per_s_pytorch", wall, "img/s"), ("unet_img_per_cpu_s_pytorch", cpu, "img/cpu-s")]
    for name, value, unit in figures:
        if "--json" in argv:
            print(json.dumps({"name": name, "value": round(value, 1), "unit": unit}))
        else:
            print(f"{name}: {value:.1f} {unit} (torch {torch.__version__}, {torch.get_num_threads()} threads)")


if __name__ == "__main__":
    main(sys.argv[1:])
