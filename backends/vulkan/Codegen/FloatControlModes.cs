using System.Text;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// SPIR-V float-controls execution modes (SPV_KHR_float_controls, core in SPIR-V 1.4 and Vulkan 1.2): DenormPreserve
/// and SignedZeroInfNanPreserve for the widths the target allows. Without them a driver may flush subnormals to zero
/// (NVIDIA's does for float32 by default) and optimise as if no value were infinite or NaN; the kernel IR asks for
/// IEEE semantics.
/// <para>
/// The modes are added to the SPIR-V after glslc (<see cref="Patch"/>), not declared in GLSL: glslang 11's
/// GL_EXT_spirv_intrinsics keeps only the last <c>spirv_execution_mode</c> of each mode, so "DenormPreserve 32" and
/// "DenormPreserve 64" cannot both be declared. The GLSL carries them as a comment (<see cref="Append"/>), which
/// also keeps shaders for different targets apart in the SPIR-V cache.
/// </para>
/// </summary>
internal static class FloatControlModes
{
    // SPIR-V enumerants and opcodes (SPIR-V 1.6 unified specification).
    public const int DenormPreserveCapability = 4464;
    public const int SignedZeroInfNanPreserveCapability = 4466;
    public const int DenormPreserveMode = 4459;
    public const int SignedZeroInfNanPreserveMode = 4461;
    private const int OpExtension = 10;
    private const int OpEntryPoint = 15;
    private const int OpExecutionMode = 16;
    private const int OpCapability = 17;
    private const int OpExecutionModeId = 331;
    private const uint SpirvMagic = 0x07230203;
    private const uint SpirvVersion14 = 0x00010400;

    /// <summary>Appends the comment line naming the modes (nothing when none apply).</summary>
    public static void Append(StringBuilder s, ShaderTarget target)
    {
        if (target.DenormPreserve == FloatWidths.None && target.SignedZeroInfNanPreserve == FloatWidths.None) return;
        s.Append($"// float controls (added to the SPIR-V): DenormPreserve {Widths(target.DenormPreserve)}; ")
            .Append($"SignedZeroInfNanPreserve {Widths(target.SignedZeroInfNanPreserve)}\n");
    }

    /// <summary>
    /// <paramref name="spirv"/> with the capabilities and one OpExecutionMode per mode, width and entry point that
    /// <paramref name="target"/> asks for; unchanged when it asks for none.
    /// </summary>
    public static byte[] Patch(byte[] spirv, ShaderTarget target)
    {
        var modes = target.DenormPreserve.Bits().Select(b => (DenormPreserveMode, DenormPreserveCapability, b))
            .Concat(target.SignedZeroInfNanPreserve.Bits().Select(b => (SignedZeroInfNanPreserveMode, SignedZeroInfNanPreserveCapability, b)))
            .ToList();
        if (modes.Count == 0) return spirv;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(spirv).ToArray();
        if (words.Length < 5 || words[0] != SpirvMagic) throw new InvalidOperationException("not a SPIR-V module");

        var capabilities = new HashSet<uint>();
        var entryPoints = new List<uint>();
        int afterCapabilities = 5, afterModes = 5;
        for (var i = 5; i < words.Length;)
        {
            var count = (int)(words[i] >> 16);
            var opcode = (int)(words[i] & 0xFFFF);
            if (count == 0 || i + count > words.Length) throw new InvalidOperationException($"malformed SPIR-V instruction at word {i}");
            if (opcode == OpCapability)
            {
                capabilities.Add(words[i + 1]);
                afterCapabilities = i + count;
            }
            if (opcode == OpEntryPoint) entryPoints.Add(words[i + 2]);
            if (opcode is OpEntryPoint or OpExecutionMode or OpExecutionModeId) afterModes = i + count;
            i += count;
        }

        var newCapabilities = new List<uint>();
        foreach (var capability in modes.Select(m => (uint)m.Item2).Distinct().Where(c => !capabilities.Contains(c)))
            newCapabilities.AddRange([2u << 16 | OpCapability, capability]);
        // Before SPIR-V 1.4 the modes come from the extension.
        if (words[1] < SpirvVersion14) newCapabilities.AddRange(Extension("SPV_KHR_float_controls"));
        var newModes = new List<uint>();
        foreach (var entry in entryPoints)
            foreach (var (mode, _, bits) in modes) newModes.AddRange([4u << 16 | OpExecutionMode, entry, (uint)mode, (uint)bits]);

        var patched = new List<uint>(words.Length + newCapabilities.Count + newModes.Count);
        patched.AddRange(words[..afterCapabilities]);
        patched.AddRange(newCapabilities);
        patched.AddRange(words[afterCapabilities..afterModes]);
        patched.AddRange(newModes);
        patched.AddRange(words[afterModes..]);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(patched.ToArray().AsSpan()).ToArray();
    }

    private static IEnumerable<uint> Extension(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        var literal = new uint[bytes.Length / 4 + 1];
        Buffer.BlockCopy(bytes, 0, literal, 0, bytes.Length);
        return new[] { (uint)(literal.Length + 1) << 16 | OpExtension }.Concat(literal);
    }

    private static string Widths(FloatWidths widths) => widths == FloatWidths.None ? "none" : string.Join(" ", widths.Bits());
}
