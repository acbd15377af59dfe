#!/usr/bin/python3
"""Reference values for the correlation map (mapping/correlation.go),
computed independently with mpmath.

Run from this directory with Debian's python3-mpmath (1.2.1):

    /usr/bin/python3 gen_correlation.py > correlation.txt

Two inputs whose net inputs z1, z2 are jointly normal with mean m = mu*omega,
variance s^2 = nu*tau and correlation c (Klambauer et al. 2017, Eq. 4, 5;
docs/why-0-and-1.md, "Definitions") are mapped to the correlation

    C(c)  = (E[selu(z1) selu(z2)] - mean^2) / var,
    C'(c) = s^2 E[selu'(z1) selu'(z2)] / var,

where mean and var are the moments of selu(z) for z ~ N(m, s^2). Each row is

    lambda alpha omega tau mu nu c  C(c)  C'(c)

The expectations are the integral over x = (z1 - m)/s of phi(x) f(z1) G(z1)
with G(z1) = E[f(z2) | z1], z2 | z1 ~ N(m + c s x, s^2 (1 - c^2)), split at
the kink x = -m/s and evaluated with mpmath's tanh-sinh quadrature at
mp.dps = 40. G is the Gaussian integral of selu (or selu') written with
mpmath's erfc from first principles (not the erfcx forms of the Go code):
for y ~ N(a, r^2),

    E[y 1{y>0}]             = a Phi(a/r) + r phi(a/r)
    E[(e^y - 1) 1{y<=0}]    = e^{a + r^2/2} Phi(-(a + r^2)/r) - Phi(-a/r)
    P(y > 0)                = Phi(a/r)
    E[e^y 1{y<=0}]          = e^{a + r^2/2} Phi(-(a + r^2)/r)

At c = 1 the inner expectation is f(z1) itself; at c = 0 the two inputs are
independent and C(0) = 0. As a check of the inner closed form, the rows
marked with CHECK2D below are recomputed as full two-dimensional integrals
(nested tanh-sinh quadratures split at both kinks, mp.dps = 20) when the
script is run with the argument --check2d; the script aborts if the two
disagree beyond 1e-15 relative. Constants for the targets (0, nu) are solved
here: alpha = -A/B and lambda = sqrt(nu/(C + alpha^2 D)) with the closed
forms of docs/model.md section 2 at mp.dps = 40, then rounded to float64.
Output values have 20 significant digits.
"""

import sys
import mpmath as mp

mp.mp.dps = 40


def Phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def solve0(nu):
    """lambda, alpha for the target (0, nu), omega = 0, tau = 1."""
    s = mp.sqrt(nu)
    A = s / mp.sqrt(2 * mp.pi)
    B = (mp.exp(s * s / 2) * mp.erfc(s / mp.sqrt(2)) - 1) / 2
    C = s * s / 2
    D = (mp.exp(2 * s * s) * mp.erfc(2 * s / mp.sqrt(2))
         - 2 * mp.exp(s * s / 2) * mp.erfc(s / mp.sqrt(2)) + 1) / 2
    alpha = -A / B
    lam = mp.sqrt(nu / (C + alpha * alpha * D))
    return float(lam), float(alpha)


