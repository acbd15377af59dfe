#!/usr/bin/python3
"""Reference values for package mapping, computed independently with mpmath.

Run from this directory with Debian's python3-mpmath (1.2.1):

    /usr/bin/python3 gen_reference.py

It writes

  erfcx.txt    x  erfcx(x)                  erfcx(x) = exp(x^2) erfc(x)
  moments.txt  lambda alpha omega tau mu nu  A B C D mean second var
  jacobian.txt lambda alpha omega tau mu nu  J11 J12 J21 J22 H11 H12 H21 H22
               dmean/dlambda dvar/dlambda dmean/dalpha dvar/dalpha

All inputs are float64 values written with repr (they round-trip exactly);
mpmath evaluates at those exact binary values with mp.dps = 160 and the
closed forms of docs/model.md section 2 (Klambauer et al. 2017, Eq. 4, 5, 11-13):

  u0 = m/(sqrt2 s), u1 = (m+s^2)/(sqrt2 s), u2 = (m+2s^2)/(sqrt2 s)
  A = 1/2 (m (1+erf u0) + sqrt(2/pi) s exp(-m^2/(2s^2)))
  B = 1/2 (exp(m+s^2/2) erfc u1 - erfc u0)
  C = 1/2 ((m^2+s^2)(1+erf u0) + sqrt(2/pi) m s exp(-m^2/(2s^2)))
  D = 1/2 (exp(2(m+s^2)) erfc u2 - 2 exp(m+s^2/2) erfc u1 + erfc u0)
  mean = lambda (A + alpha B), second = lambda^2 (C + alpha^2 D),
  var = second - mean^2

with m = mu*omega and s^2 = nu*tau rounded to float64 exactly as the Go code
does. The 160 digits absorb the cancellation in D (s^2 down to 1e-6) and in
var (var/second down to about 1e-60 on this domain); the script checks that
var agrees with the cancellation-free split
var = lambda^2 (C - A^2 + alpha^2 (D - B^2) - 2 alpha A B) to 40 digits.
The derivatives in jacobian.txt (250 points with |m| <= 40, 1e-4 <= s^2 <= 1e4,
100 over the whole domain) are mpmath's numerical differentiation
(mp.diff, at 160 digits) of those same closed forms in (mu, nu, lambda, alpha),
independent of the closed-form Jacobian in the Go code.
Outputs are written with 25 significant digits.
"""

import random
import mpmath as mp

mp.mp.dps = 160


def erfcx(x):
    x = mp.mpf(x)
    return mp.exp(x * x) * mp.erfc(x)


def moments(lam, alpha, m, s2):
    lam, alpha, m, s2 = (mp.mpf(v) for v in (lam, alpha, m, s2))
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
    mean = lam * (A + alpha * B)
    second = lam ** 2 * (C + alpha ** 2 * D)
    var = second - mean ** 2
    split = lam ** 2 * (C - A * A + alpha ** 2 * (D - B * B) - 2 * alpha * A * B)
    if var != 0 and abs(var - split) > abs(var) * mp.mpf(10) ** -40:
        raise SystemExit("variance check failed at m=%r s2=%r" % (m, s2))
    return A, B, C, D, mean, second, var


def fmt(v):
    return mp.nstr(v, 25, min_fixed=1, max_fixed=0)


PAPER = (1.0507009873554804934193349852946, 1.6732632423543772848170429916717)


