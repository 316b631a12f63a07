"""Prints the CUDA bench rows beside JAX's (bench/peers_jax.py) as ratios: compare_jax.py CUDA_BENCH.json JAX.json."""
import json, sys
ours, jax = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))

def seconds(row):
    best = (row.get("jaxnet") or {}).get("best")
    if best is None:
        return None
    if row["unit"] == "GFLOP/s":
        n = int(row["key"].split("_")[1])
        return 2.0 * n ** 3 / (best * 1e9)
    return best / {"ms": 1e3, "us": 1e6, "ns": 1e9}[row["unit"]]

# Prefer the row a user would write (jit) over the hand-built kernel row where both exist.
mine = {}
for row in ours.get("rows", []):
    if row["key"] not in mine or "jit" in (row.get("jaxnet") or {}).get("implementation", ""):
        mine[row["key"]] = seconds(row)
print(f"JAX {jax.get('jax', '?')} on {jax.get('device', '?')}")
print(f"{'workload':<18} {'JaxNet (ms)':>12} {'JAX (ms)':>10} {'JaxNet speed / JAX':>20}")
for key in ("sgemm_1024", "sgemm_2048", "fused_sum_10m", "activation_10m", "dense_relu_128", "mlp_train_step",
            "eager_add_8"):
    a, b = mine.get(key), (jax.get(key) or {}).get("best")
    ratio = f"{b / a:.2f}x" if a and b else "n/a"
    fa = f"{a * 1e3:.3f}" if a else "n/a"
    fb = f"{b * 1e3:.3f}" if b else "n/a"
    print(f"{key:<18} {fa:>12} {fb:>10} {ratio:>20}")
