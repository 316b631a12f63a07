#!/usr/bin/env bash
# Installs what JaxNet's build, tests and samples need on a fresh Debian 12 machine with the .NET 10 SDK, and
# restores NuGet packages. Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
# Debian packages the project uses: the Vulkan loader, Mesa's lavapipe (a Vulkan 1.3 driver on the CPU, so the
# Vulkan backend is tested without a GPU) and glslc, which compiles the Vulkan backend's GLSL to SPIR-V; Open MPI
# (mpirun and libmpi.so.40), which joins the processes of a distributed run.
for pkg in ca-certificates libvulkan1 mesa-vulkan-drivers glslc openmpi-bin; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  # Without these the project still builds and its tests pass: the Vulkan and multi-process tests skip, naming
  # what is missing.
  if [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } \
      || echo "setup: could not install ${need_apt[*]}; the Vulkan backend's and the multi-process tests will skip" >&2
  else
    echo "setup: please install: ${need_apt[*]} (needs root); until then the Vulkan backend's and the multi-process tests skip" >&2
  fi
fi

# ptxas, NVIDIA's PTX assembler, and nvdisasm, which lists the machine code it makes (CUDA 11.8, from Debian's
# non-free nvidia-cuda-toolkit): the cuda backend's emulated PTX check assembles every kernel with ptxas for
# sm_90, as a GPU's driver would, so that CI catches a kernel the driver would refuse, and the tests read each
# kernel's registers, local memory and instructions. Only those two binaries are taken, from the package file
# itself: the machine's apt sources and package lists stay as they were.
install_ptxas() {
  local work opts deb
  work=$(mktemp -d)
  mkdir -p "$work/parts" "$work/lists/partial" "$work/cache/archives/partial"
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    > "$work/parts/non-free.sources"
  opts=(-qq -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/parts" -o "Dir::State::Lists=$work/lists"
    -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
  (cd "$work" && apt-get "${opts[@]}" update && apt-get "${opts[@]}" download nvidia-cuda-toolkit) >/dev/null \
    && deb=$(ls "$work"/nvidia-cuda-toolkit_*.deb) \
    && dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/bin/ptxas ./usr/bin/nvdisasm \
    && install -m 755 "$work/usr/bin/ptxas" "$work/usr/bin/nvdisasm" /usr/local/bin/
  local status=$?
  rm -rf "$work"
  return $status
}
if ! command -v ptxas >/dev/null 2>&1 || ! command -v nvdisasm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] || ! install_ptxas; then
    echo "setup: could not install ptxas and nvdisasm; the cuda PTX check will not assemble kernels and its ptxas tests will skip" >&2
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
