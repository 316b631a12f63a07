"""Test oracle for JaxNet's Jax.Random: JAX's threefry2x32 PRNG and samplers re-derived in numpy.

Not part of the build. It prints the known answers that tests/JaxNet.Tests/Api/RandomTests.cs checks, so those
numbers can be re-derived without JAX installed:  /usr/bin/python3 tests/oracle/jax_random_oracle.py
Written from JAX's documented algorithm (jax/_src/random: threefry_2x32, split, fold_in, random_bits, uniform).
"""
import numpy as np

M = np.uint32(0xFFFFFFFF)
ROT = [[13, 15, 26, 6], [17, 29, 16, 24]]


def rotl(x, d):
    return ((x << np.uint32(d)) | (x >> np.uint32(32 - d))).astype(np.uint32)


def threefry2x32(k1, k2, x0, x1):
    """The 20-round Threefry-2x32 block cipher of key (k1, k2) on counters (x0, x1), elementwise."""
    with np.errstate(over="ignore"):
        k1, k2 = np.uint32(k1), np.uint32(k2)
        ks = [k1, k2, k1 ^ k2 ^ np.uint32(0x1BD11BDA)]
        x0 = np.asarray(x0, np.uint32) + ks[0]
        x1 = np.asarray(x1, np.uint32) + ks[1]
        for i in range(5):
            for r in ROT[i % 2]:
                x0 = x0 + x1
                x1 = rotl(x1, r) ^ x0
            x0 = x0 + ks[(i + 1) % 3]
            x1 = x1 + ks[(i + 2) % 3] + np.uint32(i + 1)
        return x0.astype(np.uint32), x1.astype(np.uint32)


def hash_counts(key, counts):
    """threefry_2x32 of the original scheme: the flat counter array halved (padded to even)."""
    flat = np.asarray(counts, np.uint32).ravel()
    n = flat.size
    if n % 2:
        flat = np.concatenate([flat, np.zeros(1, np.uint32)])
    h = flat.size // 2
    y0, y1 = threefry2x32(key[0], key[1], flat[:h], flat[h:])
    return np.concatenate([y0, y1])[:n]


def split(key, n, partitionable=True):
    if partitionable:
        b1, b2 = threefry2x32(key[0], key[1], np.zeros(n, np.uint32), np.arange(n, dtype=np.uint32))
        return np.stack([b1, b2], axis=1)
    return hash_counts(key, np.arange(2 * n, dtype=np.uint32)).reshape(n, 2)


def fold_in(key, data):
    return hash_counts(key, np.array([0, data], np.uint32))


def bits32(key, n, partitionable=True):
    if partitionable:
        b1, b2 = threefry2x32(key[0], key[1], np.zeros(n, np.uint32), np.arange(n, dtype=np.uint32))
        return b1 ^ b2
    return hash_counts(key, np.arange(n, dtype=np.uint32))


def uniform32(key, n, minval=0.0, maxval=1.0, partitionable=True):
    b = bits32(key, n, partitionable)
    f = ((b >> np.uint32(9)) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1)
    lo, hi = np.float32(minval), np.float32(maxval)
    return np.maximum(lo, f * (hi - lo) + lo)


def bits64(key, n, partitionable=True):
    if partitionable:
        b1, b2 = threefry2x32(key[0], key[1], np.zeros(n, np.uint32), np.arange(n, dtype=np.uint32))
    else:
        w = hash_counts(key, np.arange(2 * n, dtype=np.uint32))
        b1, b2 = w[:n], w[n:]
    return (b1.astype(np.uint64) << np.uint64(32)) | b2.astype(np.uint64)


def uniform64(key, n):
    b = bits64(key, n)
    return ((b >> np.uint64(12)) | np.uint64(0x3FF0000000000000)).view(np.float64) - 1.0


def uniform16(key, n):
    b = (bits32(key, n) & np.uint32(0xFFFF)).astype(np.uint16)
    return ((b >> np.uint16(6)) | np.float16(1).view(np.uint16)).view(np.float16) - np.float16(1)


