#!/usr/bin/python3
"""Reference values for the solver tests, computed independently of the Go code.

Source: mpmath (Debian python3-mpmath 1.2.1, gmpy backend) at 2*D + 30 decimal
digits. For each target (mu*, nu*) and weights (omega, tau):

 1. the integrals A, B, C, D of docs/model.md section 2 are evaluated from their
    closed forms with mp.erfc / mp.exp (paper Eq. 4-5, appendix Eq. 11-13);
 2. the SELU is obtained from docs/model.md section 4 (alpha = -A/B for mu* = 0,
    otherwise the root of the quadratic with alpha > 0 and lambda > 0);
 3. for D <= 1000 the result is then polished by mp.findroot (2-D Newton) on
    the moment equations written directly as in the paper,
        E selu(z) = mu*,  E selu(z)^2 - (E selu(z))^2 = nu*,
    and the polished root must agree with step 2 to 2*D + 10 digits;
 4. the residual of the moment equations is checked to be below 10^-(2D+10);
 5. the values are rounded to D significant digits, half to even, with the
    decimal module, after checking that the 2*D+20 digit value is not within
    10^-(D+15) (relative) of a rounding tie.

Alpha dropout (docs/model.md section 6): a = sqrt(nu / (q((1-q)(a'-mu)^2 + nu))),
b = mu - a(q mu + (1-q) a'), q = 1 - rate, with the rate an exact decimal.

Output: solver/testdata/reference.txt, one case per line:
    solve  MEAN VAR OMEGA TAU DIGITS LAMBDA ALPHA ALPHA_PRIME
    dropout MEAN VAR OMEGA TAU DIGITS RATE A B
    infeasible MEAN VAR OMEGA TAU LO HI     (feasible mean interval, 6 digits)
Run:  /usr/bin/python3 solver/testdata/gen_reference.py > solver/testdata/reference.txt
      /usr/bin/python3 solver/testdata/gen_reference.py --big > solver/testdata/reference_big.txt
(--big: the 10000-digit cases, closed forms only, no findroot polish.)
Some cases near the edges of the feasible region carry extra working digits
(last element of their SOLVE entry) for the cancellation there.
"""
import decimal
import sys

import mpmath
from mpmath import mp, mpf


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


def closed_form(mu, nu, omega, tau):
    A, B, C, D = integrals(mu * omega, nu * tau)
    if mu == 0:
        alpha = -A / B
        return mp.sqrt(nu / (C + alpha * alpha * D)), alpha
    rho = mu * mu / (nu + mu * mu)
    a2, a1, a0 = B * B - rho * D, A * B, A * A - rho * C
    disc = a1 * a1 - a2 * a0
    if disc < 0:
        return None
    sols = []
    for alpha in ((-a1 + mp.sqrt(disc)) / a2, (-a1 - mp.sqrt(disc)) / a2):
        if alpha <= 0:
            continue
        lam = mu / (A + alpha * B)
        if lam > 0:
            sols.append((lam, alpha))
    if len(sols) != 1:
        return None
    return sols[0]


def feasible_interval(nu, omega, tau):
    """Feasible mean interval around 0 (6 digits): scan mu = +-sqrt(nu)*0.01*1.25^k,
    k = 0..63, outward until the first infeasible point, then bisect 100 times.
    ("inf" if every scanned point is feasible.) Same grid as the Go code."""
    def ok(mu):
        A, B, C, D = integrals(mu * omega, nu * tau)
        t = mu / mp.sqrt(nu + mu * mu)
        return B / mp.sqrt(D) < t < A / mp.sqrt(C)
    with mp.workdps(60):
        out = []
        for sign in (-1, 1):
            lo, hi = mpf(0), None
            for k in range(64):
                mu = sign * mp.sqrt(nu) * mpf("0.01") * mpf("1.25") ** k
                if not ok(mu):
                    hi = mu
                    break
                lo = mu
            if hi is None:
                out.append("-inf" if sign < 0 else "inf")
                continue
            for _ in range(100):
                mid = (lo + hi) / 2
                if ok(mid):
                    lo = mid
                else:
                    hi = mid
            out.append(mp.nstr(lo, 6))
        return out


