#!/usr/bin/python3
"""Reference values for fixed points with omega != 0 far from variance 1, and
for the limits of the variance ratio along the mean curve, computed
independently of the Go code.

Run:  /usr/bin/python3 diagnose/testdata/gen_omega.py > diagnose/testdata/omega.json

Method (mpmath, 80 significant digits; the closed forms of the moments lose
about 2 log10(1/s) digits to cancellation at net-input std s, at most 32
here):
  * the layer map from the closed forms of Klambauer et al. 2017, Eq. 4, 5
    (docs/model.md section 2), function `moments` of gen_reference.py;
  * for every nu of a grid of 4 points per decade over [1e-16, 1e14]/tau,
    the roots in mu of the mean equation mu = mu~(mu, nu) by a scan of
    the net mean m = mu*omega in [-6s, 6s] (step s/10) and on the unit
    scale (1e-10 to 100, two points per decade), each sign change refined by mp.findroot (Anderson); the sign of
    log(nu~/nu) at each root;
  * a sign change of log(nu~/nu) between neighbouring grid points along a
    branch: mp.findroot on the composed function of log nu (bracket), the
    mean re-solved by mp.findroot at each evaluation; the fixed point then
    polished by two-dimensional mp.findroot and described (Jacobian by
    mp.diff, chi by quadrature) as in gen_reference.py;
  * the limits of nu~/nu along the branches at s -> 0 and s -> oo from the
    homogeneous limits of the moments in closed form (docs/diagnose.md,
    "omega != 0: the limits"): A0(T) = T(Phi + al(1 - Phi)) + (1 - al)phi,
    E0(T) = (T^2 + 1)(Phi + al^2(1 - Phi)) + T(1 - al^2)phi, B0 = E0 - A0^2;
    Ainf(T) = T Phi + phi, Einf(T) = (T^2 + 1)Phi + T phi, Binf = Einf - Ainf^2
    (Phi, phi at T); T by mp.findroot of T = omega*lam*A(T) started from a
    scan; the ratio tau*lam^2*B(T); cross-checked against the ratio of the
    map itself at s^2 = 1e-200 and 1e200 on the mean curve.
"""
import json
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_reference import moments, describe, LAM, ALPHA  # noqa: E402
from mpmath import mp, mpf, log, findroot, ncdf, npdf, sqrt  # noqa: E402

mp.dps = 80


def mean_roots(om, tau, nu):
    """Roots mu of mu = mu~(mu, nu), increasing."""
    s = sqrt(nu * tau)
    G = lambda m: om * moments(LAM, ALPHA, 1, 1, m, s * s)[0] - m  # in m = mu*om
    pts = [s * mpf(k) / 10 for k in range(-60, 61)]
    pts += [sg * mpf(10)**(mpf(k) / 4) for k in range(-40, 9, 2) for sg in (1, -1)]
    pts = sorted(set(pts))
    vals = [G(m) for m in pts]
    out = []
    for a, b, ga, gb in zip(pts, pts[1:], vals, vals[1:]):
        if ga == 0:
            out.append(a)
        elif ga * gb < 0:
            out.append(findroot(G, (a, b), solver='anderson'))
    return [m / om for m in out]


def ratio(om, tau, mu, nu):
    return log(moments(LAM, ALPHA, om, tau, mu, nu)[1] / nu)


