#!/usr/bin/python3
"""Reference values for theorems_test.go: the layer map at the corners of the
paper's domains, with mpmath at 40 digits from the closed forms of docs/model.md §2
(paper Eq. 4, 5, 11-13), for lambda01, alpha01 (32 digits, docs/model.md §4).

  mu~, nu~ at (m, s^2) = (+-0.01, 0.76), (+-0.01, 1.65): the extremes of
  g on Theorem 1's Omega (both are monotone there in m and s^2);
  nu~ - nu at the corners of Theorem 2's and Theorem 3's domains.

Usage: /usr/bin/python3 corners.py
"""
from mpmath import mp, mpf, erfc, exp, sqrt, pi

mp.dps = 40
l = mpf('1.0507009873554804934193349852946')
a = mpf('1.6732632423543772848170429916717')


def mom(m, q):
    s = sqrt(q)
    u0, u1, u2 = m / (sqrt(2) * s), (m + q) / (sqrt(2) * s), (m + 2 * q) / (sqrt(2) * s)
    mu = l / 2 * (m * (2 - erfc(u0)) + a * exp(m + q / 2) * erfc(u1) - a * erfc(u0) + sqrt(2 / pi) * s * exp(-m**2 / (2 * q)))
    xi = l**2 / 2 * ((m**2 + q) * (2 - erfc(u0)) + a**2 * (exp(2 * (m + q)) * erfc(u2) - 2 * exp(m + q / 2) * erfc(u1) + erfc(u0))
                     + sqrt(2 / pi) * m * s * exp(-m**2 / (2 * q)))
    return mu, xi - mu**2


print("Theorem 1: m, s^2, mu~, nu~")
for m in ['-0.01', '0.01', '0']:
    for q in ['0.76', '1.65']:
        mu, nu = mom(mpf(m), mpf(q))
        print(m, q, mp.nstr(mu, 12), mp.nstr(nu, 12))
print("Theorem 2: m, nu, tau, nu~ - nu")
for m in ['-0.1', '0.1', '0']:
    for nu in ['3', '16']:
        for ta in ['0.8', '1.25']:
            print(m, nu, ta, mp.nstr(mom(mpf(m), mpf(nu) * mpf(ta))[1] - mpf(nu), 15))
print("Theorem 3: m, nu, tau, nu~ - nu")
for nuhi, talo in [('0.16', '0.8'), ('0.24', '0.9')]:
    for m in ['-0.01', '0.01']:
        for nu in ['0.02', nuhi]:
            for ta in [talo, '1.25']:
                print(m, nu, ta, mp.nstr(mom(mpf(m), mpf(nu) * mpf(ta))[1] - mpf(nu), 15))