def normal32(key, n, partitionable=True):
    from scipy.special import erfinv
    u = uniform32(key, n, np.nextafter(np.float32(-1), np.float32(0)), 1.0, partitionable)
    return np.sqrt(2) * erfinv(u.astype(np.float64))


def randint32(key, n, lo, hi):
    k = split(key, 2)
    higher, lower = bits32(k[0], n).astype(np.uint64), bits32(k[1], n).astype(np.uint64)
    span = np.uint64((hi - lo) & 0xFFFFFFFF)
    mult = (65536 % span) ** 2 % span
    off = ((higher % span) * mult % (1 << 32) + lower % span) % (1 << 32) % span
    return (lo + off.astype(np.int64)).tolist()


def permutation(key, n):
    k = split(key, 2)
    sort_keys = bits32(k[1], n)
    return np.argsort(sort_keys, kind="stable").tolist()


# ---- samplers built on uniform (jax.random.exponential, laplace, ..., choice, gamma, poisson) ----

F32 = np.float32
EPS32, EPSNEG32 = F32(2.0 ** -23), F32(2.0 ** -24)


def exponential32(key, n):
    return -np.log1p(-uniform32(key, n))


def laplace32(key, n):
    u = uniform32(key, n, F32(-1) + EPSNEG32, 1.0)
    return np.sign(u) * np.log1p(-np.abs(u))


def logistic32(key, n):
    u = uniform32(key, n, EPS32, 1.0)
    return np.log(u / (F32(1) - u))


def cauchy32(key, n):
    u = uniform32(key, n, EPS32, 1.0)
    return np.tan(F32(np.pi) * (u - F32(0.5)))


def rademacher(key, n):
    return ((uniform32(key, n) < F32(0.5)).astype(np.int32) * 2 - 1).tolist()


def choice_weighted(key, n_draws, p):
    cum = np.cumsum(np.asarray(p, np.float32))
    r = cum[-1] * (F32(1) - uniform32(key, n_draws))
    return np.searchsorted(cum, r, side="left").tolist()


def scalar_normal32(key):
    from scipy.special import erfinv
    u = uniform32(key, 1, np.nextafter(F32(-1), F32(0)), 1.0)[0]
    return F32(np.sqrt(2) * erfinv(np.float64(u)))


def gamma_one32(key, alpha, log_space=False):
    """JAX's _gamma_one (Marsaglia-Tsang with JAX's key splits) in float32 scalars."""
    alpha = F32(alpha)
    boost = alpha >= 1
    alpha_orig, alpha = alpha, alpha if alpha >= 1 else alpha + F32(1)
    d = alpha - F32(1.0 / 3)
    c = F32(1.0 / 3) / np.sqrt(d)
    key, subkey = split(key, 2)
    X, V, U = F32(0), F32(1), F32(2)
    while U >= F32(1) - F32(0.0331) * X * X and np.log(U) >= X * F32(0.5) + d * (F32(1) - V + np.log(V)):
        key, x_key, u_key = split(key, 3)
        x, v = F32(0), F32(-1)
        while v <= 0:
            x_key, sub = split(x_key, 2)
            x = scalar_normal32(sub)
            v = F32(1) + x * c
        X, V, U = x * x, v * v * v, uniform32(u_key, 1)[0]
    if log_space:
        log_u = -exponential32(subkey, 1)[0]
        log_boost = F32(0) if boost or log_u == 0 else log_u * (F32(1) / alpha_orig)
        return np.log(d) + np.log(V) + log_boost
    boost_factor = F32(1) if boost else np.power(F32(1) - uniform32(subkey, 1)[0], F32(1) / alpha_orig)
    return d * V * boost_factor


def gamma32(key, alphas, log_space=False):
    keys = split(key, len(alphas))
    return [float(gamma_one32(k, a, log_space)) for k, a in zip(keys, alphas)]


def poisson_knuth(key, lam):
    lam = np.asarray(lam, np.float32)
    k = np.zeros(lam.shape, np.int64)
    log_prod = np.zeros(lam.shape, np.float32)
    while (log_prod > -lam).any():
        key, sub = split(key, 2)
        k = np.where(log_prod > -lam, k + 1, k)
        log_prod = log_prod + np.log(uniform32(sub, lam.size))
    return (k - 1).tolist()