def fixed_points(om, tau):
    grid = [mpf(10)**(mpf(k) / 4) / tau for k in range(-64, 57)]
    cols = [(nu, [(mu, ratio(om, tau, mu, nu)) for mu in mean_roots(om, tau, nu)]) for nu in grid]
    found = []
    for (na, ra), (nb, rb) in zip(cols, cols[1:]):
        assert len(ra) == len(rb), (na, ra, rb)  # no fold in these cases
        for (ma, qa), (mb, qb) in zip(ra, rb):
            if qa * qb >= 0:
                continue

            def f(x, ma=ma, mb=mb):
                nu = mp.exp(x)
                s = sqrt(nu * tau)
                G = lambda m: om * moments(LAM, ALPHA, 1, 1, m, s * s)[0] - m
                m = findroot(G, om * (ma + mb) / 2)
                return ratio(om, tau, m / om, nu)
            x = findroot(f, (log(na), log(nb)), solver='anderson')
            nu = mp.exp(x)
            mu0 = ma + (mb - ma) * (nu - na) / (nb - na)
            F = lambda a, b: [moments(LAM, ALPHA, om, tau, a, b)[0] - a, moments(LAM, ALPHA, om, tau, a, b)[1] - b]
            r = findroot(F, (mu0, nu))
            res = F(r[0], r[1])
            assert abs(res[0]) < mpf('1e-60') * (abs(r[0]) + sqrt(r[1])) and abs(res[1]) < mpf('1e-60') * r[1], res
            with mp.workdps(50):
                found.append(describe(LAM, ALPHA, om, tau, r[0], r[1]))
    ends = ([q for _, q in cols[0][1]], [q for _, q in cols[-1][1]])
    return found, ends


def limits(om, tau):
    """Branch limits (T, ratio) at s -> 0 and s -> oo from the closed forms."""
    lam, al = LAM, ALPHA

    def A0(t):
        P, p = ncdf(t), npdf(t)
        return t * (P + al * (1 - P)) + (1 - al) * p

    def B0(t):
        P, p = ncdf(t), npdf(t)
        return (t * t + 1) * (P + al * al * (1 - P)) + t * (1 - al * al) * p - A0(t)**2

    def Ai(t):
        return t * ncdf(t) + npdf(t)

    def Bi(t):
        return (t * t + 1) * ncdf(t) + t * npdf(t) - Ai(t)**2

    out = []
    for A, B, s2 in ((A0, B0, mpf('1e-200')), (Ai, Bi, mpf('1e200'))):
        f = lambda t: om * lam * A(t) - t
        ts = [mpf(k) / 10 for k in range(-200, 201)]
        vs = [f(t) for t in ts]
        br = []
        for a, b, fa, fb in zip(ts, ts[1:], vs, vs[1:]):
            if fa * fb < 0:
                t = findroot(f, (a, b), solver='anderson')
                r = tau * lam**2 * B(t)
                # Cross-check with the map at s^2 = 1e-200 / 1e200.
                with mp.workdps(400):
                    s = sqrt(s2)
                    G = lambda m: om * moments(lam, al, 1, 1, m, s2)[0] - m
                    m = findroot(G, t * s)
                    rm = tau * moments(lam, al, 1, 1, m, s2)[1] / s2
                assert abs(rm / r - 1) < mpf('1e-80'), (rm, r)
                br.append({'T': mp.nstr(t, 30), 'ratio': mp.nstr(r, 30)})
        out.append(br)
    return out


def case(om_str, tau_str):
    om, tau = mpf(om_str), mpf(tau_str)
    fps, ends = fixed_points(om, tau)
    at0, atinf = limits(om, tau)
    return {'omega': om_str, 'tau': tau_str, 'fixed_points': fps,
            'limits_at_0': at0, 'limits_at_inf': atinf,
            'ratio_at_scan_ends': [[mp.nstr(mp.exp(q), 15) for q in e] for e in ends]}


def main():
    cases = [('0.3', '0.46859'), ('-0.3', '0.5078'),
             ('0.3', '0.46827'), ('-0.3', '0.50745'),
             ('0.3', '2.245'), ('0.3', '2.248'), ('-0.3', '3.03'), ('-0.3', '3.035'),
             ('0.3', '0.4682'), ('-0.3', '0.5065'), ('0.3', '2.25'), ('-0.3', '3.04'),
             ('0.3', '0.468253'), ('-0.3', '0.5074374')]
    if len(sys.argv) > 1:  # a slice "a:b" of the cases, for running in parts
        a, b = sys.argv[1].split(':')
        cases = cases[int(a):int(b)]
    out = {
        'source': 'mpmath %s, diagnose/testdata/gen_omega.py' % __import__('mpmath').__version__,
        'lambda': mp.nstr(LAM, 40), 'alpha': mp.nstr(ALPHA, 40),
        'cases': [case(o, t) for o, t in cases],
    }
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
