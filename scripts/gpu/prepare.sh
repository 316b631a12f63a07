#!/usr/bin/env bash
# Builds what the GPU machine needs (it has no .NET and no glslc) into .gpu/, which git ignores and the device tool
# carries (64 MiB at most): the .NET runtime and the apps (the jaxnet CLI, the bench runner and the MNIST sample,
# sharing one plugins/ folder), each compressed and unpacked there, and glslc with its libshaderc for the Vulkan
# backend. scripts/gpu/device-check.sh unpacks them under /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.gpu
rm -rf "$out" && mkdir -p "$out/bin" "$out/lib" "$out/apps"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* | sort -V | tail -n 1)
tar -C "$dotnet_root" -czf "$out/dotnet-runtime.tar.gz" dotnet host "shared/Microsoft.NETCore.App/$(basename "$runtime")"

for app in tools/cli:cli bench:bench samples/mnist:mnist; do
  dotnet build "${app%%:*}" -c Release --nologo -v quiet
  cp -r "${app%%:*}/bin/Release/net10.0" "$out/apps/${app##*:}"
done
# One plugins/ folder for all three apps (found through JAXNET_PLUGIN_PATH), and Linux x64's native code only.
mv "$out/apps/cli/plugins" "$out/apps/plugins"
rm -rf "$out/apps/bench/plugins" "$out/apps/mnist/plugins"
find "$out/apps/mnist/runtimes" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
cp -r bench/roofline "$out/apps/bench/"
tar -C "$out" -czf "$out/apps.tar.gz" apps && rm -rf "$out/apps"

cp "$(command -v glslc)" "$out/bin/"
cp /lib/x86_64-linux-gnu/libshaderc.so.1 "$out/lib/"
du -sh "$out"
