#!/usr/bin/python3
"""Reference Jacobians for the weighted-norm soundness test of package verify.

Writes one line per point:  lambda alpha mu omega nu tau  h11 h12 h21 h22
where the first six are float64 values (Python repr, exact) and H is the
Jacobian of the layer map g (paper Eq. 87, docs/model.md §3), computed with
mpmath at 50 digits from the closed forms with erfc (the same formulas as
points.py) at the exact binary inputs, printed with 25 significant digits.

The constants are those of points.py and, in addition, the float64 λ, α of
the targets (0.5, 1) and (0.6, 1) (ω = 0, τ = 1), which are certified in a
weighted norm; the domains are points.py's and boxes around those targets.

Usage: /usr/bin/python3 hpoints.py > hpoints.txt   (fixed seed: reproducible)
"""
import random

from mpmath import mp, mpf, erfc, exp, sqrt, pi, nstr

mp.dps = 50
rng = random.Random(2017)

CONSTANTS = [
    (1.0507009873554804934, 1.6732632423543772848),   # lambda01, alpha01 (Eq. 14)
    (1.0702322744471108273, 2.4040053382164822424),   # target (0, 4)
    (1.5572487898565195, 0.32657767049637226),        # target (0.5, 1)
    (1.644384140724638, 0.1428730432596834),          # target (0.6, 1)
]
DOMAINS = [  # (mu, omega, nu, tau) ranges
    ((-0.1, 0.1), (-0.1, 0.1), (0.8, 1.5), (0.95, 1.1)),    # Theorem 1
    ((-1, 1), (-0.1, 0.1), (3, 16), (0.8, 1.25)),           # Theorem 2
    ((-0.1, 0.1), (-0.1, 0.1), (0.02, 0.24), (0.8, 1.25)),  # Theorem 3
    ((0.35, 0.8), (-0.02, 0.02), (0.55, 1.7), (0.98, 1.02)),  # around (0.5, 1), (0.6, 1)
    ((-3, 3), (-1.5, 1.5), (50, 800), (0.5, 2)),            # large variance
]


def jacobian(l, a, mu, om, nu, ta):
    m, q = mu * om, nu * ta
    s = sqrt(q)
    u0, u1, u2 = m / (sqrt(2) * s), (m + q) / (sqrt(2) * s), (m + 2 * q) / (sqrt(2) * s)
    e0 = exp(-m * m / (2 * q))
    k1 = exp(m + q / 2) * erfc(u1)
    k2 = exp(2 * m + 2 * q) * erfc(u2)
    p, n = 2 - erfc(u0), erfc(u0)
    phs = sqrt(2 / pi) * s * e0
    mu_t = l / 2 * (m * p + a * k1 - a * n + phs)
    j11 = l * om / 2 * (a * k1 - n + 2)
    j12 = l * ta / 4 * (a * k1 - (a - 1) * sqrt(2 / (pi * q)) * e0)
    j21 = l**2 * om * (a**2 * k2 - a**2 * k1 + m * (2 - n) + phs)
    j22 = l**2 * ta / 2 * (2 * a**2 * k2 - a**2 * k1 - n + 2)
    return j11, j12, j21 - 2 * mu_t * j11, j22 - 2 * mu_t * j12


print("# lambda alpha mu omega nu tau h11 h12 h21 h22  (mpmath", mp.dps, "digits; hpoints.py)")
for l, a in CONSTANTS:
    for dom in DOMAINS:
        for _ in range(25):
            x = [rng.uniform(lo, hi) for lo, hi in dom]
            h = jacobian(mpf(l), mpf(a), *[mpf(v) for v in x])
            print(repr(l), repr(a), *[repr(v) for v in x], *[nstr(v, 25) for v in h])
