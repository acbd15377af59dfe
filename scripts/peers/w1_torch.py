#!/usr/bin/python3
"""Peer workload for scripts/bench-mc.sh: the Monte Carlo workload W1 in PyTorch.

The network of w1_numpy.py written the way a PyTorch user would: a dense SELU
network of depth L and width n on a batch of B inputs drawn from N(0, 1),
fresh weights torch.randn(n, n) * n^(-1/2) every layer (drawn inside the timed
region), x @ w, selu_ in place, and torch.var_mean of all B*n activations,
under torch.no_grad(), torch.set_num_threads(number of cores). One run is one
full forward pass, input generation excluded: the span that `selu-solve mc`
reports as "seconds". --warmup untimed runs come first (default 1), then
--reps timed runs in this process.

    /usr/bin/python3 scripts/peers/w1_torch.py --dtype float32 --reps 5

prints

    dtype=float32 L=32 n=1024 B=1024 reps=5 median_s=1.4640 min_s=1.3690 gflops=46.9 final_mean=... final_var=... threads=2 openblas_core=Zen

Debian's python3-torch 1.13 multiplies float32 and float64 matrices with the
system BLAS (libblas.so.3); openblas_core names the OpenBLAS kernel set it
runs on, as in w1_numpy.py.
"""
import os

import torch

from peer_common import openblas_core, w1_args, w1_timed


def forward(x0, L):
    """One forward pass from x0; returns the (mean, variance) of every layer."""
    n = x0.shape[1]
    scale = 1.0 / n ** 0.5
    x, stats = x0, []
    with torch.no_grad():
        for _ in range(L):
            w = torch.randn(n, n, dtype=x0.dtype).mul_(scale)
            y = torch.nn.functional.selu_(x @ w)
            v, m = torch.var_mean(y, unbiased=False)
            stats.append((float(m), float(v)))
            x = y
    return stats


def main():
    a = w1_args(__doc__.split("\n\n")[0], seed=12345)
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(a.seed)
    x0 = torch.randn(a.B, a.n, dtype=dtype)
    line = w1_timed(a, lambda: forward(x0, a.L))
    print("%s threads=%d openblas_core=%s" % (line, torch.get_num_threads(), openblas_core()))


if __name__ == "__main__":
    main()
