#!/usr/bin/env bash
# Runs on the GPU machine (docs/cuda.md): the CUDA backend's conformance suite on the real GPU, the MNIST sample on
# it, and the GEMM, fused-sum and MLP-step timings beside JAX's (installed there) from the same run, with ratios.
# Needs .gpu/ from scripts/gpu/prepare.sh (carry [".gpu"]). Outputs land in $OUT.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p /tmp/dotnet /tmp/jaxnet && tar -C /tmp/dotnet -xzf .gpu/dotnet-runtime.tar.gz && tar -C /tmp/jaxnet -xzf .gpu/apps.tar.gz
export JAXNET_PLUGIN_PATH=/tmp/jaxnet/apps/plugins
apps=/tmp/jaxnet/apps
export DOTNET_ROOT=/tmp/dotnet PATH="/tmp/dotnet:$PATH"
out=${OUT:-/tmp}

nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
dotnet "$apps/cli/JaxNet.Cli.dll" backends | tee "$out/backends.txt"
dotnet "$apps/cli/JaxNet.Cli.dll" conformance --backend cuda --report "$out/cuda-conformance.json" | tail -n 40 | tee "$out/cuda-conformance.txt"
(cd "$apps/mnist" && JAXNET_PLATFORMS=cuda dotnet mnist.dll --epochs 2 --plot "$out/cuda-mnist.png") | tee "$out/cuda-mnist.txt"
(cd "$apps/bench" && dotnet JaxNet.Bench.dll --no-peers --no-roofline --backend cuda \
  --only sgemm_1024,sgemm_2048,fused_sum_10m,mlp_train_step --json "$out/cuda-bench.json") | tee "$out/cuda-bench.txt"
python3 bench/peers_jax.py > "$out/jax-bench.json" || echo '{}' > "$out/jax-bench.json"
python3 - "$out/cuda-bench.json" "$out/jax-bench.json" <<'PY' | tee "$out/cuda-vs-jax.txt"
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
for key in ("sgemm_1024", "sgemm_2048", "fused_sum_10m", "mlp_train_step"):
    a, b = mine.get(key), (jax.get(key) or {}).get("best")
    ratio = f"{b / a:.2f}x" if a and b else "n/a"
    fa = f"{a * 1e3:.3f}" if a else "n/a"
    fb = f"{b * 1e3:.3f}" if b else "n/a"
    print(f"{key:<18} {fa:>12} {fb:>10} {ratio:>20}")
PY
