using System.Text.Json;
using System.Text.Json.Serialization;

namespace JaxNet.Backends.TpuSim.Machine;

/// <summary>The matrix units: <see cref="Count"/> systolic arrays of <see cref="Rows"/> x <see cref="Cols"/> MACs.</summary>
public sealed record MxuConfig
{
    public int Count { get; init; } = 4;

    public int Rows { get; init; } = 128;

    public int Cols { get; init; } = 128;

    [JsonConverter(typeof(JsonStringEnumConverter))]
    public Dataflow Dataflow { get; init; } = Dataflow.WeightStationary;

    /// <summary>Whether the next tile of the stationary operand loads into shadow registers while the current one computes.</summary>
    public bool DoubleBufferedWeights { get; init; } = true;

    /// <summary>The MAC's input type, for people: "bf16" (v2 and later) or "int8" (v1). Numerics are always bf16 x bf16 -> fp32.</summary>
    public string InputType { get; init; } = "bf16";

    /// <summary>The accumulator type, for people.</summary>
    public string AccumulatorType { get; init; } = "fp32";
}

/// <summary>The vector unit: lanes x sublanes elements per vector register, and the cycles of one op on one register.</summary>
public sealed record VectorUnitConfig
{
    public int Lanes { get; init; } = 128;

    public int Sublanes { get; init; } = 8;

    /// <summary>Add, multiply, compare, select, convert, bitwise, min/max: one issue per vector register.</summary>
    public double SimpleOpCycles { get; init; } = 1;

    /// <summary>Divide, remainder, square root and reciprocal square root.</summary>
    public double DivideOpCycles { get; init; } = 4;

    /// <summary>exp, log, trigonometric and hyperbolic functions, erf, pow, lgamma ...: the transcendental unit.</summary>
    public double TranscendentalOpCycles { get; init; } = 8;

    /// <summary>A load or store of one vector register between vector registers and vector memory.</summary>
    public double LoadStoreCycles { get; init; } = 1;

    /// <summary>One step of a cross-lane reduction (a log2(lanes) tree of them per register).</summary>
    public double CrossLaneStepCycles { get; init; } = 1;

    /// <summary>The transpose/permute unit: cycles per vector register of a non-contiguous copy.</summary>
    public double TransposeCyclesPerVreg { get; init; } = 2;

    /// <summary>Gather and scatter: cycles per vector register of indexed elements.</summary>
    public double IndexedCyclesPerVreg { get; init; } = 8;

    /// <summary>Sort: cycles per vector register per compare-exchange stage of the bitonic network, per operand.</summary>
    public double SortStageCyclesPerVreg { get; init; } = 2;

    [JsonIgnore]
    public int ElementsPerVreg => Lanes * Sublanes;
}

/// <summary>On-chip vector memory and HBM.</summary>
public sealed record MemoryConfig
{
    /// <summary>Capacity of on-chip vector memory: working sets above it spill and are re-read from HBM.</summary>
    public long VmemBytes { get; init; } = 16L << 20;

    public long HbmBytes { get; init; } = 16L << 30;

    /// <summary>HBM bandwidth in bytes per core clock cycle.</summary>
    public double HbmBytesPerCycle { get; init; } = 571;

    /// <summary>Latency of the first HBM access of a kernel, in cycles.</summary>
    public int HbmLatencyCycles { get; init; } = 500;
}

/// <summary>A simulated TPU core: its clock, matrix units, vector unit and memories.</summary>
public sealed record TpuMachine
{
    public string Name { get; init; } = "v4";

    public double ClockMHz { get; init; } = 1050;

    public MxuConfig Mxu { get; init; } = new();

    public VectorUnitConfig Vector { get; init; } = new();

    public MemoryConfig Memory { get; init; } = new();

    public InterconnectConfig Interconnect { get; init; } = new();

