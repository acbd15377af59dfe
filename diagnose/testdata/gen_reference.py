#!/usr/bin/python3
"""Reference values for package diagnose, computed independently of the Go code.

Run:  /usr/bin/python3 diagnose/testdata/gen_reference.py > diagnose/testdata/reference.json

Method (mpmath, 50 significant digits):
  * layer map g(mu, nu) = (E selu(z), Var selu(z)), z ~ N(mu*omega, nu*tau), from the
    closed forms of Klambauer et al. 2017, Eq. 4, 5 (docs/model.md section 2);
  * omega = 0: the variance equation nu~(nu) = nu is scanned over nu in [1e-8, 1e8]
    (20 log-spaced points per decade) for sign changes of log(nu~/nu), each refined
    with mp.findroot (Anderson/secant on a bracket); the mean is mu~(nu*);
    omega != 0: mp.findroot (multidimensional Newton) from a grid of starts,
    deduplicated, nu > 1e-6 kept;
  * the Jacobian H of g by numerical differentiation (mp.diff), NOT by the
    closed-form Jacobian of docs/model.md section 3, so that it checks that formula too;
    S = largest singular value of H (mp.svd_r), rho = max |eigenvalue| (mp.eig);
  * chi = tau * E[selu'(z)^2] by numerical quadrature (mp.quad) of
    selu'(x)^2 * normal density, checked against the closed form of docs/model.md section 7
    (relative difference <= 1e-28 asserted);
  * layers_to_1pct = ceil(ln 0.01 / ln rho) for rho < 1;
  * iterations: the variance after k layers from (0, 1), by iterating the map;
  * outcomes: where the iteration goes from a few starts when omega != 0;
  * collapse / explode (omega = 0): the limits of nu~/nu as nu -> 0 and nu -> oo,
    evaluated at nu = 1e-30 and nu = 1e30, compared with 1 and with the roots found.
"""
import json
from mpmath import mp, mpf, erfc, erf, exp, sqrt, pi, log, findroot, ceil, matrix, diff, quad, inf, npdf, eig, svd_r

mp.dps = 50
LAM = mpf('1.0507009873554804934193349852946')  # paper, Eq. 14 (docs/model.md section 4), 32 digits
ALPHA = mpf('1.6732632423543772848170429916717')


def moments(lam, al, om, tau, mu, nu):
    m = mu * om
    s2 = nu * tau
    s = sqrt(s2)
    u0 = m / (sqrt(2) * s)
    u1 = (m + s2) / (sqrt(2) * s)
    u2 = (m + 2 * s2) / (sqrt(2) * s)
    A = (m * (1 + erf(u0)) + sqrt(2 / pi) * s * exp(-m**2 / (2 * s2))) / 2
    B = (exp(m + s2 / 2) * erfc(u1) - erfc(u0)) / 2
    C = ((m * m + s2) * (1 + erf(u0)) + sqrt(2 / pi) * m * s * exp(-m**2 / (2 * s2))) / 2
    D = (exp(2 * (m + s2)) * erfc(u2) - 2 * exp(m + s2 / 2) * erfc(u1) + erfc(u0)) / 2
    mt = lam * (A + al * B)
    xi = lam**2 * (C + al**2 * D)
    return mt, xi - mt**2


def chi(lam, al, om, tau, mu, nu):
    m = mu * om
    s = sqrt(nu * tau)
    # E[selu'(z)^2] = lam^2 P(z > 0) + lam^2 al^2 E[e^{2z} 1{z <= 0}], by quadrature.
    pts = sorted(set(p for p in [m - 10 * s, m, m + 10 * s] if p > 0))
    pos = quad(lambda x: npdf(x, m, s), [0] + pts + [inf])
    c = m + 2 * s**2  # the peak of exp(2x) * density
    pts = sorted(set([min(c - 10 * s, 0), min(c, 0), -s, -s / 10]))
    neg = quad(lambda x: exp(2 * x) * npdf(x, m, s), [-inf] + [p for p in pts if p < 0] + [0])
    val = tau * lam**2 * (pos + al**2 * neg)
    # Cross-check against the closed form of docs/model.md section 7.
    u0 = m / (sqrt(2) * s)
    u2 = (m + 2 * s**2) / (sqrt(2) * s)
    closed = tau * lam**2 * (erfc(-u0) / 2 + al**2 * exp(2 * m + 2 * s**2) * erfc(u2) / 2)
    assert abs(val - closed) <= mpf('1e-28') * abs(closed), (val, closed)
    return val


