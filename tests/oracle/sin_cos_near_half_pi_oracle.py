"""Test oracle for the cpu-simd float64 sin and cos where x - k pi/2 cancels most of x's bits.

Not part of the build. It prints C# rows (x, sin x, cos x) for x the float64 nearest k pi/2 and its two neighbours,
k over 1..40, the powers of two up to 2^29 and their neighbours, and a fixed pseudo-random sample below 2^30 (the
vector routine's limit), each value rounded to the nearest float64 from 60-digit mpmath arithmetic;
tests/JaxNet.Backends.CpuSimd.Tests/TrigonometryReductionTests.cs checks the vector routines against them:
    /usr/bin/python3 tests/oracle/sin_cos_near_half_pi_oracle.py
"""
import random

import mpmath

mpmath.mp.dps = 60


def nearest_double(k):
    return float(mpmath.mpf(k) * mpmath.pi / 2)


def neighbours(x):
    import math
    return [math.nextafter(x, 0.0), x, math.nextafter(x, math.inf)]


ks = list(range(1, 41))
ks += [2 ** j + d for j in range(6, 30) for d in (-1, 0, 1)]
rng = random.Random(7)
ks += [rng.randrange(1, 2 ** 29) for _ in range(40)]
xs = sorted({x for k in ks for x in neighbours(nearest_double(k)) if x < 2 ** 30})
for x in xs:
    m = mpmath.mpf(x)
    print("        { %r, %r, %r }," % (x, float(mpmath.sin(m)), float(mpmath.cos(m))))
