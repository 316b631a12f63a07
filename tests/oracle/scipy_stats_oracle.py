"""Test oracle for the jax.scipy.stats distributions that JaxNet added after the first set (binom, nbinom, geom,
betabinom; pareto, truncnorm, vonmises, gennorm, wrapcauchy).

Not part of the build. It prints the known answers that tests/JaxNet.Tests/Api/ScipyStatsDiscreteTests.cs and
ScipyStatsContinuousTests.cs check, computed with mpmath at 50 digits straight from each distribution's textbook
definition (sums of the pmf for the discrete CDFs, the normal CDF's differences for truncnorm, Bessel I0 for
vonmises), so they do not depend on SciPy:  /usr/bin/python3 tests/oracle/scipy_stats_oracle.py
"""
import mpmath as mp

mp.mp.dps = 50
NINF = "-Inf"


def show(name, values):
    print(name + ": [" + ", ".join(v if isinstance(v, str) else repr(float(v)) for v in values) + "]")


def log_or_ninf(v):
    return NINF if v == 0 else mp.log(v)


def binom_pmf(k, n, p):
    if k < 0 or k > n or k != int(k):
        return mp.mpf(0)
    return mp.binomial(n, k) * mp.mpf(p) ** k * (1 - mp.mpf(p)) ** (n - k)


def nbinom_pmf(k, n, p):
    if k < 0 or k != int(k):
        return mp.mpf(0)
    n, p = mp.mpf(n), mp.mpf(p)
    return mp.gamma(k + n) / (mp.gamma(n) * mp.factorial(k)) * p ** n * (1 - p) ** k


def geom_pmf(k, p):
    if k < 1 or k != int(k):
        return mp.mpf(0)
    return (1 - mp.mpf(p)) ** (k - 1) * mp.mpf(p)


def betabinom_pmf(k, n, a, b):
    if k < 0 or k > n or k != int(k):
        return mp.mpf(0)
    return mp.binomial(n, k) * mp.beta(k + a, n - k + b) / mp.beta(a, b)


def main():
    mp_ = mp.mpf
    ks = [-1, 0, 1, 2.5, 3, 7, 10, 11]
    show("binom.logpmf(k, 10, 0.3)", [log_or_ninf(binom_pmf(k, 10, mp_("0.3"))) for k in ks])
    show("binom.cdf(k, 10, 0.3)", [sum(binom_pmf(j, 10, mp_("0.3")) for j in range(0, int(mp.floor(k)) + 1)) if k >= 0 else 0 for k in ks])
    show("binom.sf(k, 10, 0.3)", [sum(binom_pmf(j, 10, mp_("0.3")) for j in range(max(int(mp.floor(k)) + 1, 0), 11)) for k in ks])
    # Large n: where a difference of log-gammas would lose digits; the far upper tail of the sf.
    show("binom.logpmf([0, 500, 10000], 10000, 0.05)", [mp.log(binom_pmf(k, 10000, mp_("0.05"))) for k in [0, 500, 10000]])
    show("binom.sf([900, 990], 1000, 0.5)", [sum(binom_pmf(j, 1000, mp_("0.5")) for j in range(k + 1, 1001)) for k in [900, 990]])

    kn = [-1, 0, 1, 2.5, 3, 10]
    show("nbinom.logpmf(k, 2.5, 0.4)", [log_or_ninf(nbinom_pmf(k, 2.5, mp_("0.4"))) for k in kn])
    show("nbinom.cdf(k, 2.5, 0.4)", [mp.betainc(2.5, int(mp.floor(k)) + 1, 0, mp_("0.4"), regularized=True) if k >= 0 else 0 for k in kn])
    show("nbinom.cdf check by summing pmf at 3", [sum(nbinom_pmf(j, 2.5, mp_("0.4")) for j in range(0, 4))])

    kg = [0, 1, 2, 3.5, 4, 50]
    show("geom.logpmf(k, 0.25)", [log_or_ninf(geom_pmf(k, mp_("0.25"))) for k in kg])
    show("geom.cdf(k, 0.25)", [sum(geom_pmf(j, mp_("0.25")) for j in range(1, int(mp.floor(k)) + 1)) for k in kg])
    show("geom.sf(k, 0.25)", [1 - sum(geom_pmf(j, mp_("0.25")) for j in range(1, int(mp.floor(k)) + 1)) for k in kg])
    show("geom.cdf([1, 3], 1e-10)", [1 - (1 - mp_("1e-10")) ** k for k in [1, 3]])

    kb = [-1, 0, 1, 2.5, 3, 6, 7]
    show("betabinom.logpmf(k, 6, 2.5, 1.5)", [log_or_ninf(betabinom_pmf(k, 6, mp_("2.5"), mp_("1.5"))) for k in kb])


