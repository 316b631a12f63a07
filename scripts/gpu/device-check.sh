#!/usr/bin/env bash
# One device-tool call for both GPU backends (docs/cuda.md, docs/vulkan.md), sized to the device time a session gets:
# the Vulkan conformance suite runs in the background (correctness only) while the CUDA one runs; then, with the GPU
# to itself, the MNIST sample on CUDA, the CUDA bench rows and JAX's figures for the same workloads, with ratios.
# Every stage has its own time limit, so a hang costs that stage only. Needs .gpu/ (scripts/gpu/prepare.sh) and .gl/
# (the Vulkan loader, as the device tool's README says): carry [".gpu", ".gl"]. Writes at most 8 files to $OUT.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-/tmp/device-check} && mkdir -p "$out"
stage() { echo "== $1 at +$(($(date +%s) - t0)) s"; }
t0=$(date +%s)

if [ -d .gl ]; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
mkdir -p /tmp/dotnet /tmp/jaxnet && tar -C /tmp/dotnet -xzf .gpu/dotnet-runtime.tar.gz && tar -C /tmp/jaxnet -xzf .gpu/apps.tar.gz
apps=/tmp/jaxnet/apps
export JAXNET_PLUGIN_PATH=$apps/plugins DOTNET_ROOT=/tmp/dotnet PATH="/tmp/dotnet:$PWD/.gpu/bin:$PATH"
export LD_LIBRARY_PATH="$PWD/.gpu/lib:${LD_LIBRARY_PATH:-}"
# cuBLAS and NCCL may sit in the toolkit's or a Python wheel's folder, off the loader's path.
for lib in libcublas.so.13 libcublas.so.12 libnccl.so.2; do
  found=$(find /usr/local/cuda* /opt /usr/lib -name "$lib" 2>/dev/null | head -n 1)
  [ -n "$found" ] && export LD_LIBRARY_PATH="$(dirname "$found"):$LD_LIBRARY_PATH"
done

{
  stage environment
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
  echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
  ldconfig -p | grep -E 'libcuda\.so|libcublas|libnccl|libvulkan' | head
  python3 -c 'import jax; print("jax", jax.__version__, jax.devices())' 2>&1 | tail -n 1
  timeout 60 dotnet "$apps/cli/JaxNet.Cli.dll" backends
} > "$out/env.txt" 2>&1

(JAXNET_VULKAN_REPLICAS=8 timeout 200 dotnet "$apps/cli/JaxNet.Cli.dll" conformance --backend vulkan \
  --report "$out/vulkan-conformance.json" > "$out/vulkan.txt" 2>&1; echo "exit $? at +$(($(date +%s) - t0)) s" >> "$out/vulkan.txt") &
vulkan=$!

# Kernels the driver refuses leave their PTX in the dump folder; ptxas (CUDA toolkit) says why.
export JAXNET_CUDA_PTX_DUMP=/tmp/ptx-dump
{ stage "cuda conformance"; timeout 200 dotnet "$apps/cli/JaxNet.Cli.dll" conformance --backend cuda --report "$out/cuda-conformance.json"
  echo "exit $?"; stage done
  ptxas=$(command -v ptxas || ls /usr/local/cuda/bin/ptxas 2>/dev/null)
  for ptx in /tmp/ptx-dump/*.ptx; do
    [ -f "$ptx" ] && [ -n "$ptxas" ] || continue
    echo "ptxas $(basename "$ptx"):"; "$ptxas" -arch=sm_90 "$ptx" -o /dev/null 2>&1 | head -n 5
  done; } > "$out/cuda-conformance.txt" 2>&1
wait "$vulkan"

{
  stage "mnist on cuda"
  (cd "$apps/mnist" && JAXNET_PLATFORMS=cuda timeout 75 dotnet mnist.dll --epochs 2 --plot /tmp/cuda-mnist.png; echo "exit $?")
  stage "bench on cuda"
  (cd "$apps/bench" && timeout 110 dotnet JaxNet.Bench.dll --no-peers --no-roofline --backend cuda \
    --only sgemm_1024,sgemm_2048,fused_sum_10m,activation_10m,dense_relu_128,mlp_train_step,eager_add_8 --json "$out/cuda-bench.json"; echo "exit $?")
  stage "bench on vulkan"
  (cd "$apps/bench" && timeout 60 dotnet JaxNet.Bench.dll --quick --no-peers --no-roofline --backend vulkan \
    --only sgemm_1024,sgemm_2048,fused_sum_10m; echo "exit $?")
  stage "jax"
  timeout 75 python3 bench/peers_jax.py > "$out/jax-bench.json" || echo '{}' > "$out/jax-bench.json"
  stage ratios
  python3 scripts/gpu/compare_jax.py "$out/cuda-bench.json" "$out/jax-bench.json"
  stage "mlp step profile on cuda"
  # Each kernel timed alone (launch + run + one synchronisation): where the step's time goes, for the next change.
  (cd "$apps/bench" && JAXNET_CUDA_PROFILE=1 timeout 45 dotnet JaxNet.Bench.dll --quick --no-peers --no-roofline --backend cuda \
    --only mlp_train_step --describe | grep -E '^-- |cuda profile|^;   '; echo "exit $?")
  stage done
} > "$out/cuda-run.txt" 2>&1
cat "$out/env.txt" "$out/cuda-conformance.txt" | tail -n 60
tail -n 30 "$out/vulkan.txt"
cat "$out/cuda-run.txt"
