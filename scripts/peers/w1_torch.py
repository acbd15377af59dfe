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
import argparse
import ctypes
import os
import statistics
import time

import torch


def openblas_core():
    """The kernel set of the OpenBLAS this process has loaded, or "none"."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line and "/" in line}
    for lib in sorted(libs):
        try:
            fn = ctypes.CDLL(lib).openblas_get_corename
        except (OSError, AttributeError):
            continue
        fn.restype = ctypes.c_char_p
        return fn().decode()
    return "none"


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
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--L", type=int, default=32)
    ap.add_argument("--n", type=int, default=1024)
    ap.add_argument("--B", type=int, default=1024)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--seed", type=int, default=12345)
    a = ap.parse_args()
    if min(a.L, a.n, a.B, a.reps) < 1:
        ap.error("--L, --n, --B and --reps must be at least 1")
    if a.warmup < 0:
        ap.error("--warmup must be at least 0")
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(a.seed)
    x0 = torch.randn(a.B, a.n, dtype=dtype)
    for _ in range(a.warmup):
        forward(x0, a.L)
    times = []
    for _ in range(a.reps):
        t0 = time.perf_counter()
        stats = forward(x0, a.L)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    print("dtype=%s L=%d n=%d B=%d reps=%d median_s=%.4f min_s=%.4f gflops=%.1f final_mean=%.5f final_var=%.5f threads=%d openblas_core=%s" % (
        a.dtype, a.L, a.n, a.B, a.reps, med, min(times), 2.0 * a.B * a.n * a.n * a.L / med / 1e9,
        stats[-1][0], stats[-1][1], torch.get_num_threads(), openblas_core()))


if __name__ == "__main__":
    main()
