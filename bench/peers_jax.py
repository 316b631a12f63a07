"""JAX's figures for the bench's GPU rows, for scripts/gpu/device-check.sh on the GPU machine (which has JAX).

Prints one JSON object {key: {"best": seconds, "median": seconds}} for the workloads the CUDA comparison uses:
sgemm_1024, sgemm_2048, fused_sum_10m, dense_relu_128, mlp_train_step, eager_add_8. Same definitions as
bench/peers.py, on JAX's default device, each call jitted (eager_add_8 is not: it is an eager op's latency) and
waited for with block_until_ready.
"""
import json
import statistics
import sys
import time

import jax
import jax.numpy as jnp


def timed(fn, samples=15, minimum=0.05):
    fn()
    fn()
    times = []
    for _ in range(samples):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= minimum:
                break
        times.append(elapsed / calls)
    return {"best": min(times), "median": statistics.median(times)}


def main():
    key = jax.random.PRNGKey(0)
    results = {"device": str(jax.devices()[0]), "jax": jax.__version__}
    for n in (1024, 2048):
        a = jax.random.normal(key, (n, n), jnp.float32)
        b = jax.random.normal(jax.random.fold_in(key, 1), (n, n), jnp.float32)
        mm = jax.jit(lambda x, y: x @ y)
        results[f"sgemm_{n}"] = timed(lambda: mm(a, b).block_until_ready())
    x, y, z = (jax.random.uniform(jax.random.fold_in(key, i), (10_000_000,)) for i in range(3))
    fused = jax.jit(lambda u, v, w: jnp.sum(u + v * w))
    results["fused_sum_10m"] = timed(lambda: fused(x, y, z).block_until_ready())
    # tanh(x) * sigmoid(y) + exp(-z) over the same 10M floats (bench/Workloads/JitActivationWorkload.cs): three
    # float32 transcendentals per element in one fused kernel.
    activation = jax.jit(lambda u, v, w: jnp.tanh(u) * jax.nn.sigmoid(v) + jnp.exp(-w))
    results["activation_10m"] = timed(lambda: activation(x, y, z).block_until_ready())
    # relu(x @ W + b) at 128x784x512 (bench/Workloads/JitDenseWorkload.cs), jitted.
    xd = jax.random.normal(jax.random.fold_in(key, 3), (128, 784))
    wd = jax.random.normal(jax.random.fold_in(key, 4), (784, 512)) * 0.05
    bd = jax.random.normal(jax.random.fold_in(key, 5), (512,))
    dense = jax.jit(lambda u, v, w: jax.nn.relu(u @ v + w))
    results["dense_relu_128"] = timed(lambda: dense(xd, wd, bd).block_until_ready())
    # Eager x + y on 8 floats: one dispatch and its wait, no jit (the latency floor of an op).
    a8, b8 = jnp.arange(8.0), jnp.ones(8)
    results["eager_add_8"] = timed(lambda: (a8 + b8).block_until_ready())

    sizes = [784, 512, 512, 10]
    keys = jax.random.split(key, 4)
    params = [(jax.random.normal(k, (i, o)) * jnp.sqrt(2.0 / i), jnp.zeros(o)) for k, i, o in zip(keys, sizes, sizes[1:])]
    xs = jax.random.normal(keys[3], (128, 784))
    labels = jnp.arange(128) % 10

    def loss(p, x, y):
        h = x
        for w, b in p[:-1]:
            h = jax.nn.relu(h @ w + b)
        logits = h @ p[-1][0] + p[-1][1]
        return -jnp.mean(jnp.sum(jax.nn.log_softmax(logits) * jax.nn.one_hot(y, 10), axis=1))

    @jax.jit
    def step(p, x, y):
        g = jax.grad(loss)(p, x, y)
        return jax.tree_util.tree_map(lambda a, d: a - 0.01 * d, p, g)

    results["mlp_train_step"] = timed(lambda: jax.block_until_ready(step(params, xs, labels)))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
