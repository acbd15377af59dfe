#!/usr/bin/python3
"""Reference values for diagnose.AnalyzeRandom, computed independently with
mpmath (Debian python3-mpmath 1.2.1, mp.dps = 40).

Run from this directory:

    /usr/bin/python3 gen_random.py > random.txt

Each line is

    lambda alpha tau q mean var slope chi

for a layer with random weights w ~ N(0, tau/n), whose pooled net input is
z ~ N(0, tau*q) with q = var + mean^2 the raw second moment of its input
(docs/model.md section 7). q solves E selu(z)^2 = q; it is found with
mpmath.findroot, the expectation evaluated by numerical quadrature
(mpmath.quad) of selu(z)^2 against the normal density, not by the closed
forms the Go code uses. mean = E selu(z) at that q (quadrature), var =
q - mean^2, slope = dE selu(z)^2/dq by mpmath.diff of the quadrature, and
chi = tau * E[selu'(z)^2] (quadrature). The inputs are exact binary values
(written with repr); the values are written with 25 significant digits.
Layers with no fixed point are written as

    lambda alpha tau none

and the Go test checks that AnalyzeRandom finds none there.
"""

import mpmath as mp

mp.mp.dps = 40


def dens(z, s2):
    return mp.exp(-z * z / (2 * s2)) / mp.sqrt(2 * mp.pi * s2)


def m1(lam, al, s2):
    return lam * (mp.quad(lambda z: z * dens(z, s2), [0, mp.inf])
                  + mp.quad(lambda z: al * (mp.exp(z) - 1) * dens(z, s2), [-mp.inf, 0]))


def m2(lam, al, s2):
    return lam**2 * (mp.quad(lambda z: z * z * dens(z, s2), [0, mp.inf])
                     + mp.quad(lambda z: (al * (mp.exp(z) - 1))**2 * dens(z, s2), [-mp.inf, 0]))


def chi(lam, al, tau, s2):
    return tau * lam**2 * (mp.quad(lambda z: dens(z, s2), [0, mp.inf])
                           + mp.quad(lambda z: al**2 * mp.exp(2 * z) * dens(z, s2), [-mp.inf, 0]))


# (lambda, alpha, tau, True, or None when there is no fixed point)
CASES = [
    (1.0507009873554805, 1.6732632423543772, 1.0, 1.0),     # the paper's constants, LeCun normal
    (1.0507009873554805, 1.6732632423543772, 0.5625, 0.03),  # PyTorch's gain 3/4
    (1.0507009873554805, 1.6732632423543772, 0.7737413035499232, 0.3),  # truncated LeCun
    (1.3930999115137970, 0.34324641534980731, 1.0, 1.25),   # random-weight constants for (0.5, 1)
    (1.2, 1.5, 1.0, 1.0),
    (0.9, 2.5, 1.7, 1.0),
    (1.05, 1.67, 0.3, None),   # tau*lam^2*(1+alpha^2)/2 <= 1: collapse
    (1.5, 1.0, 1.0, None),     # tau*lam^2/2 >= 1: explosion
]

for lam, al, tau, g in CASES:
    L, A, T = mp.mpf(lam), mp.mpf(al), mp.mpf(tau)
    if g is None:
        print(repr(lam), repr(al), repr(tau), "none")
        continue
    # bracket the root on a coarse log grid, then refine it by the
    # Illinois method on that bracket
    grid = [mp.mpf(10) ** (k / mp.mpf(4)) for k in range(-16, 17)]
    f = lambda q: m2(L, A, T * q) / q - 1
    br = [(a, b) for a, b in zip(grid, grid[1:]) if f(a) * f(b) < 0]
    assert len(br) == 1, br
    q = mp.findroot(lambda q: m2(L, A, T * q) - q, br[0], solver='illinois')
    mean = m1(L, A, T * q)
    slope = mp.diff(lambda x: m2(L, A, T * x), q)
    c = chi(L, A, T, T * q)
    print(repr(lam), repr(al), repr(tau), *(mp.nstr(x, 25) for x in (q, mean, q - mean**2, slope, c)))
