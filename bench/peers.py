#!/usr/bin/python3
"""The peers of JaxNet's bench: NumPy and PyTorch versions of every workload, timed in this process.

Run by the bench runner (bench/Peers/PeerRunner.cs) with /usr/bin/python3 and Debian's python3-numpy and
python3-torch, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from this process's environment so that
OpenBLAS picks its own kernels for the CPU. Prints one JSON object on stdout:

  {"info": {...}, "numpy": {key: {"best": v, "median": v, "unit": u}}, "torch": {...}}

Each workload's key and definition match its C# twin in bench/Workloads. Times are per call; a sample times a
batch of calls long enough to dwarf the timer's resolution, after a warm-up; "best" is the fastest sample,
"median" the median one. sgemm is reported in GFLOP/s (2 N^3 per product), so there "best" is the largest.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch

SIZE_10M = 10_000_000
CHAIN_BLOCKS = 42  # tanh, *0.9, +0.1 per block: 126 elementwise ops


def time_per_call(fn, min_sample_seconds, samples):
    """Seconds per call of fn: (best, median) over samples, each a batch of calls of at least min_sample_seconds."""
    fn()
    fn()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_sample_seconds or calls >= 1 << 24:
            break
        calls *= 2 if elapsed * 4 > min_sample_seconds else 8
    per_call = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        per_call.append((time.perf_counter() - start) / calls)
    return min(per_call), statistics.median(per_call)


def sgemm(n, lib):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    if lib == "numpy":
        return lambda: a @ b
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    return lambda: torch.mm(ta, tb)


def three_vectors(n):
    rng = np.random.default_rng(2)
    return [rng.uniform(-1, 1, n).astype(np.float32) for _ in range(3)]


def fused_sum(lib):
    x, y, z = three_vectors(SIZE_10M)
    if lib == "numpy":
        return lambda: np.sum(x + y * z)
    tx, ty, tz = map(torch.from_numpy, (x, y, z))
    return lambda: (tx + ty * tz).sum()


def activation(lib):
    x, y, z = three_vectors(SIZE_10M)
    if lib == "numpy":
        return lambda: np.tanh(x) * (1 / (1 + np.exp(-y))) + np.exp(-z)
    tx, ty, tz = map(torch.from_numpy, (x, y, z))
    return lambda: torch.tanh(tx) * torch.sigmoid(ty) + torch.exp(-tz)


def dense_relu(lib):
    """relu(x @ w + b), x 128 x 784, w 784 x 512: a dense layer's forward pass, the bias and relu as separate passes."""
    rng = np.random.default_rng(4)
    x = rng.standard_normal((128, 784), dtype=np.float32)
    w = rng.standard_normal((784, 512), dtype=np.float32)
    b = rng.standard_normal(512, dtype=np.float32)
    if lib == "numpy":
        return lambda: np.maximum(x @ w + b, 0)
    tx, tw, tb = map(torch.from_numpy, (x, w, b))
    return lambda: torch.relu(torch.addmm(tb, tx, tw))