def rounded(x, digits):
    """x rounded to `digits` significant digits, half to even, as a string."""
    s = mp.nstr(x, 2 * digits + 20, min_fixed=-mp.inf, max_fixed=mp.inf)
    if x == 0:
        return "0"
    d = decimal.Decimal(s)
    ctx = decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_EVEN)
    r = ctx.plus(d)
    # not near a tie: compare with the value rounded with the opposite
    # directions at a few extra digits.
    c2 = decimal.Context(prec=digits + 15, rounding=decimal.ROUND_DOWN)
    t = c2.plus(d)
    lo = decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_DOWN).plus(t)
    hi = decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_UP).plus(t)
    assert lo == hi == r, (s, digits)
    return fmt(r, digits)


def fmt(r, digits):
    """Plain positional notation with exactly `digits` significant digits
    when the exponent is in [-5, digits); otherwise d.ddd...e±XX."""
    sign, digs, exp = r.as_tuple()
    digs = "".join(map(str, digs)).ljust(digits, "0")[:digits]
    e10 = exp + len(r.as_tuple().digits) - 1  # exponent of the leading digit
    sg = "-" if sign else ""
    if -5 <= e10 < digits:
        if e10 >= 0:
            ip, fp = digs[: e10 + 1], digs[e10 + 1:]
            return sg + ip + ("." + fp if fp else "")
        return sg + "0." + "0" * (-e10 - 1) + digs
    return sg + digs[0] + ("." + digs[1:] if digits > 1 else "") + "e" + ("+" if e10 >= 0 else "-") + "%02d" % abs(e10)


def solve_case(mu_s, nu_s, om_s, tau_s, digits, extra=0):
    mp.dps = 2 * digits + 30 + extra
    mu, nu, om, tau = (mpf(mpmath.mpmathify(x)) for x in (frac(mu_s), frac(nu_s), frac(om_s), frac(tau_s)))
    sol = closed_form(mu, nu, om, tau)
    if sol is None:
        return None
    lam, alpha = sol
    m, v = mu * om, nu * tau
    if digits <= 1000:
        def F(l, a):
            mean, second = moments(l, a, m, v)
            return [mean - mu, second - mean * mean - nu]
        l2, a2 = mp.findroot(F, (lam, alpha))
        tol = mpf(10) ** (-(2 * digits + 10))
        assert abs(l2 - lam) <= tol * lam and abs(a2 - alpha) <= tol * alpha, (mu_s, nu_s, digits)
    mean, second = moments(lam, alpha, m, v)
    res = max(abs(mean - mu), abs(second - mean * mean - nu))
    assert res <= mpf(10) ** (-(2 * digits + 10)) * (1 + nu), (mu_s, nu_s, digits, res)
    return lam, alpha, -lam * alpha


def frac(s):
    """Exact decimal string -> mpf at the working precision (s has few digits)."""
    return mpmath.mpf(decimal.Decimal(s).as_integer_ratio()[0]) / decimal.Decimal(s).as_integer_ratio()[1]


