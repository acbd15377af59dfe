#!/usr/bin/python3
"""Peer workload for scripts/bench-mc.sh: the Monte Carlo workload W1 in numpy.

A dense SELU network of depth L and width n on a batch of B inputs drawn from
N(0, 1): every layer draws fresh weights w ~ N(0, 1/n) (an n x n matrix),
multiplies, applies SELU with the paper's lambda01, alpha01 (Klambauer et al.
2017, Eq. 14) and records the mean and the variance of all B*n activations
(accumulated in float64). One run is one full forward pass, weight drawing
included, input generation excluded: the span that `selu-solve mc` reports as
"seconds". --warmup untimed runs come first (default 1), then --reps timed
runs in this process; --warmup 0 --reps 1 makes the process do one forward
pass, like one `selu-solve mc` process.

    /usr/bin/python3 scripts/peers/w1_numpy.py --dtype float32 --reps 5

prints

    dtype=float32 L=32 n=1024 B=1024 reps=5 median_s=1.6490 min_s=1.6090 gflops=41.6 final_mean=... final_var=... openblas_core=Zen

(gflops counts 2*B*n*n*L flops per run, at the median time; openblas_core is
the kernel set of the OpenBLAS numpy runs on, see peer_common.py).
"""
import numpy as np

from peer_common import openblas_core, w1_args, w1_timed

LAMBDA01 = 1.0507009873554804934193349852946
ALPHA01 = 1.6732632423543772848170429916717


def forward(x0, L, rng, dtype):
    """One forward pass from x0; returns the (mean, variance) of every layer.

    The activations live in two preallocated buffers used in turn, and the
    product is written into its buffer (np.matmul with out=), so that no
    B x n array is allocated per layer; x0 is left as it is."""
    B, n = x0.shape
    scale = dtype(1 / np.sqrt(n))
    bufs = [np.empty((B, n), dtype=dtype), np.empty((B, n), dtype=dtype)]
    neg = np.empty((B, n), dtype=dtype)
    x, out = x0, []
    for l in range(L):
        w = rng.standard_normal((n, n), dtype=dtype)
        w *= scale
        z = bufs[l % 2]
        np.matmul(x, w, out=z)
        # selu(z) = lambda * (max(z, 0) + alpha * expm1(min(z, 0)))
        np.minimum(z, 0, out=neg)
        np.expm1(neg, out=neg)
        neg *= dtype(ALPHA01)
        np.maximum(z, 0, out=z)
        z += neg
        z *= dtype(LAMBDA01)
        out.append((float(z.mean(dtype=np.float64)), float(z.var(dtype=np.float64))))
        x = z
    return out


def main():
    a = w1_args(__doc__.split("\n\n")[0], seed=1)
    dtype = np.float32 if a.dtype == "float32" else np.float64
    rng = np.random.default_rng(a.seed)
    x0 = rng.standard_normal((a.B, a.n), dtype=dtype)
    line = w1_timed(a, lambda: forward(x0, a.L, rng, dtype))
    print("%s openblas_core=%s" % (line, openblas_core()))


if __name__ == "__main__":
    main()
