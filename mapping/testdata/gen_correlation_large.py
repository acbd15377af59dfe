#!/usr/bin/python3
"""Reference slopes of the correlation map at large net-input variances
(mapping/correlation.go), computed independently with mpmath.

Run from this directory with Debian's python3-mpmath (1.2.1):

    /usr/bin/python3 gen_correlation_large.py > correlation_large.txt

For a layer lambda, alpha with weights omega, tau at the input (mu, nu) the
net input is z ~ N(m, s^2), m = mu*omega, s^2 = nu*tau, and (docs/why-0-and-1.md,
"Definitions")

    C'(0) = s^2 (E selu'(z))^2 / var,    C'(1) = s^2 E[selu'(z)^2] / var,

with var the variance of selu(z). For large s the left part of selu'
(lambda*alpha*e^z for z <= 0) lives within a few units of 0, a width 1/s of
the standard normal x = (z - m)/s. Everything here is in closed form with
mpmath's erfc at mp.dps = 60 (docs/model.md section 2, section 7):

    E selu'(z)     = lambda (P(z > 0) + alpha e^{m + s^2/2} Phi(-(m + s^2)/s))
    E[selu'(z)^2]  = lambda^2 (P(z > 0) + alpha^2 e^{2m + 2 s^2} Phi(-(m + 2 s^2)/s))
    var            = lambda^2 (C + alpha^2 D) - (lambda (A + alpha B))^2.

C'(1/2) is s^2 E[selu'(z1) selu'(z2)] / var at correlation 1/2: the integral
over z1 of the normal density times selu'(z1) times the closed form of
E[selu'(z2) | z1] (z2 | z1 ~ N(m + (z1 - m)/2, 3 s^2/4)), by mpmath's
tanh-sinh quadrature split at 0, at -1, -10, -100 and at m +- 40 s.
Each row is

    lambda alpha omega tau mu nu C'(0) C'(1/2) C'(1)

with 20 significant digits.
"""
from mpmath import mp, mpf, erfc, exp, sqrt, pi, quad, nstr, inf

mp.dps = 60


def Phi(x):
    return erfc(-x / sqrt(2)) / 2


def moments(lam, al, m, s2):
    s = sqrt(s2)
    u0 = m / (sqrt(2) * s)
    u1 = (m + s2) / (sqrt(2) * s)
    u2 = (m + 2 * s2) / (sqrt(2) * s)
    e = exp(-m**2 / (2 * s2))
    A = (m * (2 - erfc(u0)) + sqrt(2 / pi) * s * e) / 2
    B = (exp(m + s2 / 2) * erfc(u1) - erfc(u0)) / 2
    C = ((m**2 + s2) * (2 - erfc(u0)) + sqrt(2 / pi) * m * s * e) / 2
    D = (exp(2 * (m + s2)) * erfc(u2) - 2 * exp(m + s2 / 2) * erfc(u1) + erfc(u0)) / 2
    mean = lam * (A + al * B)
    return mean, lam**2 * (C + al**2 * D) - mean**2


def dsel(lam, al, a, r2):
    """E selu'(y) for y ~ N(a, r2)."""
    r = sqrt(r2)
    return lam * (Phi(a / r) + al * exp(a + r2 / 2) * Phi(-(a + r2) / r))


def row(lam, al, om, tau, mu, nu):
    lam, al, om, tau, mu, nu = (mpf(v) for v in (lam, al, om, tau, mu, nu))
    m, s2 = mu * om, nu * tau
    s = sqrt(s2)
    _, var = moments(lam, al, m, s2)
    d0 = s2 * dsel(lam, al, m, s2)**2 / var
    e2 = lam**2 * (Phi(m / s) + al**2 * exp(2 * m + 2 * s2) * Phi(-(m + 2 * s2) / s))
    d1 = s2 * e2 / var
    c = mpf(1) / 2

    def integrand(z1):
        df = lam if z1 > 0 else lam * al * exp(z1)
        dens = exp(-(z1 - m)**2 / (2 * s2)) / sqrt(2 * pi * s2)
        return dens * df * dsel(lam, al, m + c * (z1 - m), s2 * (1 - c * c))
    pts = sorted(set([-inf, m - 40 * s, -100, -10, -1, 0, m + 40 * s, inf]))
    pts = [p for p in pts if p == -inf or p == inf or m - 40 * s <= p <= m + 40 * s]
    dh = s2 * quad(integrand, pts) / var
    return [nstr(v, 20) for v in (d0, dh, d1)]


print("# lambda alpha omega tau mu nu C'(0) C'(1/2) C'(1)")
print("# mpmath 1.2.1, mp.dps=60, closed forms and tanh-sinh quadrature; gen_correlation_large.py")
L01, A01 = "1.0507009873554805", "1.6732632423543772"  # float64 of the paper's constants
for nu in ["1", "1000", "10000", "100000", "1000000", "1e8", "1e12", "1e16", "1e20"]:
    print(L01, A01, "0", "1", "0", nu, *row(L01, A01, 0, 1, 0, nu))
print("1.1", "2.5", "0.5", "1", "3", "1000000", *row("1.1", "2.5", "0.5", "1", "3", "1000000"))
print("0.9", "1.2", "-0.25", "2", "1", "50000", *row("0.9", "1.2", "-0.25", "2", "1", "50000"))
