#!/usr/bin/env bash
# Installs what JaxNet's build, tests and samples need on a fresh Debian 12 machine with the .NET 10 SDK, and
# restores NuGet packages. Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
# Debian packages the project uses: the Vulkan loader, Mesa's lavapipe (a Vulkan 1.3 driver on the CPU, so the
# Vulkan backend is tested without a GPU) and glslc, which compiles the Vulkan backend's GLSL to SPIR-V.
for pkg in ca-certificates libvulkan1 mesa-vulkan-drivers glslc; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  # Without these the project still builds and its tests pass: the Vulkan tests skip, naming what is missing.
  if [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } \
      || echo "setup: could not install ${need_apt[*]}; the Vulkan backend's tests will skip" >&2
  else
    echo "setup: please install: ${need_apt[*]} (needs root); until then the Vulkan backend's tests skip" >&2
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 is required (dotnet not found on PATH)" >&2
  exit 1
fi
major=$(dotnet --version | cut -d. -f1)
if [ "$major" -lt 10 ]; then
  echo "setup: the .NET SDK 10 or newer is required, found $(dotnet --version)" >&2
  exit 1
fi

cd "$(dirname "$0")/.."
dotnet restore Runtime.sln --verbosity quiet
echo "setup: ready"
