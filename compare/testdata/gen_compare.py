#!/usr/bin/python3
"""Reference values for package compare at the targets (0, nu), computed
independently with mpmath (Debian python3-mpmath 1.2.1):

    /usr/bin/python3 gen_compare.py > compare.txt

For omega = 0, tau = 1 the net input is z ~ N(0, s^2), s^2 = nu, whatever
the input mean, so the layer map is (mean(nu), var(nu)) with the closed
forms of docs/model.md section 2 (Klambauer et al. 2017, Eq. 4, 5, 11-13):

  A = s/sqrt(2 pi), B = (e^{s^2/2} erfc(s/sqrt2) - 1)/2, C = s^2/2,
  D = (e^{2s^2} erfc(sqrt2 s) - 2 e^{s^2/2} erfc(s/sqrt2) + 1)/2,
  alpha = -A/B, lambda = sqrt(nu/(C + alpha^2 D)) (section 4).

Columns, at mp.dps = 40:
  var lambda alpha rho S chi chi^32 chi_c xi_c 6xi_c var(0.9 tau) var(1.1 tau) a b
with
  - the Jacobian [[0, dmean/dnu], [0, dvar/dnu]] (mp.diff of the closed
    forms), so rho = |dvar/dnu| and S = sqrt(dmean/dnu^2 + dvar/dnu^2);
  - chi = tau E[selu'(z)^2] and chi_c = tau (E selu'(z))^2, each a 1-D
    mp.quad of selu' over the normal density, split at 0 (not the closed
    forms the Go code uses); xi_c = -1/ln chi_c;
  - var(k tau): the root near nu of var(k tau v) = v with the same lambda,
    alpha (mp.findroot); the mean there is mean(k tau v); nan when the
    root found is not positive (the variance collapses to 0);
  - alpha dropout at rate 0.1 (q = 0.9), alpha' = -lambda alpha:
    a = (q + alpha'^2 q (1-q))^(-1/2), b = -a (1-q) alpha' (paper, section
    "New Dropout Technique", for the target (0, 1); with nu it is
    a = sqrt(nu/(q((1-q) alpha'^2 + nu))), b = -a (1-q) alpha').
The mean at the shifted fixed points is printed in a trailing pair:
  mean(0.9 tau) mean(1.1 tau).
Values have 20 significant digits.
"""

import mpmath as mp

mp.mp.dps = 40
SQ2 = mp.sqrt(2)


def integrals(s2):
    s = mp.sqrt(s2)
    A = s / mp.sqrt(2 * mp.pi)
    B = (mp.exp(s2 / 2) * mp.erfc(s / SQ2) - 1) / 2
    C = s2 / 2
    D = (mp.exp(2 * s2) * mp.erfc(SQ2 * s) - 2 * mp.exp(s2 / 2) * mp.erfc(s / SQ2) + 1) / 2
    return A, B, C, D


def layer_map(lam, al, s2):
    A, B, C, D = integrals(s2)
    mean = lam * (A + al * B)
    second = lam ** 2 * (C + al ** 2 * D)
    return mean, second - mean ** 2


def expect(fn, s2):
    s = mp.sqrt(s2)
    return mp.quad(lambda x: mp.npdf(x) * fn(s * x), [-mp.inf, 0, mp.inf])


def row(nu):
    nu = mp.mpf(nu)
    A, B, C, D = integrals(nu)
    al = -A / B
    lam = mp.sqrt(nu / (C + al * al * D))
    dmean = mp.diff(lambda v: layer_map(lam, al, v)[0], nu)
    dvar = mp.diff(lambda v: layer_map(lam, al, v)[1], nu)
    rho = abs(dvar)
    S = mp.sqrt(dmean ** 2 + dvar ** 2)
    d1 = lambda z: lam if z > 0 else lam * al * mp.exp(z)
    chi = expect(lambda z: d1(z) ** 2, nu)
    chic = expect(d1, nu) ** 2
    xic = -1 / mp.log(chic)
    shifted = []
    for k in (mp.mpf("0.9"), mp.mpf("1.1")):
        v = mp.findroot(lambda v: layer_map(lam, al, k * v)[1] - v, nu)
        if abs(mp.im(v)) > mp.mpf("1e-30"):
            v = mp.nan
        v = mp.re(v)  # findroot may return a complex with a vanishing imaginary part
        if not v > mp.mpf("1e-30"):
            # no positive fixed point: the variance collapses to 0
            shifted.append((mp.nan, mp.nan))
            continue
        shifted.append((layer_map(lam, al, k * v)[0], v))
    q = mp.mpf("0.9")
    ap = -lam * al
    a = mp.sqrt(nu / (q * ((1 - q) * ap ** 2 + nu)))
    b = -a * (1 - q) * ap
    vals = [lam, al, rho, S, chi, chi ** 32, chic, xic, 6 * xic,
            shifted[0][1], shifted[1][1], a, b, shifted[0][0], shifted[1][0]]
    return vals


print("# var lambda alpha rho S chi chi^32 chi_c xi_c 6xi_c var(0.9tau) var(1.1tau) a b mean(0.9tau) mean(1.1tau)")
print("# mpmath %s, mp.dps=40; gen_compare.py" % mp.__version__)
for nu in ("0.01", "0.25", "1", "4", "16", "100"):
    print(nu, " ".join(mp.nstr(v, 20) for v in row(nu)))
