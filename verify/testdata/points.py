#!/usr/bin/python3
"""Reference points for the soundness tests of package verify.

Writes one line per point:  lambda alpha mu omega nu tau  mu~ nu~ S
where the first six are float64 values (Python repr, exact), and mu~, nu~
(the SELU layer map, docs/model.md §2, paper Eq. 4, 5 and 11–13) and S (the largest
singular value of the Jacobian H of Eq. 87, docs/model.md §3, Eq. 69/88) are
computed with mpmath at 50 digits from the closed forms with erfc, at the
exact binary inputs. Printed with 25 significant digits.

Usage: /usr/bin/python3 points.py > points.txt   (fixed seed: reproducible)
"""
import random

from mpmath import mp, mpf, erfc, exp, sqrt, pi, nstr

mp.dps = 50
rng = random.Random(1706)

CONSTANTS = [
    (1.0507009873554804934, 1.6732632423543772848),   # lambda01, alpha01 (Eq. 14)
    (1.0702322744471108273, 2.4040053382164822424),   # target (0, 4), docs/model.md §4
    (1.2, 0.9),
]
DOMAINS = [  # (mu, omega, nu, tau) ranges
    ((-0.1, 0.1), (-0.1, 0.1), (0.8, 1.5), (0.95, 1.1)),    # Theorem 1
    ((-0.1, 0.1), (-0.1, 0.1), (0.8, 1.5), (0.8, 1.25)),    # Lemma 12
    ((-1, 1), (-0.1, 0.1), (3, 16), (0.8, 1.25)),           # Theorem 2
    ((-0.1, 0.1), (-0.1, 0.1), (0.02, 0.24), (0.8, 1.25)),  # Theorem 3
    ((-0.5, 0.5), (0.5, 1.5), (0.5, 2), (0.5, 1.5)),        # notebook-like
    ((-3, 3), (-1.5, 1.5), (0.001, 0.05), (0.5, 2)),        # small variance
    ((-3, 3), (-1.5, 1.5), (50, 800), (0.5, 2)),            # large variance
]


def layer(l, a, mu, om, nu, ta):
    m, q = mu * om, nu * ta
    s = sqrt(q)
    u0, u1, u2 = m / (sqrt(2) * s), (m + q) / (sqrt(2) * s), (m + 2 * q) / (sqrt(2) * s)
    e0 = exp(-m * m / (2 * q))
    k1 = exp(m + q / 2) * erfc(u1)
    k2 = exp(2 * m + 2 * q) * erfc(u2)
    p, n = 2 - erfc(u0), erfc(u0)
    phs = sqrt(2 / pi) * s * e0
    mu_t = l / 2 * (m * p + a * k1 - a * n + phs)
    xi = l**2 / 2 * ((m * m + q) * p + a**2 * (k2 - 2 * k1 + n) + m * phs)
    nu_t = xi - mu_t**2
    j11 = l * om / 2 * (a * k1 - n + 2)
    j12 = l * ta / 4 * (a * k1 - (a - 1) * sqrt(2 / (pi * q)) * e0)
    j21 = l**2 * om * (a**2 * k2 - a**2 * k1 + m * (2 - n) + phs)
    j22 = l**2 * ta / 2 * (2 * a**2 * k2 - a**2 * k1 - n + 2)
    h11, h12, h21, h22 = j11, j12, j21 - 2 * mu_t * j11, j22 - 2 * mu_t * j12
    S = (sqrt((h11 + h22)**2 + (h21 - h12)**2) + sqrt((h11 - h22)**2 + (h12 + h21)**2)) / 2
    return mu_t, nu_t, S


print("# lambda alpha mu omega nu tau mu~ nu~ S  (mpmath", mp.dps, "digits; points.py)")
for l, a in CONSTANTS:
    for dom in DOMAINS:
        for _ in range(60):
            x = [rng.uniform(lo, hi) for lo, hi in dom]
            mu_t, nu_t, S = layer(mpf(l), mpf(a), *[mpf(v) for v in x])
            print(repr(l), repr(a), *[repr(v) for v in x], *[nstr(v, 25) for v in (mu_t, nu_t, S)])