    [JsonIgnore]
    public string Summary =>
        $"{Name}: {Mxu.Count} MXU x {Mxu.Rows}x{Mxu.Cols} {Mxu.Dataflow.ShortName()} {Mxu.InputType}->{Mxu.AccumulatorType}, " +
        $"vector unit {Vector.Sublanes}x{Vector.Lanes}, {ClockMHz} MHz, VMEM {Memory.VmemBytes >> 20} MiB, " +
        $"HBM {Memory.HbmBytes >> 20} MiB at {Memory.HbmBytesPerCycle} B/cycle";

    /// <summary>TPU v4, one TensorCore: 4 MXUs of 128x128 bf16 MACs with fp32 accumulation at 1050 MHz; half of the
    /// chip's 32 GiB HBM2 and 1200 GB/s (Google Cloud TPU v4 system architecture).</summary>
    public static TpuMachine V4 { get; } = new();

    /// <summary>TPU v1 (Jouppi et al., ISCA 2017): one 256x256 array of 8-bit MACs at 700 MHz, a 24 MiB unified
    /// buffer, 8 GiB of DDR3 at 34 GB/s, a weight FIFO that double-buffers the weight tiles.</summary>
    public static TpuMachine V1 { get; } = new()
    {
        Name = "v1",
        ClockMHz = 700,
        Mxu = new MxuConfig { Count = 1, Rows = 256, Cols = 256, InputType = "int8", AccumulatorType = "int32" },
        Vector = new VectorUnitConfig { Lanes = 256, Sublanes = 1 },
        Memory = new MemoryConfig { VmemBytes = 24L << 20, HbmBytes = 8L << 30, HbmBytesPerCycle = 48.6, HbmLatencyCycles = 200 },
        // v1 cards had no chip-to-chip links: the ring runs over PCIe Gen3 x16 (about 16 GB/s each way).
        Interconnect = new InterconnectConfig { LinkBytesPerCycle = 22.8, HopLatencyCycles = 1400 },
    };

    public static TpuMachine Preset(string name) => name.Trim().ToLowerInvariant() switch
    {
        "v4" => V4,
        "v1" => V1,
        _ => throw new ArgumentException($"unknown tpu-sim preset '{name}' (v4 or v1)"),
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>
    /// Reads a machine from JSON. An optional "preset" property names the starting point; the other properties
    /// (camel or Pascal case) override it, section by section.
    /// </summary>
    public static TpuMachine FromJson(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var basis = root.TryGetProperty("preset", out var preset) ? Preset(preset.GetString() ?? "v4") : V4;
        var merged = JsonSerializer.SerializeToNode(basis, JsonOptions)!.AsObject();
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("preset")) continue;
            var key = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase)) ?? property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object && merged[key] is System.Text.Json.Nodes.JsonObject section)
            {
                foreach (var inner in property.Value.EnumerateObject())
                {
                    var innerKey = section.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, inner.Name, StringComparison.OrdinalIgnoreCase)) ?? inner.Name;
                    section[innerKey] = System.Text.Json.Nodes.JsonNode.Parse(inner.Value.GetRawText());
                }
            }
            else
            {
                merged[key] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
            }
        }
        var machine = merged.Deserialize<TpuMachine>(JsonOptions) ?? throw new FormatException("empty tpu-sim machine description");
        machine.Validate();
        return machine;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws <see cref="FormatException"/> for sizes that cannot describe a machine.</summary>
    public void Validate()
    {
        if (Mxu.Count < 1 || Mxu.Rows < 1 || Mxu.Cols < 1) throw new FormatException("MXU count, rows and cols must be positive");
        if (Vector.Lanes < 1 || Vector.Sublanes < 1) throw new FormatException("vector lanes and sublanes must be positive");
        if (Memory.HbmBytesPerCycle <= 0 || ClockMHz <= 0) throw new FormatException("HBM bandwidth and clock must be positive");
        if (Interconnect.LinkBytesPerCycle <= 0 || Interconnect.HopLatencyCycles < 0)
            throw new FormatException("interconnect link bandwidth must be positive and hop latency not negative");
        if (Interconnect.Torus.Any(extent => extent < 1)) throw new FormatException("interconnect torus extents must be positive");
    }
}
