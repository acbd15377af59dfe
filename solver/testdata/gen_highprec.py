#!/usr/bin/python3
"""High-precision reference values for the solver tests (2000 to 10000 digits),
computed independently of the Go code.

Source: mpmath (Debian python3-mpmath 1.2.1, gmpy backend). For each case
(target mu*, nu*, weights omega, tau, alpha-dropout rates):

 1. the integrals A, B, C, D of docs/model.md section 2 are evaluated from their
    closed forms with mp.erfc / mp.exp (paper Eq. 4-5, appendix Eq. 11-13), at
    2*N + 60 and again at 2*N + 120 decimal digits, N = 10040 (the largest
    number of digits a test asks for, plus 40);
 2. alpha and lambda come from docs/model.md section 4: alpha = -A/B for
    mu* = 0, otherwise the root alpha > 0 of
        (B^2 - rho D) alpha^2 + 2 A B alpha + (A^2 - rho C) = 0,
    rho = mu*^2/(nu* + mu*^2), by the textbook formula (the sign of the
    mean lambda(A + alpha B) picks the root); lambda = mu*/(A + alpha B) for
    mu* != 0 and sqrt(nu*/(C + alpha^2 D)) for mu* = 0; alpha' = -lambda alpha;
 3. alpha dropout (docs/model.md section 6), q = 1 - rate with the rate an
    exact decimal: a = sqrt(nu*/(q((1-q)(alpha'-mu*)^2 + nu*))),
    b = mu* - a(q mu* + (1-q) alpha');
 4. the two working precisions must agree to N + 45 digits, and the moment
    equations of the paper (Eq. 4-5, written with exp*erfc as the authors'
    notebook does, not with the integrals of step 1) must hold to
    10^-(2N+40); as a check independent of every closed form, the moments are
    also recomputed by numerical quadrature of selu against the normal
    density at 40 digits;
 5. each value is printed to N significant digits (round half to even, from
    the 2N+60 digit value); the test rounds these to the digits it asks for,
    and the generator checks that no value is within 10^-30 of a rounding
    tie at any of those digit counts (DIGITS below).

Output: solver/testdata/reference_highprec.txt, one value per line:
    NAME MEAN VAR OMEGA TAU RATES QUANTITY VALUE
where RATES is a comma-separated list ("-" for none), QUANTITY is lambda,
alpha, alpha_prime, a[i] or b[i] (i the index of the rate), and VALUE is
d.ddd...e+XX with N significant digits.
Run (a few minutes):
    /usr/bin/python3 solver/testdata/gen_highprec.py > solver/testdata/reference_highprec.txt
"""
import decimal
import sys

import mpmath
from mpmath import mp, mpf

N = 10040
DIGITS = [1985, 1990, 1995, 2000, 2005, 2010, 2013, 4030, 8100, 10000]

CASES = [
    # name, mean, var, omega, tau, rates
    ("paper", "0", "1", "0", "1", ["0.05", "0.2"]),
    ("mu", "0.471477", "1.76368", "0", "1", []),
    ("omega1", "1.1", "37.5", "1", "0.8", ["0.05", "0.2"]),
]


def exact(s):
    n, d = decimal.Decimal(s).as_integer_ratio()
    return mpf(n) / d


def integrals(m, s2):
    s = mp.sqrt(s2)
    r2s = mp.sqrt(2) * s
    u0, u1, u2 = m / r2s, (m + s2) / r2s, (m + 2 * s2) / r2s
    g = mp.exp(-m * m / (2 * s2))
    A = (m * mp.erfc(-u0) + mp.sqrt(2 / mp.pi) * s * g) / 2
    B = (mp.exp(m + s2 / 2) * mp.erfc(u1) - mp.erfc(u0)) / 2
    C = ((m * m + s2) * mp.erfc(-u0) + mp.sqrt(2 / mp.pi) * m * s * g) / 2
    D = (mp.exp(2 * (m + s2)) * mp.erfc(u2) - 2 * mp.exp(m + s2 / 2) * mp.erfc(u1) + mp.erfc(u0)) / 2
    return A, B, C, D


def moments(lam, alpha, m, v):
    """Paper Eq. 4-5 written out (as the authors' notebook does)."""
    sq2v = mp.sqrt(2 * v)
    erfc = mp.erfc
    mean = (lam / 2) * (
        m * erfc(-m / sq2v)
        + alpha * mp.exp(m + v / 2) * erfc((m + v) / sq2v)
        - alpha * erfc(m / sq2v)
        + mp.sqrt(2 * v / mp.pi) * mp.exp(-m * m / (2 * v)))
    second = (lam * lam / 2) * (
        (m * m + v) * erfc(-m / sq2v)
        + m * mp.sqrt(2 * v / mp.pi) * mp.exp(-m * m / (2 * v))
        + alpha * alpha * (
            -2 * mp.exp(m + v / 2) * erfc((m + v) / sq2v)
            + mp.exp(2 * (m + v)) * erfc((m + 2 * v) / sq2v)
            + erfc(m / sq2v)))
    return mean, second


