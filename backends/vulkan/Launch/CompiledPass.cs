using JaxNet.Backends.Vulkan.Codegen;

namespace JaxNet.Backends.Vulkan.Launch;

/// <summary>A pass ready to record: a shader pass with its SPIR-V and cache key, or a buffer copy.</summary>
internal abstract record CompiledPass;

internal sealed record CompiledShader(ShaderPass Pass, string Key, byte[] Spirv) : CompiledPass;

internal sealed record CompiledCopy(CopyPass Pass) : CompiledPass;
