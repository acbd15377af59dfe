#!/usr/bin/python3
"""Peer workload for scripts/bench-solver.sh: SELU constants with mpmath.

Finds lambda, alpha such that the target (mu*, nu*) is a fixed point of the
SELU layer map in the paper's convention (omega = 0, tau = 1, so the net input
is z ~ N(0, nu*)), the way a user of mpmath would: mp.findroot (its
multidimensional Newton with a numerical Jacobian) on

    E selu(z) - mu* = 0,    Var selu(z) - nu* = 0,

from the start (lambda, alpha) = (1, 1.5), with the moments of the normal
distribution written through mp.ncdf and mp.npdf (Klambauer et al. 2017,
Eq. 4, 5; docs/model.md section 2). Every repetition sets mp.dps afresh and
solves from scratch; --warmup untimed solves (default 1) first warm mpmath's
caches. --warmup 0 --reps 1 makes the process solve once, like one
selu-solve process.

    /usr/bin/python3 scripts/peers/solve_mpmath.py --digits 50 --target 0/1 --reps 15

prints one line per digit count:

    digits=50 target=0/1 reps=15 median_s=0.00512 min_s=0.00498 lambda=1.0507... alpha=1.6732...

and exits with status 1 if the root does not satisfy the equations to within
10^(2-digits).
"""
import argparse
import statistics
import sys
import time

import mpmath
from mpmath import mp, mpf


def layer_moments(lam, alpha, mu, nu):
    """Mean and variance of selu(z), z ~ N(0, nu) (omega = 0, tau = 1)."""
    s = mp.sqrt(nu)
    m = mpf(0)  # the net input's mean mu*omega with omega = 0
    t = m / s
    # E[z 1{z>0}], E[z^2 1{z>0}]
    pos1 = m * mp.ncdf(t) + s * mp.npdf(t)
    pos2 = (m * m + nu) * mp.ncdf(t) + m * s * mp.npdf(t)
    # E[e^z 1{z<=0}] and E[e^{2z} 1{z<=0}] by completing the square
    p0 = mp.ncdf(-t)
    e1 = mp.exp(m + nu / 2) * mp.ncdf(-(m + nu) / s)
    e2 = mp.exp(2 * m + 2 * nu) * mp.ncdf(-(m + 2 * nu) / s)
    neg1 = e1 - p0
    neg2 = e2 - 2 * e1 + p0
    mean = lam * (pos1 + alpha * neg1)
    second = lam * lam * (pos2 + alpha * alpha * neg2)
    return mean, second - mean * mean


def solve(mu, nu, digits):
    mp.dps = digits
    mu, nu = mpf(mu), mpf(nu)

    def residual(lam, alpha):
        mean, var = layer_moments(lam, alpha, mu, nu)
        return [mean - mu, var - nu]

    lam, alpha = mp.findroot(residual, (mpf(1), mpf("1.5")))
    r = max(abs(v) for v in residual(lam, alpha))
    return lam, alpha, r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--digits", default="30", help="comma-separated digit counts")
    ap.add_argument("--target", default="0/1", help="mu*/nu*")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=1)
    a = ap.parse_args()
    if a.reps < 1:
        ap.error("--reps must be at least 1")
    if a.warmup < 0:
        ap.error("--warmup must be at least 0")
    try:
        mu, nu = a.target.split("/")
        mpf(mu), mpf(nu)
    except ValueError:
        ap.error("--target must be mu/nu, e.g. 0/1")
    print("# mpmath %s, backend %s" % (mpmath.__version__, mpmath.libmp.BACKEND))
    ok = True
    for d in (int(x) for x in a.digits.split(",")):
        for _ in range(a.warmup):
            solve(mu, nu, d)
        times = []
        for _ in range(a.reps):
            t0 = time.perf_counter()
            lam, alpha, r = solve(mu, nu, d)
            times.append(time.perf_counter() - t0)
        good = r <= mpf(10) ** (2 - d) * (1 + abs(mpf(nu)))
        ok = ok and good
        print("digits=%d target=%s reps=%d median_s=%.6f min_s=%.6f lambda=%s alpha=%s%s" % (
            d, a.target, a.reps, statistics.median(times), min(times),
            mp.nstr(lam, d), mp.nstr(alpha, d), "" if good else " RESIDUAL_TOO_LARGE=" + mp.nstr(r, 3)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
