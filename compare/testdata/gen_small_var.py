#!/usr/bin/python3
"""Correlation depth xi_c = -1/ln chi_c for targets (0, nu) with tiny nu
(compare.Rows), computed independently with mpmath.

Run from this directory with Debian's python3-mpmath (1.2.1):

    /usr/bin/python3 gen_small_var.py > small_var.txt

For omega = 0, tau = 1 the constants of the target (0, nu) are
alpha = -A/B, lambda = sqrt(nu/(C + alpha^2 D)) with the closed forms of
docs/model.md section 2 at m = 0, s^2 = nu, and at the fixed point
chi_c = (E selu'(z))^2 with E selu'(z) = lambda (1/2 + alpha e^{s^2/2}
Phi(-s)) (docs/why-0-and-1.md, "Definitions"). As nu -> 0, 1 - chi_c
shrinks like nu, so these rows test whether xi_c is resolved at all.
mp.dps = 80. Each row is

    nu  chi_c  xi_c

with 20 significant digits.
"""
from mpmath import mp, mpf, erfc, exp, sqrt, pi, log, nstr

mp.dps = 80


def row(nu):
    s2 = mpf(nu)
    s = sqrt(s2)
    u1 = s / sqrt(2)
    u2 = sqrt(2) * s
    A = sqrt(2 / pi) * s / 2
    B = (exp(s2 / 2) * erfc(u1) - 1) / 2
    C = s2 / 2
    D = (exp(2 * s2) * erfc(u2) - 2 * exp(s2 / 2) * erfc(u1) + 1) / 2
    al = -A / B
    lam = sqrt(s2 / (C + al**2 * D))
    ed = lam * (mpf(1) / 2 + al * exp(s2 / 2) * erfc(u1) / 2)
    chi = ed**2
    return nstr(chi, 20), nstr(-1 / log(chi), 20)


print("# nu chi_c xi_c")
print("# mpmath 1.2.1, mp.dps=80, closed forms; gen_small_var.py")
for nu in ["1e-4", "1e-6", "1e-8", "1e-10", "1e-12", "1e-14", "1e-16", "1e-20"]:
    print(nu, *row(nu))