def mlp_numpy():
    """784-512-512-10, ReLU, softmax cross-entropy, SGD: forward, backward by hand, update in place."""
    rng = np.random.default_rng(3)
    sizes = [784, 512, 512, 10]
    ws = [(rng.standard_normal((i, o)) * np.sqrt(2 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    bs = [np.zeros(o, np.float32) for o in sizes[1:]]
    x = rng.standard_normal((128, 784), dtype=np.float32)
    labels = rng.integers(0, 10, 128)
    onehot = np.eye(10, dtype=np.float32)[labels]
    lr = np.float32(0.01)

    def step():
        h1 = np.maximum(x @ ws[0] + bs[0], 0)
        h2 = np.maximum(h1 @ ws[1] + bs[1], 0)
        logits = h2 @ ws[2] + bs[2]
        shifted = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(shifted)
        p /= p.sum(axis=1, keepdims=True)
        g3 = (p - onehot) / np.float32(128)
        g2 = (g3 @ ws[2].T) * (h2 > 0)
        g1 = (g2 @ ws[1].T) * (h1 > 0)
        for w, b, inp, g in ((ws[2], bs[2], h2, g3), (ws[1], bs[1], h1, g2), (ws[0], bs[0], x, g1)):
            w -= lr * (inp.T @ g)
            b -= lr * g.sum(axis=0)

    return step


def torch_sgd_step(model, x, labels):
    """One SGD step (lr 0.01) of softmax cross-entropy by autograd, the parameters updated in place."""
    params = list(model.parameters())

    def step():
        loss = torch.nn.functional.cross_entropy(model(x), labels)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p.sub_(0.01 * g)

    return step


def mlp_torch():
    torch.manual_seed(3)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 10))
    x = torch.randn(128, 784)
    labels = torch.randint(0, 10, (128,))
    return torch_sgd_step(model, x, labels)


def grad_chain_numpy():
    """d/dx sum(chain(x)), the reverse pass written by hand: what NumPy users do without autodiff."""
    x = three_vectors(1000)[0]

    def grad():
        y = x
        saved = []
        for _ in range(CHAIN_BLOCKS):
            t = np.tanh(y)
            saved.append(t)
            y = t * np.float32(0.9) + np.float32(0.1)
        g = np.ones_like(x)
        for t in reversed(saved):
            g = g * np.float32(0.9) * (1 - t * t)
        return g

    return grad


def grad_chain_torch():
    x = torch.from_numpy(three_vectors(1000)[0]).requires_grad_()

    def grad():
        y = x
        for _ in range(CHAIN_BLOCKS):
            y = torch.tanh(y) * 0.9 + 0.1
        return torch.autograd.grad(y.sum(), x)[0]

    return grad


def concatenate(lib, axis=1, dtype=np.float32):
    """Two 2048 x 1024 arrays joined along an axis; values every dtype holds exactly, as the C# row makes them."""
    modulus = 2 if dtype == np.bool_ else 251 if dtype == np.uint8 else 1 << 20
    x, y = (((np.arange(2048 * 1024) * 7 + piece * 3) % modulus).astype(dtype).reshape(2048, 1024) for piece in range(2))
    if lib == "numpy":
        return lambda: np.concatenate([x, y], axis=axis)
    tx, ty = map(torch.from_numpy, (x, y))
    return lambda: torch.cat([tx, ty], dim=axis)


def stack(lib):
    """Three 1024 x 1024 float32 arrays stacked along a new middle axis: [1024, 3, 1024]."""
    rng = np.random.default_rng(4)
    xs = [rng.uniform(-1, 1, (1024, 1024)).astype(np.float32) for _ in range(3)]
    if lib == "numpy":
        return lambda: np.stack(xs, axis=1)
    txs = [torch.from_numpy(x) for x in xs]
    return lambda: torch.stack(txs, dim=1)


def concatenate_transposed(lib):
    """x.T (x stored as 1024 x 2048) joined with a 2048 x 1024 y along axis 1, float32."""
    rng = np.random.default_rng(4)
    x = rng.uniform(-1, 1, (1024, 2048)).astype(np.float32)
    y = rng.uniform(-1, 1, (2048, 1024)).astype(np.float32)
    if lib == "numpy":
        return lambda: np.concatenate([x.T, y], axis=1)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    return lambda: torch.cat([tx.T, ty], dim=1)


def stack_last(lib):
    """Three 1024 x 1024 float32 arrays stacked along a new last axis: [1024, 1024, 3], the members interleaved."""
    rng = np.random.default_rng(4)
    xs = [rng.uniform(-1, 1, (1024, 1024)).astype(np.float32) for _ in range(3)]
    if lib == "numpy":
        return lambda: np.stack(xs, axis=-1)
    txs = [torch.from_numpy(x) for x in xs]
    return lambda: torch.stack(txs, dim=-1)


def pad(lib):
    """A 2048 x 1024 float32 array padded with one zero on every side."""
    rng = np.random.default_rng(4)
    x = rng.uniform(-1, 1, (2048, 1024)).astype(np.float32)
    if lib == "numpy":
        return lambda: np.pad(x, 1)
    tx = torch.from_numpy(x)
    return lambda: torch.nn.functional.pad(tx, (1, 1, 1, 1))


def complex_mul(lib):
    """Two million-element complex64 arrays multiplied elementwise."""
    rng = np.random.default_rng(4)
    x, y = ((rng.uniform(-1, 1, 1_000_000) + 1j * rng.uniform(-1, 1, 1_000_000)).astype(np.complex64) for _ in range(2))
    if lib == "numpy":
        return lambda: x * y
    tx, ty = map(torch.from_numpy, (x, y))
    return lambda: tx * ty


def fft_of(lib, shape, transform, real=False):
    """numpy.fft's or torch.fft's `transform` of a random complex64 array (float32 if real) of `shape`."""
    rng = np.random.default_rng(4)
    x = rng.uniform(-1, 1, shape)
    x = (x if real else x + 1j * rng.uniform(-1, 1, shape)).astype(np.float32 if real else np.complex64)
    if lib == "numpy":
        f = getattr(np.fft, transform)
        return lambda: f(x)
    tx, f = torch.from_numpy(x), getattr(torch.fft, transform)
    return lambda: f(tx)


def row_scale(lib):
    """A million 3-vectors, each scaled by its own weight."""
    rng = np.random.default_rng(4)
    w = rng.uniform(-1, 1, 1_000_000).astype(np.float32)
    p = rng.uniform(-1, 1, (1_000_000, 3)).astype(np.float32)
    if lib == "numpy":
        return lambda: w[:, None] * p
    tw, tp = torch.from_numpy(w), torch.from_numpy(p)
    return lambda: tw[:, None] * tp


def transpose_add(lib):
    """x.T + y of two 1024 x 1024 float32 matrices."""
    rng = np.random.default_rng(5)
    x = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    y = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    if lib == "numpy":
        return lambda: x.T + y
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    return lambda: tx.t() + ty


def fori_update_rows(lib):
    """A 1024 x 1024 float32 matrix filled row by row (row i := i) from a Python loop, in place."""
    n = 1024
    if lib == "numpy":
        def run():
            m = np.zeros((n, n), np.float32)
            for i in range(n):
                m[i, :] = i
            return m
        return run

    def run_torch():
        m = torch.zeros((n, n), dtype=torch.float32)
        for i in range(n):
            m[i, :] = i
        return m
    return run_torch


def fori_add(lib):
    """a = a + 1 on eight float32 values, 10,000 times from a Python loop."""
    steps = 10_000
    start = np.zeros(8, np.float32) if lib == "numpy" else torch.zeros(8, dtype=torch.float32)

    def run():
        a = start
        for _ in range(steps):
            a = a + 1
        return a
    return run


def sin_of(lib, dtype):
    """np.sin or torch.sin of a million values in [-100, 100)."""
    x = np.random.default_rng(4).uniform(-100, 100, 1_000_000).astype(dtype)
    if lib == "numpy":
        return lambda: np.sin(x)
    tx = torch.from_numpy(x)
    return lambda: torch.sin(tx)


def softplus_of(lib):
    """softplus of a million float32 values in [-20, 20): NumPy's logaddexp(x, 0), PyTorch's softplus."""
    x = np.random.default_rng(6).uniform(-20, 20, 1_000_000).astype(np.float32)
    if lib == "numpy":
        zero = np.float32(0)
        return lambda: np.logaddexp(x, zero)
    tx = torch.from_numpy(x)
    return lambda: torch.nn.functional.softplus(tx)


def log_softmax_of(lib):
    """log_softmax along the last axis of [4096, 10] float32 logits in [-5, 5): NumPy written out (x - max - log of
    the sum of exp), PyTorch's log_softmax."""
    x = np.random.default_rng(8).uniform(-5, 5, (4096, 10)).astype(np.float32)
    if lib == "numpy":
        def run():
            shifted = x - x.max(axis=1, keepdims=True)
            return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return run
    tx = torch.from_numpy(x)
    return lambda: torch.log_softmax(tx, dim=1)


def conv_relu(lib):
    """relu(conv(x, w) + b): x [8, 64, 32, 32] NCHW, w [64, 64, 3, 3], SAME padding, stride 1. NumPy as its users
    write a convolution: the padded input's 3x3 windows (sliding_window_view) contracted with w by tensordot."""
    rng = np.random.default_rng(9)
    x = rng.uniform(-1, 1, (8, 64, 32, 32)).astype(np.float32)
    w = (rng.uniform(-1, 1, (64, 64, 3, 3)) / 24).astype(np.float32)
    b = rng.uniform(-0.1, 0.1, 64).astype(np.float32)
    if lib == "numpy":
        def run():
            windows = np.lib.stride_tricks.sliding_window_view(np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1))), (3, 3), axis=(2, 3))
            y = np.tensordot(windows, w, axes=([1, 4, 5], [1, 2, 3])) + b
            return np.maximum(y, 0).transpose(0, 3, 1, 2)
        return run
    tx, tw, tb = map(torch.from_numpy, (x, w, b))
    return lambda: torch.relu(torch.nn.functional.conv2d(tx, tw, tb, padding=1))


