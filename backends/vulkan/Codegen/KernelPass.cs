namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>One step of a compiled kernel: a compute dispatch or a buffer copy. A kernel is a list of passes.</summary>
internal abstract record KernelPass;

/// <summary>
/// A dispatch of <see cref="Groups"/> workgroups of a generated shader; binding i is module buffer
/// <see cref="Bindings"/>[i]. <see cref="Push"/> holds the four push-constant words (pass parameters of
/// multi-pass kernels such as the bitonic sort).
/// </summary>
internal sealed record ShaderPass(string Glsl, IReadOnlyList<int> Bindings, long Groups, uint[] Push) : KernelPass
{
    public static ShaderPass From(ShaderWriter w, long groups, params uint[] push) =>
        new(w.Build(), w.Bindings, groups, push.Length == 0 ? [0, 0, 0, 0] : push);
}

/// <summary>A transfer of <see cref="Bytes"/> bytes between module buffers (vkCmdCopyBuffer).</summary>
internal sealed record CopyPass(int Source, long SourceOffset, int Destination, long DestinationOffset, long Bytes) : KernelPass;

/// <summary>
/// What a kernel generator needs besides the kernel: the device's shader features and a way to ask for scratch
/// buffers, which the executable allocates at launch like the module's temporaries.
/// </summary>
internal sealed class GenerationContext(ShaderTarget target, int firstScratchId)
{
    private readonly List<long> scratch = [];

    public ShaderTarget Target { get; } = target;

    /// <summary>Sizes of the scratch buffers asked for; their ids follow the module's buffers.</summary>
    public IReadOnlyList<long> Scratch => scratch;

    public int NewScratch(long bytes)
    {
        scratch.Add(bytes);
        return firstScratchId + scratch.Count - 1;
    }

    public ShaderWriter Writer(int localSize = 256) => new(Target, localSize);
}
