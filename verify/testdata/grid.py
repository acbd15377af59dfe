#!/usr/bin/python3
"""Largest spectral norm on a 15^4 grid, in float64 (Python math.erfc), of
J (Eq. 62-65, what the paper's Lemma 12 grid evaluates) and of
H = dg/d(mu, nu) (Eq. 87, what the contraction needs), docs/model.md §3, on
Theorem 1's Omega and on Lemma 12's box. Used as lower bounds of the maxima
in theorems_test.go (a proven upper bound must not be below them).

Usage: /usr/bin/python3 grid.py
"""
import itertools
import math

l = 1.0507009873554804934193349852946
a = 1.6732632423543772848170429916717


def norm(h11, h12, h21, h22):
    return 0.5 * (math.hypot(h11 + h22, h21 - h12) + math.hypot(h11 - h22, h12 + h21))


def norms(mu, om, nu, ta):
    m, q = mu * om, nu * ta
    s = math.sqrt(q)
    u0, u1, u2 = m / (math.sqrt(2) * s), (m + q) / (math.sqrt(2) * s), (m + 2 * q) / (math.sqrt(2) * s)
    k1, k2, n = math.exp(m + q / 2) * math.erfc(u1), math.exp(2 * m + 2 * q) * math.erfc(u2), math.erfc(u0)
    e0 = math.exp(-m * m / (2 * q))
    phs, phi = math.sqrt(2 / math.pi) * s * e0, math.sqrt(2 / math.pi) / s * e0
    mut = l * (0.5 * (m * (2 - n) + phs) + a * 0.5 * (k1 - n))
    j11 = 0.5 * l * om * (a * k1 - n + 2)
    j12 = 0.25 * l * ta * (a * k1 - (a - 1) * phi)
    j21 = l * l * om * (a * a * k2 - a * a * k1 + m * (2 - n) + phs)
    j22 = 0.5 * l * l * ta * (2 * a * a * k2 - a * a * k1 - n + 2)
    return norm(j11, j12, j21, j22), norm(j11, j12, j21 - 2 * mut * j11, j22 - 2 * mut * j12)


for name, tau in [("Theorem 1", (0.95, 1.1)), ("Lemma 12", (0.8, 1.25))]:
    n = 15
    axes = [[lo + (hi - lo) * i / (n - 1) for i in range(n)] for lo, hi in [(-0.1, 0.1), (-0.1, 0.1), (0.8, 1.5), tau]]
    bj, bh = (0, None), (0, None)
    for p in itertools.product(*axes):
        sj, sh = norms(*p)
        bj, bh = max(bj, (sj, p)), max(bh, (sh, p))
    print(name, "max S(J) =", bj, " max S(H) =", bh)