def main():
    rng = random.Random(20171)

    xs = [0.0, 1e-300, 1e-20, 1e-8, 0.001, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0,
          5.0, 10.0, 20.0, 25.9, 26.0, 26.1, 30.0, 100.0, 1e3, 1e5, 1e7, 1e8, 1e10,
          1e20, 1e100, 1e300]
    xs += [-v for v in [1e-20, 1e-8, 0.001, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 26.0, 26.6]]
    xs += [rng.uniform(-26.6, 40.0) for _ in range(300)]
    xs += [10 ** rng.uniform(-8, 8) for _ in range(100)]
    with open("erfcx.txt", "w") as f:
        f.write("# x erfcx(x); mpmath 1.2.1, mp.dps=160, exp(x^2)*erfc(x); gen_reference.py\n")
        for x in xs:
            f.write("%r %s\n" % (x, fmt(erfcx(x))))

    rows = []
    # Log-spaced grid over the whole domain: m = mu (omega = 1), s^2 = nu (tau = 1).
    ms = [0.0]
    for k in range(25):
        v = 10 ** (-8 + k * (8 + mp.log10(50)) / 24)
        ms += [float(v), -float(v)]
    s2s = [float(10 ** (-6 + k * 0.25)) for k in range(49)]
    for m in ms:
        for s2 in s2s:
            rows.append((PAPER[0], PAPER[1], 1.0, 1.0, m, s2))
    # Random points: other constants, omega zero and nonzero, tau != 1.
    for i in range(800):
        if i % 2 == 0:
            lam, alpha = PAPER
        else:
            lam, alpha = rng.uniform(0.5, 2.0), rng.choice([0.0, 1.0, rng.uniform(0.1, 4.0)])
        omega = rng.choice([0.0, 1.0, rng.uniform(-2, 2)])
        tau = rng.choice([1.0, rng.uniform(0.5, 2.0)])
        mu = rng.uniform(-50, 50) if omega == 0 else rng.uniform(-25, 25)
        if rng.random() < 0.5:
            mu = rng.choice([-1, 1]) * 10 ** rng.uniform(-8, 1.3)
        s2 = 10 ** rng.uniform(-6, 6)
        nu = s2 / tau
        rows.append((lam, alpha, omega, tau, mu, nu))
    with open("moments.txt", "w") as f:
        f.write("# lambda alpha omega tau mu nu A B C D mean second var\n")
        f.write("# mpmath 1.2.1, mp.dps=160, closed forms of docs/model.md section 2; gen_reference.py\n")
        for lam, alpha, omega, tau, mu, nu in rows:
            m, s2 = mu * omega, nu * tau
            out = moments(lam, alpha, m, s2)
            f.write("%r %r %r %r %r %r %s\n" % (lam, alpha, omega, tau, mu, nu,
                                               " ".join(fmt(v) for v in out)))

    jrows = [(PAPER[0], PAPER[1], 0.0, 1.0, 0.0, 1.0), (PAPER[0], PAPER[1], 1.0, 1.0, 0.0, 1.0),
             (PAPER[0], PAPER[1], 1.0, 1.0, -0.1, 2.0)]
    for i in range(250):
        lam, alpha = PAPER if i % 2 == 0 else (rng.uniform(0.5, 2.0), rng.uniform(0.0, 4.0))
        omega = rng.choice([0.0, 1.0, rng.uniform(-2, 2)])
        tau = rng.choice([1.0, rng.uniform(0.5, 2.0)])
        mu = rng.uniform(-10, 10) if rng.random() < 0.5 else rng.choice([-1, 1]) * 10 ** rng.uniform(-6, 1.3)
        s2 = 10 ** rng.uniform(-4, 4)
        jrows.append((lam, alpha, omega, tau, mu, s2 / tau))
    # The whole accuracy domain, |m| <= 50, 1e-6 <= s^2 <= 1e6.
    for i in range(100):
        lam, alpha = PAPER if i % 2 == 0 else (rng.uniform(0.5, 2.0), rng.uniform(0.0, 4.0))
        mu = rng.uniform(-50, 50) if rng.random() < 0.5 else rng.choice([-1, 1]) * 10 ** rng.uniform(-8, 1.699)
        jrows.append((lam, alpha, 1.0, 1.0, mu, 10 ** rng.uniform(-6, 6)))
    with open("jacobian.txt", "w") as f:
        f.write("# lambda alpha omega tau mu nu J11 J12 J21 J22 H11 H12 H21 H22 dmean/dlambda dvar/dlambda dmean/dalpha dvar/dalpha\n")
        f.write("# mpmath 1.2.1, mp.dps=160, mp.diff of the closed forms of docs/model.md section 2; gen_reference.py\n")
        for lam, alpha, omega, tau, mu, nu in jrows:
            def mom(i):
                return lambda mu_, nu_, lam_, al_: moments(lam_, al_, mu_ * omega, nu_ * tau)[i]
            pt = (mp.mpf(mu), mp.mpf(nu), mp.mpf(lam), mp.mpf(alpha))
            def d(i, order):
                return mp.diff(mom(i), pt, order)
            out = [d(4, (1, 0, 0, 0)), d(4, (0, 1, 0, 0)), d(5, (1, 0, 0, 0)), d(5, (0, 1, 0, 0)),
                   d(4, (1, 0, 0, 0)), d(4, (0, 1, 0, 0)), d(6, (1, 0, 0, 0)), d(6, (0, 1, 0, 0)),
                   d(4, (0, 0, 1, 0)), d(6, (0, 0, 1, 0)), d(4, (0, 0, 0, 1)), d(6, (0, 0, 0, 1))]
            f.write("%r %r %r %r %r %r %s\n" % (lam, alpha, omega, tau, mu, nu,
                                               " ".join(fmt(v) for v in out)))


if __name__ == "__main__":
    main()
