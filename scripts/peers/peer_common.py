"""What the W1 peer workloads (w1_numpy.py, w1_torch.py) and
scripts/peers/openblas.sh share: the OpenBLAS kernel set a process runs on,
the command line of a W1 run and its timed loop."""
import argparse
import ctypes
import statistics
import time


def openblas_core():
    """The kernel set ("core") of the OpenBLAS this process has loaded, as
    OpenBLAS names it (Haswell, SkylakeX, Zen, Prescott...), or "none" when
    no OpenBLAS is loaded. OpenBLAS picks it from the CPU's model number
    unless OPENBLAS_CORETYPE names one; a model it does not know gets its
    oldest x86-64 kernels (Prescott: SSE3)."""
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


def w1_args(description, seed):
    """The command line of a W1 peer: --dtype, --L, --n, --B, --reps,
    --warmup and --seed (default seed)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--L", type=int, default=32)
    ap.add_argument("--n", type=int, default=1024)
    ap.add_argument("--B", type=int, default=1024)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--seed", type=int, default=seed)
    a = ap.parse_args()
    if min(a.L, a.n, a.B, a.reps) < 1:
        ap.error("--L, --n, --B and --reps must be at least 1")
    if a.warmup < 0:
        ap.error("--warmup must be at least 0")
    return a


def w1_timed(a, run):
    """Runs run() a.warmup times untimed, then a.reps times timed, and
    returns the line the peers print: dtype, sizes, median and minimum
    seconds, GFLOP/s at the median (2*B*n*n*L flops per run) and the mean and
    variance of the last layer of the last run. run returns the (mean,
    variance) of every layer."""
    for _ in range(a.warmup):
        run()
    times = []
    for _ in range(a.reps):
        t0 = time.perf_counter()
        stats = run()
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    return "dtype=%s L=%d n=%d B=%d reps=%d median_s=%.4f min_s=%.4f gflops=%.1f final_mean=%.5f final_var=%.5f" % (
        a.dtype, a.L, a.n, a.B, a.reps, med, min(times), 2.0 * a.B * a.n * a.n * a.L / med / 1e9,
        stats[-1][0], stats[-1][1])


if __name__ == "__main__":
    print(openblas_core())
