#!/usr/bin/python3
"""Reference values for fixed points far from variance 1 (omega = 0), and for
the limits of the variance ratio nu~/nu as nu -> 0 and nu -> oo, computed
independently of the Go code.

Run:  /usr/bin/python3 diagnose/testdata/gen_far.py > diagnose/testdata/far.json

Method (mpmath, 120 significant digits for the scan and the roots):
  * the layer map from the closed forms of Klambauer et al. 2017, Eq. 4, 5
    (docs/model.md section 2), function `moments` of gen_reference.py; at
    these digits the cancellation of the closed forms at small variance
    (about 2 log10(1/s) digits) leaves more than 60 correct digits;
  * fixed points: sign changes of log(nu~/nu) on a grid of 10 points per
    decade over nu in [1e-40, 1e40], each refined with mp.findroot
    (Anderson on the bracket); the mean is mu~(nu*);
  * the Jacobian by numerical differentiation (mp.diff) and chi by
    quadrature, as in gen_reference.py (`describe`);
  * the limits of nu~/nu: the ratio itself evaluated at nu = 1e-200 and
    nu = 1e200 with 800 digits (its distance to the limit is about 1e-100
    there), NOT the closed forms that the Go code uses, so that those are
    checked too;
  * the first correction terms of the two expansions, (r0 - ratio)/s at
    s = 1e-30 and (ratio - rInf)*s at s = 1e30, also from the ratio itself;
  * two fixed points with omega != 0 near variance 1e-6 (below the
    two-dimensional search's former start grid), by mp.findroot in two
    dimensions from a two-digit starting guess, described as above;
  * tau0, tauInf: the weight variances where the limits equal 1, by
    mp.findroot on the same evaluations.
"""
import json
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_reference import moments, describe, LAM, ALPHA  # noqa: E402
from mpmath import mp, mpf, log, findroot  # noqa: E402

mp.dps = 120


def ratio_limits(lam, al, tau):
    with mp.workdps(800):
        lo, hi = mpf('1e-200'), mpf('1e200')
        r0 = moments(lam, al, 0, tau, 0, lo)[1] / lo
        rinf = moments(lam, al, 0, tau, 0, hi)[1] / hi
    return r0, rinf


def ratio_slopes(lam, al, tau, r0, rinf):
    # First correction terms: (r0 - ratio)/s at s = 1e-30 and
    # (ratio - rinf)*s at s = 1e30 (s = sqrt(nu*tau)); the next terms are
    # O(s) and O(1/s) relative, 1e-30 here, and r0, rinf (from nu = 1e-200,
    # 1e200) are within 1e-100 of the limits.
    with mp.workdps(800):
        lo, hi = mpf('1e-60') / tau, mpf('1e60') / tau
        z = (r0 - moments(lam, al, 0, tau, 0, lo)[1] / lo) / mpf('1e-30')
        i = (moments(lam, al, 0, tau, 0, hi)[1] / hi - rinf) * mpf('1e30')
    return z, i


def roots_1d(lam, al, tau):
    f = lambda nu: log(moments(lam, al, 0, tau, 0, nu)[1] / nu)
    grid = [mpf(10)**(mpf(k) / 10) for k in range(-400, 401)]
    vals = [f(nu) for nu in grid]
    roots = []
    for a, b, fa, fb in zip(grid, grid[1:], vals, vals[1:]):
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            roots.append(findroot(f, (a, b), solver='anderson'))
    return roots


def case(tau_str, lam=LAM, al=ALPHA):
    tau = mpf(tau_str)
    roots = roots_1d(lam, al, tau)
    r0, rinf = ratio_limits(lam, al, tau)
    z, i = ratio_slopes(lam, al, tau, r0, rinf)
    with mp.workdps(50):
        fps = [describe(lam, al, 0, tau, moments(lam, al, 0, tau, 0, nu)[0], nu) for nu in roots]
    return {
        'tau': tau_str, 'lambda': mp.nstr(lam, 40), 'alpha': mp.nstr(al, 40),
        'fixed_points': fps,
        'ratio_at_0': mp.nstr(r0, 30), 'ratio_at_inf': mp.nstr(rinf, 30),
        'zero_slope': mp.nstr(z, 15), 'inf_slope': mp.nstr(i, 15),
        'collapse': bool(r0 < 1), 'explode': bool(rinf > 1),
    }


def case_2d(om_str, tau_str, mu0, nu0):
    # omega != 0: a fixed point near variance 1e-6, by mp.findroot
    # (multidimensional Newton, 60 digits) started from a two-digit guess.
    om, tau = mpf(om_str), mpf(tau_str)
    with mp.workdps(60):
        F = lambda a, b: [moments(LAM, ALPHA, om, tau, a, b)[0] - a, moments(LAM, ALPHA, om, tau, a, b)[1] - b]
        r = findroot(F, (mpf(mu0), mpf(nu0)))
        a, b = r[0], r[1]
        res = F(a, b)
        assert abs(res[0]) < mpf('1e-50') and abs(res[1]) < mpf('1e-50') * b, res
    with mp.workdps(50):
        fp = describe(LAM, ALPHA, om, tau, a, b)
    return {'omega': om_str, 'tau': tau_str, 'fixed_point': fp}


def main():
    # tau0, tauInf for the paper's constants: the limits are proportional to
    # tau, so the root is 1 / (limit at tau = 1).
    r0, rinf = ratio_limits(LAM, ALPHA, mpf(1))
    out = {
        'source': 'mpmath %s, diagnose/testdata/gen_far.py' % __import__('mpmath').__version__,
        'tau0': mp.nstr(1 / r0, 30), 'tau_inf': mp.nstr(1 / rinf, 30),
        'cases': [case(t) for t in ['0.49558', '0.49559', '0.4956', '0.496', '0.4965', '2.655', '2.657', '2.6575', '2.6576']]
                 + [case('0.7', mpf('1.5'), mpf('0.3')), case('1.2', mpf('1.5'), mpf('0.3')),
                    case('3', mpf('0.9'), mpf('5'))],
        'cases_2d': [case_2d('0.3', '0.46859', '-2.6e-4', '5.9e-7'), case_2d('-0.3', '0.5078', '-1.4e-4', '1.0e-6')],
    }
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