SOLVE = [
    # (mean, var, omega, tau, [digits...])
    ("0", "1", "0", "1", [5, 17, 30, 32, 50, 100, 1000]),
    ("0", "4", "0", "1", [5, 17, 30, 33, 50, 100, 1000]),
    ("0", "0.01", "0", "1", [5, 17, 30, 50, 100]),
    ("0", "10000", "0", "1", [5, 17, 30, 50, 100, 1000]),
    ("0.1", "1", "0", "1", [5, 17, 30, 50, 100, 1000]),
    ("-0.1", "1", "0", "1", [5, 17, 30, 50, 100, 1000]),
    ("0.5", "1", "0", "1", [17, 30, 50]),
    ("-0.5", "2", "0", "1", [17, 30, 50, 100]),
    ("0.05", "0.01", "0", "1", [5, 17, 30, 50, 100]),
    ("-0.03", "0.01", "0", "1", [5, 17, 30, 50, 100]),
    ("30", "10000", "0", "1", [5, 17, 30, 50, 100]),
    ("-20", "10000", "0", "1", [5, 17, 30, 50, 100]),
    ("1", "3", "0", "1", [30, 50]),
    ("0.2", "1", "0.5", "1.2", [30, 50]),
    ("-0.1", "2", "1", "1", [5, 17, 30, 50, 100, 1000]),
    ("0", "1", "1", "1", [30]),
    ("0.1", "1", "1", "1", [17, 30, 50, 100]),
    ("-0.5", "1", "1", "1", [17, 30, 50, 100]),
    ("0.02", "0.01", "1", "1", [5, 17, 30, 50]),
    ("-0.05", "0.01", "1", "1", [5, 17, 30, 50]),
    ("5", "100", "1", "1", [17, 30, 50]),
    ("-3", "100", "1", "1", [17, 30, 50]),
    ("10", "10000", "1", "1", [17, 30, 50]),
    # next to the edges of the feasible region (alpha -> 0, alpha -> inf) and
    # the omega = 1 tail where alpha depends on exponentially small terms
    # (the last element: extra working digits for the cancellation there)
    ("0.6833316961214808", "1", "0", "1", [5, 30, 50], 60),
    ("-0.80326083482756928092", "1", "0", "1", [5, 30, 50], 60),
    ("8", "1", "1", "1", [5, 30], 60),
    ("20", "1", "1", "1", [17, 30], 200),
    ("-40", "1", "1", "1", [17, 30], 800),
]
BIG = [("0", "1", "0", "1", [10000]), ("-0.1", "2", "1", "1", [10000])]

DROPOUT = [
    # (mean, var, omega, tau, digits, [rates])
    ("0", "1", "0", "1", 33, ["0.05", "0.1"]),
    ("0", "1", "0", "1", 50, ["0.05", "0.1", "0.2", "0.5", "0.9"]),
    ("0.1", "1", "0", "1", 30, ["0.05", "0.1"]),
    ("-0.5", "2", "0", "1", 40, ["0.01", "0.3"]),
    ("0", "4", "0", "1", 100, ["0.1"]),
    ("-0.1", "2", "1", "1", 30, ["0.1"]),
]

INFEASIBLE = [
    ("0.7", "1", "0", "1"),
    ("-0.9", "1", "0", "1"),
    ("0.07", "0.01", "0", "1"),
    ("-0.08", "0.01", "0", "1"),
    ("70", "10000", "0", "1"),
    ("-100", "10000", "0", "1"),
    ("2", "1", "0.5", "1"),
    ("-3", "1", "0.5", "1"),
    ("1", "1", "-1", "1"),
    ("-1", "1", "-1", "1"),
]


def main():
    big = "--big" in sys.argv
    print("# generated by solver/testdata/gen_reference.py (mpmath %s, %s backend)" % (mpmath.__version__, mpmath.libmp.BACKEND))
    for mu, nu, om, tau, ds, *extra in (BIG if big else SOLVE):
        for d in ds:
            r = solve_case(mu, nu, om, tau, d, *extra)
            if r is None:
                print("# no solution", mu, nu, om, tau, file=sys.stderr)
                continue
            print("solve", mu, nu, om, tau, d, *(rounded(x, d) for x in r))
    if big:
        return
    for mu, nu, om, tau, d, rates in DROPOUT:
        lam, alpha, ap = solve_case(mu, nu, om, tau, d)
        mup, nup = frac(mu), frac(nu)
        for rate in rates:
            q = 1 - frac(rate)
            a = mp.sqrt(nup / (q * ((1 - q) * (ap - mup) ** 2 + nup)))
            b = mup - a * (q * mup + (1 - q) * ap)
            print("dropout", mu, nu, om, tau, d, rate, rounded(a, d), rounded(b, d))
    for mu, nu, om, tau in INFEASIBLE:
        mp.dps = 40
        assert solve_case(mu, nu, om, tau, 5) is None
        lo, hi = feasible_interval(frac(nu), frac(om), frac(tau))
        print("infeasible", mu, nu, om, tau, lo, hi)


if __name__ == "__main__":
    main()