def cnn_torch():
    """A small CNN's SGD step on a batch of 64 28x28 images: conv 1->32 3x3 SAME, relu, 2x2 max pool, conv 32->64 3x3
    SAME, relu, 2x2 max pool, dense 3136->10, softmax cross-entropy; autograd, then the update in place."""
    torch.manual_seed(10)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(3136, 10))
    x = torch.randn(64, 1, 28, 28)
    labels = torch.randint(0, 10, (64,))
    return torch_sgd_step(model, x, labels)


def normal_of(lib):
    """A million float32 standard normals from each library's own generator (NumPy's ziggurat, PyTorch's randn)."""
    if lib == "numpy":
        rng = np.random.default_rng(7)
        return lambda: rng.standard_normal(1_000_000, dtype=np.float32)
    generator = torch.Generator().manual_seed(7)
    return lambda: torch.randn(1_000_000, generator=generator)


def float64_function(lib, name, x_range, y_range=None):
    """One float64 function of a million values uniform over the JaxNet row's ranges (JitFunctionWorkload)."""
    rng = np.random.default_rng(5)
    x = rng.uniform(*x_range, 1_000_000)
    y = rng.uniform(*y_range, 1_000_000) if y_range else None
    if lib == "numpy":
        f = {"tanh": np.tanh, "expm1": np.expm1, "exp2": np.exp2, "asinh": np.arcsinh, "atanh": np.arctanh, "acosh": np.arccosh, "cbrt": np.cbrt, "log1p": np.log1p, "pow": np.power, "atan2": np.arctan2}[name]
    else:
        f = {"tanh": torch.tanh, "expm1": torch.expm1, "exp2": torch.exp2, "asinh": torch.asinh, "atanh": torch.atanh, "acosh": torch.acosh, "log1p": torch.log1p, "erf": torch.erf,
             "erfinv": torch.erfinv, "lgamma": torch.lgamma, "digamma": torch.digamma, "pow": torch.pow,
             "atan2": torch.atan2}[name]
        x = torch.from_numpy(x)
        y = torch.from_numpy(y) if y is not None else None
    return (lambda: f(x)) if y is None else (lambda: f(x, y))