class Layer:
    def __init__(self, lam, alpha, omega, tau, mu, nu):
        self.p = (lam, alpha, omega, tau, mu, nu)
        self.lam, self.al = mp.mpf(lam), mp.mpf(alpha)
        # m and s^2 rounded to float64 as the Go code forms them.
        self.m = mp.mpf(float(mu) * float(omega))
        self.s2 = mp.mpf(float(nu) * float(tau))
        self.s = mp.sqrt(self.s2)

    def f(self, z):
        return self.lam * z if z > 0 else self.lam * self.al * mp.expm1(z)

    def df(self, z):
        return self.lam if z > 0 else self.lam * self.al * mp.exp(z)

    def g(self, a, r):
        """E f(y), y ~ N(a, r^2)."""
        pos = a * Phi(a / r) + r * mp.npdf(a / r)
        neg = mp.exp(a + r * r / 2) * Phi(-(a + r * r) / r) - Phi(-a / r)
        return self.lam * (pos + self.al * neg)

    def dg(self, a, r):
        """E f'(y), y ~ N(a, r^2)."""
        return self.lam * (Phi(a / r) + self.al * mp.exp(a + r * r / 2) * Phi(-(a + r * r) / r))

    def moments(self):
        mean = self.g(self.m, self.s)
        second = mp.quad(lambda x: mp.npdf(x) * self.f(self.m + self.s * x) ** 2,
                         [-mp.inf, -self.m / self.s, mp.inf])
        return mean, second - mean * mean

    def expect(self, c, deriv):
        m, s = self.m, self.s
        fo = self.df if deriv else self.f
        gi = self.dg if deriv else self.g
        c = mp.mpf(c)
        if c == 1:
            inner = fo
        else:
            r = s * mp.sqrt(1 - c * c)
            inner = lambda z1: gi(m + c * (z1 - m), r)
        pts = [-mp.inf, -m / s, mp.inf]  # mpmath's quad splits the infinite halves itself
        if c != 0 and c != 1:
            x1 = -m / (c * s)
            if x1 != -m / s:
                pts = sorted([-m / s, x1])
                pts = [-mp.inf] + pts + [mp.inf]
        return mp.quad(lambda x: mp.npdf(x) * fo(m + s * x) * inner(m + s * x), pts)

    def expect2d(self, c, deriv):
        m, s = self.m, self.s
        fo = self.df if deriv else self.f
        c = mp.mpf(c)
        r = mp.sqrt(1 - c * c)

        def outer(x):
            e0 = -(m / s + c * x) / r
            inner = mp.quad(lambda e: mp.npdf(e) * fo(m + s * (c * x + r * e)), [-mp.inf, e0, mp.inf])
            return mp.npdf(x) * fo(m + s * x) * inner
        return mp.quad(outer, [-mp.inf, -m / s, mp.inf])

    def row(self, c):
        mean, var = self.moments()
        big = self.expect(c, False)
        C = (big - mean * mean) / var
        dC = self.s2 * self.expect(c, True) / var
        return C, dC


def main():
    check = "--check2d" in sys.argv
    layers = []
    for nu in ("0.25", "1", "4", "16"):
        lam, al = solve0(mp.mpf(nu))
        layers.append((lam, al, 0.0, 1.0, 0.0, float(nu)))
    paper = (1.0507009873554805, 1.6732632423543772)
    layers.append(paper + (1.0, 1.0, 0.3, 1.5))     # notebook weights, off the fixed point
    layers.append(paper + (0.5, 1.2, -0.4, 2.0))    # custom weights
    layers.append((1.2, 0.8, -2.0, 0.9, 0.6, 0.7))  # strongly negative net-input mean
    layers.append((1.0, 0.05, -3.0, 0.125, 1.0125, 0.7714603174603176))  # kink 9.8 sd out, small alpha
    cs = ("-0.9", "-0.5", "0", "0.1", "0.5", "0.9", "0.99", "1")
    print("# lambda alpha omega tau mu nu c C(c) C'(c)")
    print("# mpmath %s, mp.dps=40, 1-D integral of the closed-form conditional expectation; gen_correlation.py" % mp.__version__)
    for p in layers:
        L = Layer(*p)
        for c in cs:
            C, dC = L.row(c)
            vals = [repr(v) for v in p] + [c, mp.nstr(C, 20), mp.nstr(dC, 20)]
            print(" ".join(vals))
            sys.stdout.flush()
    if check:
        # CHECK2D: three rows against the full two-dimensional integral.
        with mp.workdps(20):
            for p, c in ((layers[1], "0.5"), (layers[4], "0.9"), (layers[6], "-0.5")):
                L = Layer(*p)
                for deriv in (False, True):
                    a = L.expect(c, deriv)
                    b = L.expect2d(c, deriv)
                    if abs(a - b) > 1e-15 * abs(a):
                        sys.exit("2-D check failed at %r c=%s: %s vs %s" % (p, c, a, b))
                    print("# 2-D check", p, c, "deriv" if deriv else "value", mp.nstr(a, 18), mp.nstr(b, 18), file=sys.stderr)


if __name__ == "__main__":
    main()
