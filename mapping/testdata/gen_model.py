#!/usr/bin/python3
"""Reference values for the float64 model core of package mapping (solve,
feasibility, alpha dropout, gradient growth), computed independently with
mpmath.

Run from this directory with Debian's python3-mpmath (1.2.1):

    /usr/bin/python3 gen_model.py

It writes

  solve.txt    omega tau mu nu feasible lambda alpha lower upper
  edges.txt    omega tau nu lo hi
  dropout.txt  lambda alpha mu nu rate a b
  chi.txt      lambda alpha omega tau mu nu chi

All inputs are float64 values written with repr (they round-trip exactly);
mpmath works at mp.dps = 60 at those exact binary values, with m = mu*omega
and s^2 = nu*tau rounded to float64 as the Go code does, and the integrals
A, B, C, D of docs/model.md section 2 (Klambauer et al. 2017, Eq. 11-13).

solve.txt does not use the quadratic of docs/model.md section 4: the ratio
r(alpha) = (A + alpha B)/sqrt(C + alpha^2 D) (the fixed point's
mu/sqrt(nu + mu^2)) falls strictly from A/sqrt(C) at alpha = 0 to
-|B|/sqrt(D) as alpha -> infinity, since r'(alpha) has the sign of
BC - alpha AD < 0. A target is feasible when its ratio lies strictly
between; alpha is then found by bisection on r(alpha) = mu/sqrt(nu+mu^2)
(in t = alpha/(1+alpha), 400 halvings) and lambda = sqrt((nu+mu^2)/(C+alpha^2 D)).
lower and upper are -|B|/sqrt(D) and A/sqrt(C).

edges.txt: for omega = 0 the feasible means are mu = sqrt(nu) t/sqrt(1-t^2)
for t = lower, upper; for omega != 0 the same bracketing scan as the Go code
(mu = +-sqrt(nu) 0.01 1.25^k) locates the first infeasible mean in mpmath and
bisection finds the edge (inf if none up to k = 63, or if the scan reaches a
mean whose ratio is within 1e-40 of a bound, which 60 digits cannot decide).

dropout.txt: a and b from the mean and the variance of the dropped-out
activation x' = x d + a'(1-d), d ~ Bernoulli(q), a' = -lambda alpha, taken
directly: E x' = q mu + (1-q) a', Var x' = q (nu + mu^2) + (1-q) a'^2 - (E x')^2,
a = sqrt(nu/Var x'), b = mu - a E x'.

chi.txt: chi = tau E[selu'(z)^2], z ~ N(m, s^2), by mp.quad of
lambda^2 phi(z) over z > 0 plus lambda^2 alpha^2 e^{2z} phi(z) over z <= 0
(split at the mode), checked against the closed form
tau lambda^2 (1/2 erfc(-u0) + 1/2 alpha^2 e^{2m+2s^2} erfc(u2)) to 40 digits.

Outputs are written with 25 significant digits.
"""

import random
import mpmath as mp

mp.mp.dps = 60

PAPER = (1.0507009873554804934193349852946, 1.6732632423543772848170429916717)


def integrals(m, s2):
    m, s2 = mp.mpf(m), mp.mpf(s2)
    s = mp.sqrt(s2)
    r2 = mp.sqrt(2)
    u0 = m / (r2 * s)
    u1 = (m + s2) / (r2 * s)
    u2 = (m + 2 * s2) / (r2 * s)
    e0 = mp.exp(-m * m / (2 * s2))
    A = (m * mp.erfc(-u0) + mp.sqrt(2 / mp.pi) * s * e0) / 2
    B = (mp.exp(m + s2 / 2) * mp.erfc(u1) - mp.erfc(u0)) / 2
    C = ((m * m + s2) * mp.erfc(-u0) + mp.sqrt(2 / mp.pi) * m * s * e0) / 2
    D = (mp.exp(2 * (m + s2)) * mp.erfc(u2) - 2 * mp.exp(m + s2 / 2) * mp.erfc(u1) + mp.erfc(u0)) / 2
    return A, B, C, D


def bounds(omega, tau, mu, nu):
    A, B, C, D = integrals(mu * omega, nu * tau)
    return A, B, C, D, -abs(B) / mp.sqrt(D), A / mp.sqrt(C)