def float32_function(lib, name, x_range, y_range=None):
    """One float32 function of a million values uniform over the JaxNet row's ranges (JitFunctionWorkload)."""
    rng = np.random.default_rng(7)
    x = rng.uniform(*x_range, 1_000_000).astype(np.float32)
    y = rng.uniform(*y_range, 1_000_000).astype(np.float32) if y_range else None
    if lib == "numpy":
        f = {"tan": np.tan, "atan": np.arctan, "atan2": np.arctan2, "asin": np.arcsin,
             "exp2": np.exp2, "sinh": np.sinh, "cosh": np.cosh, "pow": np.power,
             "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh}[name]
    else:
        f = {"tan": torch.tan, "atan": torch.atan, "atan2": torch.atan2, "asin": torch.asin,
             "erf": torch.erf, "exp2": torch.exp2, "sinh": torch.sinh, "cosh": torch.cosh, "pow": torch.pow,
             "asinh": torch.asinh, "acosh": torch.acosh, "atanh": torch.atanh}[name]
        x = torch.from_numpy(x)
        y = torch.from_numpy(y) if y is not None else None
    return (lambda: f(x)) if y is None else (lambda: f(x, y))


def eager_add(lib):
    x = np.arange(8, dtype=np.float32)
    y = np.ones(8, dtype=np.float32)
    if lib == "numpy":
        return lambda: x + y
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    return lambda: tx + ty


def hessian_numpy():
    """Hessian of sum(tanh(W @ x)) in x, in closed form: W^T diag(-2 t (1 - t^2)) W with t = tanh(W x)."""
    rng = np.random.default_rng(4)
    w = (rng.standard_normal((64, 64)) / 8).astype(np.float32)
    x = rng.standard_normal(64).astype(np.float32)

    def hessian():
        t = np.tanh(w @ x)
        return w.T @ ((-2 * t * (1 - t * t))[:, None] * w)

    return hessian


def hessian_torch():
    torch.manual_seed(4)
    w = torch.randn(64, 64) / 8
    x = torch.randn(64)
    return lambda: torch.autograd.functional.hessian(lambda v: torch.tanh(w @ v).sum(), x, vectorize=True)


# key -> (unit, numpy factory, torch factory); the units and scales match bench/Workloads.
WORKLOADS = {
    "sgemm_1024": ("GFLOP/s", lambda: sgemm(1024, "numpy"), lambda: sgemm(1024, "torch")),
    "sgemm_2048": ("GFLOP/s", lambda: sgemm(2048, "numpy"), lambda: sgemm(2048, "torch")),
    "fused_sum_10m": ("ms", lambda: fused_sum("numpy"), lambda: fused_sum("torch")),
    "activation_10m": ("ms", lambda: activation("numpy"), lambda: activation("torch")),
    "dense_relu_128": ("us", lambda: dense_relu("numpy"), lambda: dense_relu("torch")),
    "mlp_train_step": ("ms", mlp_numpy, mlp_torch),
    # The peers free by reference counting either way: the same step, beside JaxNet's that leaves arrays to the GC.
    "mlp_train_step_gc": ("ms", mlp_numpy, mlp_torch),
    "grad_chain_126": ("us", grad_chain_numpy, grad_chain_torch),
    "eager_add_8": ("ns", lambda: eager_add("numpy"), lambda: eager_add("torch")),
    "hessian_tanh_64": ("ms", hessian_numpy, hessian_torch),
    "concatenate_2x2m": ("ms", lambda: concatenate("numpy"), lambda: concatenate("torch")),
    "concatenate_axis0_2x2m": ("ms", lambda: concatenate("numpy", 0), lambda: concatenate("torch", 0)),
    "concatenate_f64_2x2m": ("ms", lambda: concatenate("numpy", 1, np.float64), lambda: concatenate("torch", 1, np.float64)),
    "concatenate_u8_2x2m": ("ms", lambda: concatenate("numpy", 1, np.uint8), lambda: concatenate("torch", 1, np.uint8)),
    "stack_3x1m": ("ms", lambda: stack("numpy"), lambda: stack("torch")),
    "concatenate_transposed_2x2m": ("ms", lambda: concatenate_transposed("numpy"), lambda: concatenate_transposed("torch")),
    "stack_last_3x1m": ("ms", lambda: stack_last("numpy"), lambda: stack_last("torch")),
    "fori_update_rows_1024": ("ms", lambda: fori_update_rows("numpy"), lambda: fori_update_rows("torch")),
    "fori_add_10k": ("ms", lambda: fori_add("numpy"), lambda: fori_add("torch")),
    "pad_2m": ("ms", lambda: pad("numpy"), lambda: pad("torch")),
    "complex_mul_1m": ("ms", lambda: complex_mul("numpy"), lambda: complex_mul("torch")),
    "fft_64x1024": ("ms", lambda: fft_of("numpy", (64, 1024), "fft"), lambda: fft_of("torch", (64, 1024), "fft")),
    "fft2_256x256": ("ms", lambda: fft_of("numpy", (256, 256), "fft2"), lambda: fft_of("torch", (256, 256), "fft2")),
    "rfft_1m": ("ms", lambda: fft_of("numpy", 1 << 20, "rfft", True), lambda: fft_of("torch", 1 << 20, "rfft", True)),
    "fft_1m": ("ms", lambda: fft_of("numpy", 1 << 20, "fft"), lambda: fft_of("torch", 1 << 20, "fft")),
    "fft_prime_1000003": ("ms", lambda: fft_of("numpy", 1_000_003, "fft"), lambda: fft_of("torch", 1_000_003, "fft")),
    "row_scale_1m_x_3": ("ms", lambda: row_scale("numpy"), lambda: row_scale("torch")),
    "sin_f64_1m": ("ms", lambda: sin_of("numpy", np.float64), lambda: sin_of("torch", np.float64)),
    "sin_f32_1m": ("ms", lambda: sin_of("numpy", np.float32), lambda: sin_of("torch", np.float32)),
    "softplus_f32_1m": ("ms", lambda: softplus_of("numpy"), lambda: softplus_of("torch")),
    "log_softmax_4096x10": ("us", lambda: log_softmax_of("numpy"), lambda: log_softmax_of("torch")),
    "conv_relu_8x64x32x32": ("ms", lambda: conv_relu("numpy"), lambda: conv_relu("torch")),
    # NumPy has no autograd, and a CNN's backward pass by hand is not what its users write: PyTorch's only.
    "cnn_train_step": ("ms", None, cnn_torch),
    "normal_f32_1m": ("ms", lambda: normal_of("numpy"), lambda: normal_of("torch")),
    "tan_f32_1m": ("ms", lambda: float32_function("numpy", "tan", (-100, 100)), lambda: float32_function("torch", "tan", (-100, 100))),
    "atan_f32_1m": ("ms", lambda: float32_function("numpy", "atan", (-10, 10)), lambda: float32_function("torch", "atan", (-10, 10))),
    "atan2_f32_1m": ("ms", lambda: float32_function("numpy", "atan2", (-1, 1), (-1, 1)),
                     lambda: float32_function("torch", "atan2", (-1, 1), (-1, 1))),
    "asin_f32_1m": ("ms", lambda: float32_function("numpy", "asin", (-1, 1)), lambda: float32_function("torch", "asin", (-1, 1))),
    "transpose_add_1m": ("ms", lambda: transpose_add("numpy"), lambda: transpose_add("torch")),
    "tanh_f64_1m": ("ms", lambda: float64_function("numpy", "tanh", (-5, 5)), lambda: float64_function("torch", "tanh", (-5, 5))),
    "expm1_f64_1m": ("ms", lambda: float64_function("numpy", "expm1", (-5, 5)), lambda: float64_function("torch", "expm1", (-5, 5))),
    "exp2_f64_1m": ("ms", lambda: float64_function("numpy", "exp2", (-30, 30)), lambda: float64_function("torch", "exp2", (-30, 30))),
    "asinh_f64_1m": ("ms", lambda: float64_function("numpy", "asinh", (-1000, 1000)), lambda: float64_function("torch", "asinh", (-1000, 1000))),
    "atanh_f64_1m": ("ms", lambda: float64_function("numpy", "atanh", (-0.999, 0.999)), lambda: float64_function("torch", "atanh", (-0.999, 0.999))),
    "acosh_f64_1m": ("ms", lambda: float64_function("numpy", "acosh", (1, 1000)), lambda: float64_function("torch", "acosh", (1, 1000))),
    # PyTorch has no cbrt, NumPy no erfinv, lgamma or digamma (SciPy's are not installed here).
    "cbrt_f64_1m": ("ms", lambda: float64_function("numpy", "cbrt", (-1000, 1000)), None),
    "erfinv_f64_1m": ("ms", None, lambda: float64_function("torch", "erfinv", (-0.999, 0.999))),
    "lgamma_f64_1m": ("ms", None, lambda: float64_function("torch", "lgamma", (2.5, 100))),
    "digamma_f64_1m": ("ms", None, lambda: float64_function("torch", "digamma", (2.5, 100))),
    "log1p_f64_1m": ("ms", lambda: float64_function("numpy", "log1p", (0, 10)), lambda: float64_function("torch", "log1p", (0, 10))),
    # NumPy has no erf (SciPy's is not installed here): PyTorch's only.
    "erf_f64_1m": ("ms", None, lambda: float64_function("torch", "erf", (-4, 4))),
    "pow_f64_1m": ("ms", lambda: float64_function("numpy", "pow", (0.1, 10), (-4, 4)),
                   lambda: float64_function("torch", "pow", (0.1, 10), (-4, 4))),
    "atan2_f64_1m": ("ms", lambda: float64_function("numpy", "atan2", (-1, 1), (-1, 1)),
                     lambda: float64_function("torch", "atan2", (-1, 1), (-1, 1))),
    # NumPy has no erf: PyTorch's only.
    "erf_f32_1m": ("ms", None, lambda: float32_function("torch", "erf", (-4, 4))),
    "pow_f32_1m": ("ms", lambda: float32_function("numpy", "pow", (0.1, 10), (-4, 4)),
                   lambda: float32_function("torch", "pow", (0.1, 10), (-4, 4))),
    "exp2_f32_1m": ("ms", lambda: float32_function("numpy", "exp2", (-30, 30)), lambda: float32_function("torch", "exp2", (-30, 30))),
    "sinh_f32_1m": ("ms", lambda: float32_function("numpy", "sinh", (-10, 10)), lambda: float32_function("torch", "sinh", (-10, 10))),
    "cosh_f32_1m": ("ms", lambda: float32_function("numpy", "cosh", (-10, 10)), lambda: float32_function("torch", "cosh", (-10, 10))),
    "asinh_f32_1m": ("ms", lambda: float32_function("numpy", "asinh", (-1000, 1000)),
                     lambda: float32_function("torch", "asinh", (-1000, 1000))),
    "atanh_f32_1m": ("ms", lambda: float32_function("numpy", "atanh", (-0.999, 0.999)),
                     lambda: float32_function("torch", "atanh", (-0.999, 0.999))),
    "acosh_f32_1m": ("ms", lambda: float32_function("numpy", "acosh", (1, 1000)), lambda: float32_function("torch", "acosh", (1, 1000))),
}

SCALE = {"ms": 1e3, "us": 1e6, "ns": 1e9}


def to_unit(key, unit, seconds):
    if unit == "GFLOP/s":
        n = int(key.split("_")[1])
        return 2.0 * n ** 3 / seconds / 1e9
    return seconds * SCALE[unit]


def blas_info():
    try:
        import threadpoolctl
        return [{k: v for k, v in pool.items() if k in ("internal_api", "version", "architecture", "num_threads",
                                                          "threading_layer", "filepath")}
                for pool in threadpoolctl.threadpool_info()]
    except ImportError:
        import io
        import contextlib
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            np.show_config()
        return text.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter samples")
    parser.add_argument("--only", nargs="*", help="workload keys to run (default: all)")
    args = parser.parse_args()
    torch.set_num_threads(2)
    samples, min_sample = (5, 0.02) if args.quick else (15, 0.1)
    results = {"numpy": {}, "torch": {}}
    for key, (unit, numpy_factory, torch_factory) in WORKLOADS.items():
        if args.only and key not in args.only:
            continue
        for lib, factory in (("numpy", numpy_factory), ("torch", torch_factory)):
            if factory is None:
                continue
            best, median = time_per_call(factory(), min_sample, samples)
            # For a rate the fastest sample gives the largest figure.
            results[lib][key] = {"best": to_unit(key, unit, best), "median": to_unit(key, unit, median), "unit": unit}
            print(f"peers: {lib} {key} {results[lib][key]['best']:.4g} {unit}", file=sys.stderr)
    results["info"] = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "blas": blas_info(),
        "openblas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
        "samples": samples,
        "min_sample_seconds": min_sample,
    }
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
