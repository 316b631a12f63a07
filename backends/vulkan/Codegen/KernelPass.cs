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
    /// <summary>A pass of <paramref name="w"/>'s shader; <paramref name="push"/> sets the first push words
    /// (at most three: the fourth is the group count).</summary>
    public static ShaderPass From(ShaderWriter w, long groups, params uint[] push)
    {
        if (push.Length > 3) throw new ArgumentException($"a pass has three push-constant words, got {push.Length}", nameof(push));
        var words = new uint[4];
        push.CopyTo(words, 0);
        return new(w.Build(), w.Bindings, groups, words);
    }
}

/// <summary>A transfer of <see cref="Bytes"/> bytes between module buffers (vkCmdCopyBuffer).</summary>
internal sealed record CopyPass(int Source, long SourceOffset, int Destination, long DestinationOffset, long Bytes) : KernelPass;

/// <summary>
/// What a kernel generator needs besides the kernel: the device's shader features and a way to ask for scratch
/// buffers, which the executable allocates at launch like the module's temporaries, and for constant tables, which
/// the executable uploads to a device before its first launch there and keeps (Launch/ResidentConstants.cs).
/// </summary>
internal sealed class GenerationContext(ShaderTarget target, int firstScratchId)
{
    private readonly List<ScratchBuffer> scratch = [];

    public ShaderTarget Target { get; } = target;

    /// <summary>The scratch buffers asked for; their ids follow the module's buffers.</summary>
    public IReadOnlyList<ScratchBuffer> Scratch => scratch;

    public int NewScratch(long bytes) => Add(new ScratchBuffer(bytes, null));

    /// <summary>A buffer that holds <paramref name="contents"/> when the passes run (tables computed on the host).</summary>
    public int NewConstant(byte[] contents) => Add(new ScratchBuffer(contents.Length, contents));

    public ShaderWriter Writer(int localSize = 256) => new(Target, localSize);

    private int Add(ScratchBuffer buffer)
    {
        scratch.Add(buffer);
        return firstScratchId + scratch.Count - 1;
    }
}

/// <summary>A buffer a kernel's passes need beyond the module's: <see cref="Bytes"/> of scratch, or of
/// <see cref="Contents"/>, a table the passes only read.</summary>
internal sealed record ScratchBuffer(long Bytes, byte[]? Contents);
