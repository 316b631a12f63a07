#!/usr/bin/env bash
# Builds what the GPU machine needs (it has no .NET and no glslc) into .gpu/, which git ignores and the device tool
# carries: the .NET runtime (compressed, unpacked there), the jaxnet CLI, the bench runner and the MNIST sample with
# their backend plugins, and glslc with its libshaderc for the Vulkan backend. Two self-contained single-file apps would not fit
# the device tool's 64 MiB; one shared runtime does.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.gpu
rm -rf "$out" && mkdir -p "$out/bin" "$out/lib"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* | sort -V | tail -n 1)
tar -C "$dotnet_root" -czf "$out/dotnet-runtime.tar.gz" dotnet host "shared/Microsoft.NETCore.App/$(basename "$runtime")"

for app in tools/cli bench samples/mnist; do
  dotnet build "$app" -c Release --nologo -v quiet
done
cp -r tools/cli/bin/Release/net10.0 "$out/cli"
cp -r bench/bin/Release/net10.0 "$out/bench"
cp -r samples/mnist/bin/Release/net10.0 "$out/mnist"
# The plot library ships native code for every OS; the GPU machine needs Linux x64's only.
find "$out/mnist/runtimes" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
cp -r bench/roofline "$out/bench/" 2>/dev/null || true

cp "$(command -v glslc)" "$out/bin/"
cp /lib/x86_64-linux-gnu/libshaderc.so.1 "$out/lib/"
du -sh "$out"