def solve(omega, tau, mu, nu):
    A, B, C, D, lo, hi = bounds(omega, tau, mu, nu)
    mu, nu = mp.mpf(mu), mp.mpf(nu)
    h = mu / mp.sqrt(nu + mu * mu)
    if not (lo < h < hi):
        return False, None, None, lo, hi
    r = lambda al: (A + al * B) / mp.sqrt(C + al * al * D)
    t0, t1 = mp.mpf(0), mp.mpf(1)
    for _ in range(400):
        t = (t0 + t1) / 2
        if r(t / (1 - t)) > h:
            t0 = t
        else:
            t1 = t
    t = (t0 + t1) / 2
    al = t / (1 - t)
    lam = mp.sqrt((nu + mu * mu) / (C + al * al * D))
    # the fixed point equations themselves
    assert abs(lam * (A + al * B) - mu) <= mp.mpf(10) ** -40 * (abs(mu) + mp.sqrt(nu))
    return True, lam, al, lo, hi



def feasible(omega, tau, mu, nu):
    """True, False, or None when the ratio is within 1e-40 of a bound (60
    digits cannot decide: for a large |mu omega| the ratio and the bound
    agree up to exponentially small terms)."""
    _, _, _, _, lo, hi = bounds(omega, tau, mu, nu)
    mu, nu = mp.mpf(mu), mp.mpf(nu)
    h = mu / mp.sqrt(nu + mu * mu)
    if min(abs(h - lo), abs(hi - h)) < mp.mpf(10) ** -40:
        return None
    return lo < h < hi


def edges(omega, tau, nu):
    if omega == 0:
        _, _, _, _, lo, hi = bounds(0.0, tau, 0.0, nu)
        e = lambda t: mp.sqrt(nu) * t / mp.sqrt(1 - t * t)
        return e(lo), e(hi)
    out = []
    for sign in (-1, 1):
        inside = mp.mpf(0)
        edge = mp.inf * sign
        for k in range(64):
            x = sign * mp.sqrt(nu) * mp.mpf("0.01") * mp.mpf("1.25") ** k
            ok = feasible(omega, tau, x, nu)
            if ok is None:
                break
            if ok:
                inside = x
                continue
            a, b = inside, x
            for _ in range(120):
                c = (a + b) / 2
                if feasible(omega, tau, c, nu):
                    a = c
                else:
                    b = c
            edge = (a + b) / 2
            break
        out.append(edge)
    return out[0], out[1]


def dropout(lam, alpha, mu, nu, rate):
    lam, alpha, mu, nu, r = (mp.mpf(v) for v in (lam, alpha, mu, nu, rate))
    q = 1 - r
    sat = -lam * alpha
    ex = q * mu + r * sat
    vx = q * (nu + mu * mu) + r * sat * sat - ex * ex
    a = mp.sqrt(nu / vx)
    return a, mu - a * ex


def chi(lam, alpha, omega, tau, mu, nu):
    lam, alpha = mp.mpf(lam), mp.mpf(alpha)
    m, s2 = mp.mpf(mu * omega), mp.mpf(nu * tau)
    s = mp.sqrt(s2)
    phi = lambda z: mp.exp(-(z - m) ** 2 / (2 * s2)) / (mp.sqrt(2 * mp.pi) * s)
    pos = mp.quad(phi, sorted(set([mp.mpf(0), max(m, 0) + 0, max(m, 0) + 10 * s, mp.inf])))
    cn = m + 2 * s2  # the mode of e^{2z} phi(z)
    neg = mp.quad(lambda z: mp.exp(2 * z) * phi(z), sorted(set([-mp.inf, min(cn, 0) - 10 * s, min(cn, 0), mp.mpf(0)])))
    q = tau * lam ** 2 * (pos + alpha ** 2 * neg)
    u0 = m / (mp.sqrt(2) * s)
    u2 = (m + 2 * s2) / (mp.sqrt(2) * s)
    closed = tau * lam ** 2 * (mp.erfc(-u0) / 2 + alpha ** 2 * mp.exp(2 * m + 2 * s2) * mp.erfc(u2) / 2)
    if abs(q - closed) > abs(closed) * mp.mpf(10) ** -40:
        raise SystemExit("chi: quadrature %s and closed form %s disagree at %r" % (q, closed, (lam, alpha, omega, tau, mu, nu)))
    return closed


