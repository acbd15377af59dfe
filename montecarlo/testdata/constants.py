#!/usr/bin/python3
"""Reference values for the montecarlo tests (run with /usr/bin/python3).

SELU constants (λ, α) for targets (μ*, ν*) in the paper's convention ω = 0,
τ = 1, by the closed form of docs/model.md §4: with m = 0, s² = ν*,
A = √(ν*/(2π)), B = ½(e^{ν*/2} erfc(√(ν*/2)) − 1), C = ν*/2,
D = ½(e^{2ν*} erfc(√(2ν*)) − 2e^{ν*/2} erfc(√(ν*/2)) + 1);
μ* = 0: α = −A/B, λ = √(ν*/(C + α²D));
μ* ≠ 0: ρ = μ*²/(ν* + μ*²), (B² − ρD)α² + 2ABα + (A² − ρC) = 0, the root
with α > 0 and λ = μ*/(A + αB) > 0.
Then the residual of the map g(μ*, ν*) − (μ*, ν*) is printed as a check.
Alpha dropout a, b (docs/model.md §6) for the Paper constants are printed too.
"""
from mpmath import mp, mpf, sqrt, exp, erfc, pi, polyroots

mp.dps = 50


def abcd(nu):
    s = sqrt(nu)
    A = s / sqrt(2 * pi)
    B = (exp(nu / 2) * erfc(s / sqrt(2)) - 1) / 2
    C = nu / 2
    D = (exp(2 * nu) * erfc(sqrt(2 * nu)) - 2 * exp(nu / 2) * erfc(s / sqrt(2)) + 1) / 2
    return A, B, C, D


def solve(mu, nu):
    mu, nu = mpf(mu), mpf(nu)
    A, B, C, D = abcd(nu)
    if mu == 0:
        alpha = -A / B
        return sqrt(nu / (C + alpha**2 * D)), alpha
    rho = mu**2 / (nu + mu**2)
    for r in polyroots([B**2 - rho * D, 2 * A * B, A**2 - rho * C]):
        if abs(mp.im(r)) > 0 or mp.re(r) <= 0:
            continue
        alpha = mp.re(r)
        lam = mu / (A + alpha * B)
        if lam > 0:
            return lam, alpha
    raise ValueError("infeasible")


for mu, nu in [(0, 1), (0, 4), ("0.5", 1)]:
    lam, alpha = solve(mu, nu)
    A, B, C, D = abcd(mpf(nu))
    m = lam * (A + alpha * B)
    v = lam**2 * (C + alpha**2 * D) - m**2
    print(f"target ({mu}, {nu}): lambda = {mp.nstr(lam, 30)} alpha = {mp.nstr(alpha, 30)}"
          f"  residual {mp.nstr(m - mpf(mu), 3)} {mp.nstr(v - nu, 3)}")

lam = mpf("1.0507009873554804934193349852946")
alpha = mpf("1.6732632423543772848170429916717")
sat = -lam * alpha
for rate in ("0.05", "0.1"):
    q = 1 - mpf(rate)
    a = sqrt(1 / (q * ((1 - q) * sat**2 + 1)))
    b = -a * (1 - q) * sat
    print(f"dropout (0, 1) rate {rate}: a = {mp.nstr(a, 30)} b = {mp.nstr(b, 30)}")
