"""Test oracle for the shared float64 erfinv (backends/shared/Numerics/SpecialFunctions.cs) near ±1.

Not part of the build. It prints (y, erfinv y) for y = 1 - 2^-k, k = 1..53, and a few other points, that
tests/JaxNet.Backends.TpuSim.Tests/SharedErfInvTests.cs checks; it needs only Python's decimal module:
    /usr/bin/python3 tests/oracle/erfinv_oracle.py
erf is its Maclaurin series at 90 significant digits (its terms reach e^36 ~ 4e15 below x = 6, so about 70 digits
survive the cancellation), erfinv a bisection to 60 digits, each result rounded to the nearest double.
"""
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 90
PI = Decimal(
    "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651"
)
TWO_OVER_SQRT_PI = 2 / PI.sqrt()


def erf(x):
    """2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)), summed until the terms fall below 10^-85."""
    x2 = x * x
    term, total, n = x, x, 0
    while abs(term) > Decimal(10) ** -85:
        n += 1
        term = -term * x2 / n
        total += term / (2 * n + 1)
    return TWO_OVER_SQRT_PI * total


def erfinv(y):
    lo, hi = Decimal(0), Decimal(7)
    for _ in range(210):  # 2^-210 of 7: beyond 60 digits
        mid = (lo + hi) / 2
        if erf(mid) < y:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def nearest_double(d):
    return float(Fraction(d))


points = [1 - Fraction(1, 2**k) for k in range(1, 54)] + [Fraction(x) for x in (0.3, 0.7, 0.78, 0.85, 0.95, 0.993)]
for y in points:
    value = erfinv(Decimal(y.numerator) / Decimal(y.denominator))
    print(f"[{float(y)!r}, {nearest_double(value)!r}],")