def quad_moments(lam, alpha, m, v):
    """E selu(z), E selu(z)^2 for z ~ N(m, v) by numerical quadrature."""
    s = mp.sqrt(v)

    def dens(z):
        return mp.exp(-(z - m) ** 2 / (2 * v)) / (s * mp.sqrt(2 * mp.pi))

    def selu(z):
        return lam * z if z > 0 else lam * alpha * (mp.exp(z) - 1)

    lo, hi = m - 40 * s, m + 40 * s
    pts = [lo, 0, hi] if lo < 0 < hi else [lo, hi]
    e1 = mp.quad(lambda z: selu(z) * dens(z), pts)
    e2 = mp.quad(lambda z: selu(z) ** 2 * dens(z), pts)
    return e1, e2 - e1 * e1


def solve(mu, nu, om, tau, rates):
    A, B, C, D = integrals(mu * om, nu * tau)
    if mu == 0:
        alpha = -A / B
        lam = mp.sqrt(nu / (C + alpha * alpha * D))
    else:
        rho = mu * mu / (nu + mu * mu)
        a2, a1, a0 = B * B - rho * D, A * B, A * A - rho * C
        disc = a1 * a1 - a2 * a0
        sols = []
        for alpha in ((-a1 + mp.sqrt(disc)) / a2, (-a1 - mp.sqrt(disc)) / a2):
            lam = mu / (A + alpha * B)
            if alpha > 0 and lam > 0:
                sols.append((lam, alpha))
        assert len(sols) == 1, sols
        lam, alpha = sols[0]
    ap = -lam * alpha
    out = [("lambda", lam), ("alpha", alpha), ("alpha_prime", ap)]
    for i, r in enumerate(rates):
        q = 1 - exact(r)
        a = mp.sqrt(nu / (q * ((1 - q) * (ap - mu) ** 2 + nu)))
        b = mu - a * (q * mu + (1 - q) * ap)
        out += [("a[%d]" % i, a), ("b[%d]" % i, b)]
    return out


def sci(x, n):
    """x to n significant digits, half to even, as d.ddd...e+XX."""
    s = mp.nstr(x, n + 30, min_fixed=mp.inf, max_fixed=-mp.inf, strip_zeros=False)
    d = decimal.Context(prec=n, rounding=decimal.ROUND_HALF_EVEN).plus(decimal.Decimal(s))
    sign, digs, exp = d.as_tuple()
    digs = "".join(map(str, digs)).ljust(n, "0")
    e10 = exp + len(d.as_tuple().digits) - 1
    return ("-" if sign else "") + digs[0] + "." + digs[1:n] + "e%+03d" % e10, s


def far_from_ties(long, n):
    """The n-digit rounding of the decimal string long is not within 10^-30
    (in units of the n-th digit) of a tie."""
    digs = long.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    tail = digs[n:n + 30]
    return tail not in ("5" + "0" * 29, "4" + "9" * 29) and len(tail) == 30


def main():
    print("# generated by solver/testdata/gen_highprec.py (mpmath %s, %s backend)" % (mpmath.__version__, mpmath.libmp.BACKEND))
    for name, mu_s, nu_s, om_s, tau_s, rates in CASES:
        res = {}
        for dps in (2 * N + 60, 2 * N + 120):
            mp.dps = dps
            mu, nu, om, tau = map(exact, (mu_s, nu_s, om_s, tau_s))
            res[dps] = solve(mu, nu, om, tau, rates)
            if dps == 2 * N + 60:
                lam, alpha = res[dps][0][1], res[dps][1][1]
                mean, second = moments(lam, alpha, mu * om, nu * tau)
                r = max(abs(mean - mu), abs(second - mean * mean - nu))
                assert r <= mpf(10) ** (-(2 * N + 40)) * (1 + nu), (name, r)
        lo, hi = res[2 * N + 60], res[2 * N + 120]
        mp.dps = 2 * N + 120
        for (q, x), (_, y) in zip(lo, hi):
            assert abs(x - y) <= mpf(10) ** (-(N + 45)) * abs(y), (name, q)
        with mp.workdps(40):
            lam, alpha = mpf(lo[0][1]), mpf(lo[1][1])
            mu, nu, om, tau = map(exact, (mu_s, nu_s, om_s, tau_s))
            e1, var = quad_moments(lam, alpha, mu * om, nu * tau)
            assert abs(e1 - mu) < mpf(10) ** -30 and abs(var - nu) < mpf(10) ** -30, (name, e1, var)
        mp.dps = 2 * N + 60
        for q, x in lo:
            v, long = sci(x, N)
            for n in DIGITS:
                assert far_from_ties(long, n), (name, q, n)
            print(name, mu_s, nu_s, om_s, tau_s, ",".join(rates) or "-", q, v)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
