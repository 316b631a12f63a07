using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;
using JaxNet.Conformance.Reference;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// One data-driven case: a kernel module (or a collective) with deterministic inputs, the expected outputs from
/// the reference evaluator, and a tolerance. Inputs and expectations are computed on first use and cached, so a
/// catalogue of cases is cheap to enumerate.
/// </summary>
public sealed class ConformanceCase
{
    private readonly Lazy<IReadOnlyList<HostTensor>> inputs;
    private readonly Lazy<IReadOnlyList<HostTensor>> expected;
    private readonly Lazy<IReadOnlyList<HostTensor>> expectedFlushingSubnormals;

    private ConformanceCase(string id, string family, DType dtype, KernelModule? module, CollectiveSpec? collective,
        IReadOnlyList<TensorSpec> resultSpecs, Func<DataGenerator, IReadOnlyList<HostTensor>> makeInputs,
        Tolerance tolerance)
    {
        Id = id;
        Family = family;
        DType = dtype;
        Module = module;
        Collective = collective;
        ResultSpecs = resultSpecs;
        Tolerance = tolerance;
        inputs = new Lazy<IReadOnlyList<HostTensor>>(() => makeInputs(new DataGenerator(DataGenerator.SeedOf(id))));
        expected = new Lazy<IReadOnlyList<HostTensor>>(() => ComputeExpected(SubnormalMode.Preserve));
        expectedFlushingSubnormals = new Lazy<IReadOnlyList<HostTensor>>(() => ComputeExpected(SubnormalMode.FlushFloat32));
    }

    /// <summary>Unique, path-like: "elementwise/add/f32/broadcast-size1".</summary>
    public string Id { get; }

    /// <summary>The kernel kind in lower case ("elementwise", "contraction", ...) or "collective".</summary>
    public string Family { get; }

    /// <summary>The kernel kind, or null for a collective case.</summary>
    public KernelKind? KernelKind => Module?.Kernels[0].Kind;

    /// <summary>The dtype the case is about (the one reports group it under).</summary>
    public DType DType { get; }

    public KernelModule? Module { get; }

    public CollectiveSpec? Collective { get; }

    /// <summary>The dtypes and shapes of the outputs: the module's results, or one per group member.</summary>
    public IReadOnlyList<TensorSpec> ResultSpecs { get; }

    /// <summary>The tolerance the catalogue chose; a <see cref="ToleranceProfile"/> may loosen it per backend.</summary>
    public Tolerance Tolerance { get; }

    /// <summary>Terms summed into each output (1 for elementwise work): what tolerance profiles scale with.</summary>
    public long AccumulationLength { get; private set; } = 1;

    /// <summary>A bound on the magnitude of each summed term (for <see cref="Tolerance.Accumulated"/>).</summary>
    public double TermMagnitude { get; private set; } = 1;

    /// <summary>Devices the case needs (the collective's group size, else 1).</summary>
    public int DevicesRequired => Collective?.GroupSize ?? 1;

    /// <summary>What the case checks, for people.</summary>
    public string Description { get; private set; } = "";

    /// <summary>Sets <see cref="Description"/> (while the catalogue builds the case).</summary>
    public ConformanceCase Describe(string description)
    {
        Description = description;
        return this;
    }

    /// <summary>Records how many terms each output sums and how large they are (while the catalogue builds the case).</summary>
    public ConformanceCase Accumulating(long length, double termMagnitude)
    {
        AccumulationLength = length;
        TermMagnitude = termMagnitude;
        return this;
    }

    /// <summary>The inputs: one per module parameter, or one per group member.</summary>
    public IReadOnlyList<HostTensor> Inputs => inputs.Value;

    /// <summary>The expected outputs, from <see cref="ReferenceEvaluator"/> or <see cref="CollectiveReference"/>.</summary>
    public IReadOnlyList<HostTensor> Expected => expected.Value;

    /// <summary>
    /// The expected outputs of a device that flushes float32 subnormal operands to zero
    /// (<see cref="SubnormalMode.FlushFloat32"/>); the same as <see cref="Expected"/> for collectives, which compute nothing
    /// a flushing device would change.
    /// </summary>
    public IReadOnlyList<HostTensor> ExpectedFlushingSubnormals => Collective is null ? expectedFlushingSubnormals.Value : Expected;

    public static ConformanceCase ForModule(string id, DType dtype, KernelModule module, IReadOnlyList<TensorSpec> resultSpecs,
        Func<DataGenerator, IReadOnlyList<HostTensor>> makeInputs, Tolerance tolerance) =>
        new(id, module.Kernels[0].Kind.ToString().ToLowerInvariant(), dtype, module, null, resultSpecs, makeInputs, tolerance);

    public static ConformanceCase ForCollective(string id, CollectiveSpec spec,
        Func<DataGenerator, IReadOnlyList<HostTensor>> makeInputs, Tolerance tolerance) =>
        new(id, "collective", spec.DType, null, spec,
            Enumerable.Repeat(new TensorSpec(spec.DType, [checked((int)spec.OutputCount)]), spec.GroupSize).ToArray(),
            makeInputs, tolerance);

    private IReadOnlyList<HostTensor> ComputeExpected(SubnormalMode subnormals)
    {
        if (Collective is not null) return CollectiveReference.Evaluate(Collective, Inputs);
        var results = ReferenceEvaluator.Evaluate(Module!, Inputs.Select(t => t.Data).ToArray(), subnormals);
        return results.Select((bytes, i) => new HostTensor(ResultSpecs[i].DType, ResultSpecs[i].Shape, bytes)).ToArray();
    }

    public override string ToString() => Id;
}
