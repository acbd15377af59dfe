#!/usr/bin/python3
"""Reference values for package sweep and `selu-solve sweep`, computed
independently of the Go solver.

Run:  /usr/bin/python3 sweep/testdata/gen_reference.py > sweep/testdata/reference.json

Method (mpmath, 50 significant digits), per target (mu*, nu*) of each grid:
  * feasibility by the criterion of docs/model.md section 4,
    -|B|/sqrt(D) < mu*/sqrt(nu* + mu*^2) < A/sqrt(C), with A, B, C, D at
    (m, s^2) = (mu* omega, nu* tau);
  * for feasible targets, lambda and alpha by mp.findroot (multidimensional
    Newton) on the ORIGINAL fixed-point equations mu~(mu*, nu*) = mu*,
    nu~(mu*, nu*) = nu* in the unknowns (lambda, alpha) -- not by the
    quadratic the Go solver uses -- from several starts, keeping the root with
    lambda > 0, alpha > 0 (residual < 1e-40 asserted); for infeasible ones it
    is asserted that no start yields such a root;
  * S and rho of the Jacobian H of g at the fixed point by numerical
    differentiation (mp.diff), S = largest singular value, rho = largest
    |eigenvalue|.
near_midpoint lists targets whose lambda, alpha or alpha' is very close to a
rounding midpoint at the given number of digits, or tiny (decimal exponent -8).
Grids are written as lo:hi:step strings exactly as the CLI takes them;
points are listed mean-major.
"""
import json
from fractions import Fraction
from mpmath import mp, mpf, erfc, erf, exp, sqrt, pi, findroot, matrix, diff, eig, svd_r

mp.dps = 50


def integrals(m, s2):
    s = sqrt(s2)
    u0 = m / (sqrt(2) * s)
    u1 = (m + s2) / (sqrt(2) * s)
    u2 = (m + 2 * s2) / (sqrt(2) * s)
    A = (m * (1 + erf(u0)) + sqrt(2 / pi) * s * exp(-m**2 / (2 * s2))) / 2
    B = (exp(m + s2 / 2) * erfc(u1) - erfc(u0)) / 2
    C = ((m * m + s2) * (1 + erf(u0)) + sqrt(2 / pi) * m * s * exp(-m**2 / (2 * s2))) / 2
    D = (exp(2 * (m + s2)) * erfc(u2) - 2 * exp(m + s2 / 2) * erfc(u1) + erfc(u0)) / 2
    return A, B, C, D


def moments(lam, al, om, tau, mu, nu):
    A, B, C, D = integrals(mu * om, nu * tau)
    mt = lam * (A + al * B)
    return mt, lam**2 * (C + al**2 * D) - mt**2


def frange(spec):
    lo, hi, step = (Fraction(x) for x in spec.split(':'))
    n = int((hi - lo) / step + Fraction(1, 10**9)) + 1
    return [lo + i * step for i in range(n)]


def dec(f):
    return mp.nstr(mpf(f.numerator) / f.denominator, 30) if f.denominator != 1 else str(f.numerator)


def solve(mu, nu, om, tau, starts=()):
    A, B, C, D = integrals(mu * om, nu * tau)
    x = mu / sqrt(nu + mu**2)
    feasible = -abs(B) / sqrt(D) < x < A / sqrt(C)
    F = lambda lam, al: [moments(lam, al, om, tau, mu, nu)[0] - mu, moments(lam, al, om, tau, mu, nu)[1] - nu]
    found = None
    for start in list(starts) + [(1.05, 1.67), (1.0, 1.0), (1.1, 3.0), (1.2, 0.5), (1.0, 10.0), (1.5, 0.1)]:
        try:
            r = findroot(F, (mpf(start[0]), mpf(start[1])))
        except (ValueError, ZeroDivisionError):
            continue
        lam, al = r[0], r[1]
        if isinstance(lam, mp.mpc) or isinstance(al, mp.mpc) or lam <= 0 or al <= 0:
            continue
        res = F(lam, al)
        if max(abs(res[0]), abs(res[1])) < mpf('1e-40'):
            found = (lam, al)
            break
    assert (found is not None) == feasible, (mu, nu, om, tau, feasible, found)
    if not feasible:
        return {'feasible': False}
    lam, al = found
    f0 = lambda a, b: moments(lam, al, om, tau, a, b)[0]
    f1 = lambda a, b: moments(lam, al, om, tau, a, b)[1]
    H = matrix([[diff(f0, (mu, nu), (1, 0)), diff(f0, (mu, nu), (0, 1))],
                [diff(f1, (mu, nu), (1, 0)), diff(f1, (mu, nu), (0, 1))]])
    S = max(svd_r(H, compute_uv=False))
    rho = max(abs(e) for e in eig(H, left=False, right=False))
    return {'feasible': True, 'lambda': mp.nstr(lam, 45), 'alpha': mp.nstr(al, 45),
            'alpha_prime': mp.nstr(-lam * al, 45),
            'spectral_norm': mp.nstr(S, 25), 'spectral_radius': mp.nstr(rho, 25), 'stable': bool(rho < 1)}


grids = []
for mean, var, om, tau in [('-0.6:0.6:0.3', '0.5:2:0.5', '0', '1'),
                           ('-0.2:0.2:0.1', '1:3:1', '1', '1'),
                           ('-0.1:0.3:0.2', '0.5:1.5:0.5', '0.5', '0.9')]:
    rows = []
    omf, tauf = mpf(Fraction(om).numerator) / Fraction(om).denominator, mpf(Fraction(tau).numerator) / Fraction(tau).denominator
    for mu in frange(mean):
        for nu in frange(var):
            r = solve(mpf(mu.numerator) / mu.denominator, mpf(nu.numerator) / nu.denominator, omf, tauf)
            r['mean'], r['var'] = dec(mu), dec(nu)
            rows.append(r)
    grids.append({'mean': mean, 'var': var, 'omega': om, 'tau': tau, 'rows': rows})

# A target whose alpha lies 1.4e-6 units of the 10th digit from a rounding
# midpoint (alpha = 1.5273685975000014...): correct rounding to 10 digits
# must still be delivered.
near_midpoint = []
for mean, var, digits, starts in [('0.005', '0.68', 10, ()),
                                  # next to the upper edge sqrt(1/(pi-1)) = 0.68333169612...:
                                  # alpha ~ 1e-8 (decimal exponent -8)
                                  ('0.68333169', '1', 10, [(mpf('1.71'), mpf('1e-8'))])]:
    r = solve(mpf(mean), mpf(var), mpf(0), mpf(1), starts)
    r.update({'mean': mean, 'var': var, 'digits': digits})
    near_midpoint.append(r)

print(json.dumps({'near_midpoint': near_midpoint, 'source': 'mpmath %s at %d digits, sweep/testdata/gen_reference.py' % (__import__('mpmath').__version__, mp.dps),
                  'grids': grids}, indent=1))