if __name__ == "__main__":
    print("kat (0,0),(0,0):", [hex(int(v[0])) for v in threefry2x32(0, 0, [0], [0])])
    print("kat ones:", [hex(int(v[0])) for v in threefry2x32(M, M, [M], [M])])
    print("kat pi:", [hex(int(v[0])) for v in threefry2x32(0x13198a2e, 0x03707344, [0x243f6a88], [0x85a308d3])])
    k0 = np.array([0, 0], np.uint32)
    print("split8:", split(k0, 8).tolist())
    print("split2 original:", split(k0, 2, False).tolist())
    print("split3 key42:", split(np.array([0, 42], np.uint32), 3).tolist())
    print("fold_in(key0, 7):", fold_in(k0, 7).tolist())
    print("bits key0 [5]:", bits32(k0, 5).tolist())
    print("bits key0 [5] original:", bits32(k0, 5, False).tolist())
    np.set_printoptions(precision=9)
    print("uniform key0 [3]:", [float(v) for v in uniform32(k0, 3)])
    print("uniform key0 [3] original:", [float(v) for v in uniform32(k0, 3, partitionable=False)])
    print("uniform key0 [4] in [-2,5):", [float(v) for v in uniform32(k0, 4, -2, 5)])
    print("normal key0 [3]:", normal32(k0, 3).tolist())
    print("normal key0 [3] original:", normal32(k0, 3, False).tolist())
    print("uniform64 key0 [3]:", uniform64(k0, 3).tolist())
    print("uniform16 key0 [3]:", [float(v) for v in uniform16(k0, 3)])
    print("bits64 key0 [2]:", [int(v) for v in bits64(k0, 2)])
    print("bits64 key0 [2] original:", [int(v) for v in bits64(k0, 2, False)])
    print("randint key0 [6] in [0,10):", randint32(k0, 6, 0, 10))
    print("randint key0 [4] in [-5,1000):", randint32(k0, 4, -5, 1000))
    print("permutation key0 10:", permutation(k0, 10))
    # jax.nn.initializers.glorot_uniform()(key, (2, 3)): variance 1 / fan_avg, uniform in [-1, 1) * sqrt(3 variance).
    variance = np.float32(1.0 / ((2 + 3) / 2))
    print("glorot_uniform key0 (2,3):", [float(v) for v in uniform32(k0, 6, -1.0, 1.0) * np.sqrt(np.float32(3) * variance)])
    print("exponential key0 [3]:", exponential32(k0, 3).tolist())
    print("laplace key0 [3]:", laplace32(k0, 3).tolist())
    print("logistic key0 [3]:", logistic32(k0, 3).tolist())
    print("cauchy key0 [3]:", cauchy32(k0, 3).tolist())
    print("pareto(b=3) key0 [3]:", np.exp(exponential32(k0, 3) / F32(3)).tolist())
    print("weibull_min(2, 1.5) key0 [3]:", (np.power(exponential32(k0, 3), F32(1) / F32(1.5)) * F32(2)).tolist())
    print("rayleigh(2) key0 [3]:", (F32(2) * np.sqrt(np.log(uniform32(k0, 3)) * F32(-2))).tolist())
    print("rademacher key0 [8]:", rademacher(k0, 8))
    print("choice(10, [6]) key0:", randint32(k0, 6, 0, 10))
    print("choice(10, [4], replace=False) key0:", permutation(k0, 10)[:4])
    print("choice(4, [6], p=[.1,.2,.3,.4]) key0:", choice_weighted(k0, 6, [0.1, 0.2, 0.3, 0.4]))
    print("gamma key0 a=[0.5, 1, 3, 20]:", gamma32(k0, [0.5, 1.0, 3.0, 20.0]))
    print("loggamma key0 a=[0.5, 1, 3, 20]:", gamma32(k0, [0.5, 1.0, 3.0, 20.0], log_space=True))
    print("poisson knuth key0 lam=[0.5, 3, 9.5, 1]:", poisson_knuth(k0, [0.5, 3.0, 9.5, 1.0]))
