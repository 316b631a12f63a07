using System.Text;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Assembles one GLSL 450 compute shader: extensions, storage-buffer bindings (one per module buffer and
/// element type, in first-use order), helper functions (each emitted once, on first use), shared declarations
/// and the body of main. <see cref="Bindings"/> lists the buffer each binding reads or writes.
/// </summary>
internal sealed class ShaderWriter(ShaderTarget target, int localSize = 256)
{
    private readonly SortedSet<string> extensions = new(StringComparer.Ordinal);
    private readonly List<(int Buffer, string StorageType, bool Written)> bindings = [];
    private readonly Dictionary<string, string> helpers = new(StringComparer.Ordinal);
    private readonly List<string> helperOrder = [];
    private readonly StringBuilder globals = new();
    private readonly StringBuilder body = new();
    private int indent = 1;
    private int nextName;

    public ShaderTarget Target { get; } = target;

    public int LocalSize { get; } = localSize;

    /// <summary>The module buffer behind each binding, by binding number.</summary>
    public IReadOnlyList<int> Bindings => bindings.Select(b => b.Buffer).ToArray();

    public void Extension(string name) => extensions.Add(name);

    /// <summary>A fresh GLSL identifier with the given prefix.</summary>
    public string Fresh(string prefix) => $"{prefix}{nextName++}";

    /// <summary>
    /// The array expression (<c>bN.d</c>) through which the shader accesses <paramref name="buffer"/> as
    /// elements of <paramref name="storageType"/>; bindings are shared by reads and writes of one type.
    /// </summary>
    public string Buffer(int buffer, string storageType, bool write)
    {
        Require(storageType);
        for (var i = 0; i < bindings.Count; i++)
        {
            if (bindings[i].Buffer != buffer || bindings[i].StorageType != storageType) continue;
            if (write && !bindings[i].Written) bindings[i] = (buffer, storageType, true);
            return $"b{i}.d";
        }
        bindings.Add((buffer, storageType, write));
        return $"b{bindings.Count - 1}.d";
    }

    /// <summary>Reads <paramref name="buffer"/> as <paramref name="dtype"/>: the array expression.</summary>
    public string Input(int buffer, DType dtype) => Buffer(buffer, GlslTypes.Storage(dtype), false);

    public string Output(int buffer, DType dtype) => Buffer(buffer, GlslTypes.Storage(dtype), true);

    /// <summary>Marks that the shader uses registers of <paramref name="dtype"/> (enables its extensions).</summary>
    public void Uses(DType dtype) => Require(GlslTypes.Reg(dtype));

    private void Require(string glslType)
    {
        switch (glslType)
        {
            case "uint8_t" or "int8_t":
                Extension("GL_EXT_shader_8bit_storage");
                break;
            case "uint16_t" or "int16_t":
                Extension("GL_EXT_shader_16bit_storage");
                break;
            case "int64_t" or "uint64_t":
                Extension("GL_EXT_shader_explicit_arithmetic_types_int64");
                break;
        }
    }

    /// <summary>Adds a helper function once; returns its name.</summary>
    public string Helper(string name, Func<string> source)
    {
        if (!helpers.ContainsKey(name))
        {
            helpers[name] = "";
            var text = source();
            helpers[name] = text;
            helperOrder.Add(name);
        }
        return name;
    }

    public void Global(string line) => globals.Append(line).Append('\n');

    public void Line(string line) => body.Append(' ', indent * 4).Append(line).Append('\n');

    public void Open(string header)
    {
        Line(header + " {");
        indent++;
    }

    public void Close(string trailer = "")
    {
        indent--;
        Line("}" + trailer);
    }

    /// <summary>Declares a local of <paramref name="type"/> initialised to <paramref name="expr"/>; returns its name.</summary>
    public string Let(string type, string expr, string prefix = "t")
    {
        var name = Fresh(prefix);
        Line($"{type} {name} = {expr};");
        return name;
    }

    public string Build()
    {
        var s = new StringBuilder();
        s.Append("#version 450\n");
        foreach (var e in extensions) s.Append("#extension ").Append(e).Append(" : require\n");
        FloatControlModes.Append(s, Target);
        s.Append($"layout(local_size_x = {LocalSize}) in;\n");
        for (var i = 0; i < bindings.Count; i++)
        {
            var (_, type, written) = bindings[i];
            s.Append($"layout(std430, set = 0, binding = {i}) {(written ? "" : "readonly ")}buffer B{i} {{ {type} d[]; }} b{i};\n");
        }
        s.Append("layout(push_constant) uniform Push { uint p0; uint p1; uint p2; uint p3; } push;\n");
        s.Append(globals);
        // A helper's callees are registered while its text is built, so they precede it in helperOrder.
        foreach (var name in helperOrder) s.Append(helpers[name]).Append('\n');
        s.Append("uint jx_group() { return gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x; }\n");
        // push.p3 is the number of workgroups the pass asked for; a dispatch split over two dimensions may round up.
        s.Append("void main() {\n    if (jx_group() >= push.p3) return;\n").Append(body).Append("}\n");
        return s.ToString();
    }
}

/// <summary>What the device offers that shader generation depends on.</summary>
/// <param name="DenormPreserve">
/// Widths every shader declares the DenormPreserve execution mode for (the device keeps subnormal operands and
/// results). Where float32 is missing the driver may flush, and programs read float32 and bfloat16 subnormals as
/// zero of the same sign (<see cref="FlushesFloat32Subnormals"/>) so every op sees the value the hardware would.
/// </param>
/// <param name="SignedZeroInfNanPreserve">
/// Widths every shader declares SignedZeroInfNanPreserve for, so the driver may not assume finite values or
/// ignore the sign of zero.
/// </param>
internal sealed record ShaderTarget(bool SubgroupArithmetic, uint SubgroupSize, bool Int64Atomics, uint SharedMemoryBytes,
    FloatWidths DenormPreserve = FloatWidths.None, FloatWidths SignedZeroInfNanPreserve = FloatWidths.None)
{
    public static ShaderTarget Minimal { get; } = new(false, 1, false, 16384);

    /// <summary>True when the driver may flush float32 subnormals (no DenormPreserve for 32 bits).</summary>
    public bool FlushesFloat32Subnormals => (DenormPreserve & FloatWidths.Float32) == 0;
}
