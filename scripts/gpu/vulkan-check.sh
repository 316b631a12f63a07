#!/usr/bin/env bash
# Runs on the GPU machine (docs/vulkan.md): the Vulkan conformance suite on the real GPU, then GEMM and fused-kernel
# timings, printing the figures and leaving them in $OUT. Needs .gpu/ from scripts/gpu/prepare.sh, and the Vulkan
# loader from .gl/ (fetched as the device tool's README says). Carry both: carry [".gpu", ".gl"].
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -d .gl ]; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
mkdir -p /tmp/dotnet /tmp/jaxnet && tar -C /tmp/dotnet -xzf .gpu/dotnet-runtime.tar.gz && tar -C /tmp/jaxnet -xzf .gpu/apps.tar.gz
export JAXNET_PLUGIN_PATH=/tmp/jaxnet/apps/plugins
apps=/tmp/jaxnet/apps
export DOTNET_ROOT=/tmp/dotnet PATH="/tmp/dotnet:$PWD/.gpu/bin:$PATH" LD_LIBRARY_PATH="$PWD/.gpu/lib:${LD_LIBRARY_PATH:-}"
out=${OUT:-/tmp}

nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
dotnet "$apps/cli/JaxNet.Cli.dll" backends | tee "$out/backends.txt"
JAXNET_VULKAN_REPLICAS=8 dotnet "$apps/cli/JaxNet.Cli.dll" conformance --backend vulkan --report "$out/vulkan-conformance.json" \
  | tail -n 60 | tee "$out/vulkan-conformance.txt"
(cd "$apps/bench" && dotnet JaxNet.Bench.dll --quick --no-peers --no-roofline --backend vulkan \
  --only sgemm_1024,sgemm_2048,fused_sum_10m,activation_10m --json "$out/vulkan-bench.json") | tee "$out/vulkan-bench.txt"
