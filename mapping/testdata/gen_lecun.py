#!/usr/bin/python3
"""Reference values for mapping.SolveLeCun and LeCunLayer.Slope, computed
independently with mpmath (Debian python3-mpmath 1.2.1, mp.dps = 60).

Run from this directory:

    /usr/bin/python3 gen_lecun.py > lecun.txt

Each line is

    mu nu tau lambda alpha slope

For random weights w ~ N(0, tau/n) the pooled net input is z ~ N(0, s^2),
s^2 = tau*(nu + mu^2) (docs/model.md section 7). lambda, alpha solve

    E selu(z) = mu,   E selu(z)^2 = nu + mu^2

and are found here with mpmath.findroot on these two equations directly
(not through the quadratic the Go code uses), with the Gaussian expectations
evaluated by numerical quadrature (mpmath.quad) of selu against the normal
density rather than by the closed forms. slope is tau times the derivative
of E selu(z)^2 with respect to s^2, by mpmath.diff of the quadrature.
The inputs are exact binary values (written with repr). The script also
checks that the root agrees with the closed-form quadratic of
docs/model.md section 4 (with nu replaced by nu + mu^2) to 1e-45, and
writes 40 significant digits.
"""

import mpmath as mp

mp.mp.dps = 60


def moments(lam, al, s2):
    s = mp.sqrt(s2)
    dens = lambda z: mp.exp(-z * z / (2 * s2)) / (s * mp.sqrt(2 * mp.pi))
    neg = lambda z: al * (mp.exp(z) - 1)
    m1 = lam * (mp.quad(lambda z: z * dens(z), [0, mp.inf]) + mp.quad(lambda z: neg(z) * dens(z), [-mp.inf, 0]))
    m2 = lam**2 * (mp.quad(lambda z: z * z * dens(z), [0, mp.inf]) + mp.quad(lambda z: neg(z)**2 * dens(z), [-mp.inf, 0]))
    return m1, m2


CASES = [
    (0.5, 1.0, 1.0),
    (0.0, 1.0, 1.0),
    (0.0, 4.0, 1.0),
    (0.25, 2.0, 1.0),
    (-0.1, 1.0, 1.0),
    (-0.3, 0.5, 1.0),
    (0.5, 1.0, 2.0),
    (1.0, 3.0, 0.5),
    (0.3, 0.2, 1.5),
]

# starting guesses from the closed-form quadratic at low precision
def guess(mu, nu, tau):
    q = mu * mu + nu
    s2 = tau * q
    s = mp.sqrt(s2)
    A = s / mp.sqrt(2 * mp.pi)
    B = (mp.exp(s2 / 2) * mp.erfc(s / mp.sqrt(2)) - 1) / 2
    C = s2 / 2
    D = (mp.exp(2 * s2) * mp.erfc(2 * s / mp.sqrt(2)) - 2 * mp.exp(s2 / 2) * mp.erfc(s / mp.sqrt(2)) + 1) / 2
    if mu == 0:
        al = -A / B
    else:
        rho = mu * mu / q
        qa, qb, qc = B * B - rho * D, 2 * A * B, A * A - rho * C
        d = mp.sqrt(qb * qb - 4 * qa * qc)
        al = [r for r in ((-qb + d) / (2 * qa), (-qb - d) / (2 * qa)) if r > 0 and mu / (A + r * B) > 0][0]
    return mp.sqrt(q / (C + al * al * D)), al


for mu, nu, tau in CASES:
    m, v, t = mp.mpf(mu), mp.mpf(nu), mp.mpf(tau)
    q = v + m * m
    g = guess(m, v, t)
    f = lambda lam, al: [x - y for x, y in zip(moments(lam, al, t * q), (m, q))]
    lam, al = mp.findroot(f, (g[0] * (1 + mp.mpf('1e-3')), g[1] * (1 - mp.mpf('1e-3'))))
    assert abs(lam - g[0]) < mp.mpf('1e-45') * lam and abs(al - g[1]) < mp.mpf('1e-45') * al, (lam, g)
    slope = t * mp.diff(lambda s2: moments(lam, al, s2)[1], t * q)
    print(repr(mu), repr(nu), repr(tau), mp.nstr(lam, 40), mp.nstr(al, 40), mp.nstr(slope, 40))