def continuous():
    f = mp.mpf
    ninf = lambda v: NINF if v == 0 else mp.log(v)
    xs = [0.5, 1, 1.5, 3, 20]
    # pareto(b = 2.5, loc = 0.5, scale = 1.5): y = (x - loc) / scale >= 1.
    ys = [(f(x) - f("0.5")) / f("1.5") for x in xs]
    show("pareto.logpdf(x, 2.5, 0.5, 1.5)", [ninf(f("2.5") / y ** f("3.5") / f("1.5")) if y >= 1 else NINF for y in ys])
    show("pareto.cdf(x, 2.5, 0.5, 1.5)", [1 - y ** f("-2.5") if y >= 1 else 0 for y in ys])
    show("pareto.sf(x, 2.5, 0.5, 1.5)", [y ** f("-2.5") if y >= 1 else 1 for y in ys])
    show("pareto.ppf([0, 0.5, 0.99], 2.5, 0.5, 1.5)", [f("0.5") + f("1.5") * (1 - q) ** (-1 / f("2.5")) for q in [f(0), f("0.5"), f("0.99")]])

    def mass(a, b):
        return mp.ncdf(b) - mp.ncdf(a)

    def truncnorm(x, a, b, loc, scale):
        z = (f(x) - loc) / scale
        inside = a <= z <= b
        logpdf = (-z * z / 2 - mp.log(mp.sqrt(2 * mp.pi)) - mp.log(mass(a, b)) - mp.log(scale)) if inside else NINF
        cdf = 0 if z < a else 1 if z > b else mass(a, z) / mass(a, b)
        sf = 1 if z < a else 0 if z > b else mass(z, b) / mass(a, b)
        return logpdf, cdf, sf

    for (a, b, loc, scale, pts) in [(-1, 2, f("0.5"), 2, [-2, -1.5, 0, 2.5, 4.5, 6]), (5, 8, 0, 1, [5, 5.5, 7.9]),
                                    (-8, -5, 0, 1, [-7.5, -5.2, -5])]:
        r = [truncnorm(x, a, b, loc, scale) for x in pts]
        show(f"truncnorm.logpdf({pts}, {a}, {b})", [v[0] for v in r])
        show(f"truncnorm.cdf({pts}, {a}, {b})", [v[1] for v in r])
        show(f"truncnorm.sf({pts}, {a}, {b})", [v[2] for v in r])

    xv = [-3, -1, 0, 0.5, 2, 7]
    for kappa in [f("0.5"), f(4), f(700)]:
        show(f"vonmises.logpdf({xv}, {kappa})", [kappa * mp.cos(x) - mp.log(2 * mp.pi * mp.besseli(0, kappa)) for x in xv])
    xg = [-3, -0.5, 0, 0.25, 2]
    for beta in [f("0.7"), f(2), f(5)]:
        show(f"gennorm.logpdf({xg}, {beta})", [mp.log(beta / (2 * mp.gamma(1 / beta))) - abs(f(x)) ** beta for x in xg])
        show(f"gennorm.cdf({xg}, {beta})", [f("0.5") * mp.gammainc(1 / beta, abs(f(x)) ** beta, mp.inf, regularized=True) if x < 0
             else f("0.5") + f("0.5") * mp.gammainc(1 / beta, 0, abs(f(x)) ** beta, regularized=True) for x in xg])


main()
continuous()