def describe(lam, al, om, tau, mu, nu):
    f0 = lambda a, b: moments(lam, al, om, tau, a, b)[0]
    f1 = lambda a, b: moments(lam, al, om, tau, a, b)[1]
    H = matrix([[diff(f0, (mu, nu), (1, 0)), diff(f0, (mu, nu), (0, 1))],
                [diff(f1, (mu, nu), (1, 0)), diff(f1, (mu, nu), (0, 1))]])
    S = max(svd_r(H, compute_uv=False))
    ev = eig(H, left=False, right=False)
    rho = max(abs(e) for e in ev)
    c = chi(lam, al, om, tau, mu, nu)
    d = {
        'mean': mp.nstr(mu, 40), 'var': mp.nstr(nu, 40),
        'spectral_norm': mp.nstr(S, 30), 'spectral_radius': mp.nstr(rho, 30),
        'stable': bool(rho < 1), 'gradient_growth': mp.nstr(c, 30),
        'gradient_growth_10': mp.nstr(c**10, 20), 'gradient_growth_100': mp.nstr(c**100, 20),
    }
    d['layers_to_1pct'] = int(ceil(log(mpf('0.01')) / log(rho))) if rho < 1 else None
    return d


def fixed_points_1d(lam, al, tau):
    ratio = lambda nu: log(moments(lam, al, 0, tau, 0, nu)[1] / nu)
    roots = []
    grid = [mpf(10)**(mpf(k) / 20) for k in range(-160, 161)]
    vals = [ratio(nu) for nu in grid]
    for a, b, fa, fb in zip(grid, grid[1:], vals, vals[1:]):
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            roots.append(findroot(ratio, (a, b), solver='anderson'))
    r0 = moments(lam, al, 0, tau, 0, mpf('1e-30'))[1] / mpf('1e-30')
    rinf = moments(lam, al, 0, tau, 0, mpf('1e30'))[1] / mpf('1e30')
    return roots, r0, rinf


def case_1d(name, lam, al, tau, note):
    roots, r0, rinf = fixed_points_1d(lam, al, tau)
    fps = [describe(lam, al, 0, tau, moments(lam, al, 0, tau, 0, nu)[0], nu) for nu in roots]
    return {
        'name': name, 'note': note, 'lambda': mp.nstr(lam, 40), 'alpha': mp.nstr(al, 40),
        'omega': '0', 'tau': mp.nstr(tau, 40), 'fixed_points': fps,
        'ratio_at_0': mp.nstr(r0, 20), 'ratio_at_inf': mp.nstr(rinf, 20),
        'collapse': bool(r0 < 1), 'explode': bool(rinf > 1),
    }


def case_2d(name, lam, al, om, tau, note):
    F = lambda a, b: [moments(lam, al, om, tau, a, b)[0] - a, moments(lam, al, om, tau, a, b)[1] - b]
    roots = []
    for mu0 in ['-3', '-1', '-0.3', '0', '0.3', '1', '3']:
        for nu0 in ['0.01', '0.1', '1', '10', '100']:
            try:
                r = findroot(F, (mpf(mu0), mpf(nu0)))
            except (ValueError, ZeroDivisionError, TypeError):
                continue
            a, b = r[0], r[1]
            if isinstance(a, mp.mpc) or isinstance(b, mp.mpc) or b <= mpf('1e-6'):
                continue
            if not any(abs(a - x) + abs(b - y) < mpf('1e-20') for x, y in roots):
                roots.append((a, b))
    roots.sort(key=lambda p: p[1])
    return {
        'name': name, 'note': note, 'lambda': mp.nstr(lam, 40), 'alpha': mp.nstr(al, 40),
        'omega': mp.nstr(om, 40), 'tau': mp.nstr(tau, 40),
        'fixed_points': [describe(lam, al, om, tau, a, b) for a, b in roots],
    }


