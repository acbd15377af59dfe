#!/usr/bin/python3
"""PyTorch peer of `selu-solve train` for scripts/bench-train.sh.

Trains the same dense network as `selu-solve train --depth D --width N --batch B --epochs E`
with its defaults: SELU (lambda, alpha of the target (0, 1)), LeCun-normal hidden weights and an
N(0, 1/k) output layer, zero biases, inputs standardized by the training set's pixel mean and
standard deviation, SGD with momentum 0.9 and learning rate 0.01 (or Adam), float32, on
--threads CPU threads. Prints one JSON object per epoch:

  {"epoch": 1, "seconds": <training pass only>, "test_accuracy": ..., "train_loss": ...}

Needs Debian's python3-torch and python3-numpy; the data are idx files, raw or gzip
(Debian's dataset-fashion-mnist installs them in /usr/share/datasets/fashion-mnist)."""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch


def read_idx(path):
    """The array stored in one idx file (gzip-compressed or not)."""
    with open(path, "rb") as f:
        head = f.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        blob = f.read()
    if blob[0] != 0 or blob[1] != 0 or blob[2] != 8:
        sys.exit(f"{path}: not an idx file of unsigned bytes")
    ndim = blob[3]
    shape = tuple(int.from_bytes(blob[4 + 4 * k:8 + 4 * k], "big") for k in range(ndim))
    return np.frombuffer(blob, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def find(directory, base):
    for name in (base + ".gz", base):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    sys.exit(f"{directory}: no {base}[.gz]")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--depth", type=int, default=8)
    ap.add_argument("--width", type=int, default=512)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    opt = ap.parse_args()
    torch.set_num_threads(opt.threads)
    torch.manual_seed(opt.seed)

    sets = {}
    for part in ("train", "t10k"):
        images = read_idx(find(opt.data, part + "-images-idx3-ubyte"))
        labels = read_idx(find(opt.data, part + "-labels-idx1-ubyte"))
        sets[part] = (images.reshape(len(images), -1).astype(np.float32), labels.astype(np.int64))
    pix = sets["train"][0]
    mu, sd = float(pix.mean(dtype=np.float64)), float(pix.std(dtype=np.float64))
    x_train = torch.from_numpy((sets["train"][0] - mu) / sd)
    y_train = torch.from_numpy(sets["train"][1])
    x_test = torch.from_numpy((sets["t10k"][0] - mu) / sd)
    y_test = torch.from_numpy(sets["t10k"][1])

    modules, fan_in = [], x_train.shape[1]
    for _ in range(opt.depth):
        dense = torch.nn.Linear(fan_in, opt.width)
        with torch.no_grad():
            dense.weight.normal_(0.0, fan_in ** -0.5)
            dense.bias.zero_()
        modules += [dense, torch.nn.SELU()]
        fan_in = opt.width
    head = torch.nn.Linear(fan_in, 10)
    with torch.no_grad():
        head.weight.normal_(0.0, fan_in ** -0.5)
        head.bias.zero_()
    model = torch.nn.Sequential(*modules, head)
    if opt.optimizer == "sgd":
        step = torch.optim.SGD(model.parameters(), lr=opt.lr, momentum=0.9)
    else:
        step = torch.optim.Adam(model.parameters(), lr=opt.lr)
    criterion = torch.nn.CrossEntropyLoss()

    n = len(x_train)
    for epoch in range(1, opt.epochs + 1):
        order = torch.randperm(n)
        model.train()
        total, seen = 0.0, 0
        start = time.perf_counter()
        for lo in range(0, n, opt.batch):
            rows = order[lo:lo + opt.batch]
            step.zero_grad(set_to_none=True)
            loss = criterion(model(x_train[rows]), y_train[rows])
            loss.backward()
            step.step()
            total += loss.item() * len(rows)
            seen += len(rows)
        seconds = time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            correct = sum(int((model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum())
                          for i in range(0, len(x_test), 1000))
        print(json.dumps({"epoch": epoch, "seconds": round(seconds, 3),
                          "test_accuracy": correct / len(x_test), "train_loss": total / seen,
                          "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