def fmt(v):
    if v is None:
        return "nan"
    if mp.isinf(v):
        return "inf" if v > 0 else "-inf"
    return mp.nstr(v, 25, min_fixed=1, max_fixed=0)


def main():
    rng = random.Random(1706)
    weights = [(0.0, 1.0), (1.0, 1.0), (0.0, 2.0), (0.0, 0.5), (0.5, 0.8), (-0.7, 1.3)]
    rows = []
    for omega, tau in weights:
        for mu in (0.0, 0.1, -0.1, 0.3, -0.3, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 1e-6):
            for nu in (0.1, 0.5, 1.0, 2.0, 10.0):
                rows.append((omega, tau, mu, nu))
    for _ in range(300):
        omega, tau = rng.choice(weights + [(rng.uniform(-1.5, 1.5), rng.uniform(0.3, 3.0))])
        nu = 10 ** rng.uniform(-2, 2)
        mu = rng.uniform(-1.5, 1.5) * nu ** 0.5
        rows.append((omega, tau, mu, nu))
    with open("solve.txt", "w") as f:
        f.write("# omega tau mu nu feasible lambda alpha lower upper\n")
        f.write("# mpmath 1.2.1, mp.dps=60, bisection on the ratio (A+alpha B)/sqrt(C+alpha^2 D); gen_model.py\n")
        for omega, tau, mu, nu in rows:
            ok, lam, al, lo, hi = solve(omega, tau, mu, nu)
            f.write("%r %r %r %r %d %s %s %s %s\n" % (omega, tau, mu, nu, ok, fmt(lam), fmt(al), fmt(lo), fmt(hi)))

    with open("edges.txt", "w") as f:
        f.write("# omega tau nu lo hi\n")
        f.write("# mpmath 1.2.1, mp.dps=60, closed form (omega = 0) or scan and bisection (omega != 0); gen_model.py\n")
        for omega, tau in weights + [(0.25, 1.0), (-0.25, 1.0), (2.0, 0.5)]:
            for nu in (0.01, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0):
                lo, hi = edges(omega, tau, nu)
                f.write("%r %r %r %s %s\n" % (omega, tau, nu, fmt(lo), fmt(hi)))

    with open("dropout.txt", "w") as f:
        f.write("# lambda alpha mu nu rate a b\n")
        f.write("# mpmath 1.2.1, mp.dps=60, moments of the dropped-out activation; gen_model.py\n")
        drows = [(PAPER[0], PAPER[1], 0.0, 1.0, r) for r in (0.0, 0.05, 0.1, 0.2, 0.5, 0.9)]
        for _ in range(60):
            drows.append((rng.uniform(0.5, 2.0), rng.uniform(0.1, 4.0), rng.uniform(-2, 2),
                          10 ** rng.uniform(-2, 2), rng.choice([0.0, rng.uniform(0, 0.95)])))
        for lam, alpha, mu, nu, rate in drows:
            a, b = dropout(lam, alpha, mu, nu, rate)
            f.write("%r %r %r %r %r %s %s\n" % (lam, alpha, mu, nu, rate, fmt(a), fmt(b)))

    with open("chi.txt", "w") as f:
        f.write("# lambda alpha omega tau mu nu chi\n")
        f.write("# mpmath 1.2.1, mp.dps=60, mp.quad of tau selu'(z)^2 phi(z), checked against the closed form; gen_model.py\n")
        crows = [(PAPER[0], PAPER[1], 0.0, 1.0, 0.0, 1.0), (PAPER[0], PAPER[1], 1.0, 1.0, 0.0, 1.0)]
        for _ in range(80):
            lam, alpha = PAPER if rng.random() < 0.5 else (rng.uniform(0.5, 2.0), rng.uniform(0.0, 4.0))
            omega, tau = rng.choice(weights)
            crows.append((lam, alpha, omega, tau, rng.uniform(-5, 5), 10 ** rng.uniform(-3, 3)))
        for row in crows:
            f.write("%r %r %r %r %r %r %s\n" % (row + (fmt(chi(*row)),)))


if __name__ == "__main__":
    main()