if __name__ == '__main__':
    # Variance of a standard normal truncated to [-2, 2] (no 0.8796 correction):
    # 1 - 4 phi(2) / (2 Phi(2) - 1).
    TRUNC = 1 - 4 * npdf(2) / erf(2 / sqrt(2))

    cases = [
        case_1d('paper', LAM, ALPHA, mpf(1), 'paper constants, LeCun normal init (tau = 1)'),
        case_1d('pytorch-gain', LAM, ALPHA, mpf(9) / 16, "gain 3/4 = torch.nn.init.calculate_gain('selu'), tau = 9/16"),
        case_1d('pytorch-linear-default', LAM, ALPHA, mpf(1) / 3, 'nn.Linear default init U(-1/sqrt(n), 1/sqrt(n)), tau = 1/3'),
        case_1d('truncated-lecun', LAM, ALPHA, TRUNC, 'normal truncated at 2 std without rescaling, tau = 1 - 4 phi(2)/(2 Phi(2) - 1)'),
        case_1d('tau-3', LAM, ALPHA, mpf(3), 'too large: variance explodes'),
        case_1d('tau-1.5', LAM, ALPHA, mpf('1.5'), 'moderately large gain'),
        case_1d('lambda-1.2-alpha-1', mpf('1.2'), mpf(1), mpf(1), 'other constants'),
        case_2d('notebook-weights', LAM, ALPHA, mpf(1), mpf(1), 'omega = 1, tau = 1 (authors notebook convention)'),
        case_2d('omega-0.3-tau-0.9', LAM, ALPHA, mpf('0.3'), mpf('0.9'), 'omega != 0'),
    ]
    # chi at extreme arguments (lam, al, om, tau, mu, nu), by quadrature.
    chi_cases = []
    for args in [(LAM, ALPHA, 0, 1, 0, mpf('1e-6')), (LAM, ALPHA, 0, 1, 0, mpf('1e6')),
                 (LAM, ALPHA, 1, 1, -30, 1), (LAM, ALPHA, 1, 1, 5, 900), (LAM, ALPHA, 1, 1, 50, 2),
                 (LAM, ALPHA, mpf('0.5'), 2, -3, mpf('0.01')), (mpf(2), mpf('0.5'), 0, mpf('0.1'), 0, 700)]:
        chi_cases.append({'args': [mp.nstr(a, 40) for a in args], 'chi': mp.nstr(chi(*args), 30)})

    # Iterates of g from (0, 1) for the presets (variance after k layers), for
    # the worked examples of docs/diagnose.md.
    iterations = []
    for name, tau in [('pytorch-gain', mpf(9) / 16), ('pytorch-linear-default', mpf(1) / 3), ('truncated-lecun', TRUNC)]:
        nu, out = mpf(1), {}
        for k in range(1, 101):
            nu = moments(LAM, ALPHA, 0, tau, 0, nu)[1]
            if k in (1, 5, 10, 20, 50, 100):
                out[str(k)] = mp.nstr(nu, 25)
        iterations.append({'name': name, 'tau': mp.nstr(tau, 40), 'var_after': out})

    # Where the iteration of g goes from a few starts when omega != 0 (at most
    # 3000 steps; collapse: nu*tau < 1e-12; explode: nu*tau or |mu*omega| > 1e12),
    # for the classification of starts in the two-dimensional search.
    outcomes = []
    for om, tau in [(mpf(1), mpf(1)), (mpf('0.3'), mpf('0.9')), (mpf(-1), mpf(1))]:
        for start in [('-1', '0.1'), ('1', '2'), ('0', '0.5'), ('-2', '0.01'), ('0.5', '1'), ('2', '5'), ('-0.5', '2')]:
            mu, nu = mpf(start[0]), mpf(start[1])
            out = 'converged'
            for k in range(3000):
                mu, nu = moments(LAM, ALPHA, om, tau, mu, nu)
                if nu * tau < mpf('1e-12'):
                    out = 'collapsed'
                    break
                if nu * tau > mpf('1e12') or abs(mu * om) > mpf('1e12'):
                    out = 'exploded'
                    break
            outcomes.append({'omega': mp.nstr(om, 10), 'tau': mp.nstr(tau, 10), 'start': list(start),
                             'outcome': out, 'steps': k + 1})

    print(json.dumps({
        'outcomes': outcomes,
        'iterations': iterations,
        'chi': chi_cases,
        'source': 'mpmath %s at %d digits, diagnose/testdata/gen_reference.py' % (mp.__version__ if hasattr(mp, '__version__') else __import__('mpmath').__version__, mp.dps),
        'truncated_lecun_tau': mp.nstr(TRUNC, 40),
        'cases': cases,
    }, indent=1))
