namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// Reduces over <see cref="Axes"/> of the index space <see cref="InputShape"/>. At each input point the
/// <see cref="Prologue"/> (one result) is evaluated on <see cref="Inputs"/>; the values are combined with
/// <see cref="Op"/> in <see cref="AccumulatorDType"/>, starting from the op's identity (0, 1, -inf/min, +inf/max,
/// true, false). The output's shape is <see cref="InputShape"/> without the reduced axes, in order. ArgMax and
/// ArgMin produce the Int32 position along the single reduced axis. The optional <see cref="Epilogue"/> runs at
/// each output point.
/// </summary>
/// <remarks>Reducing over zero elements gives the identity; ArgMax/ArgMin over zero elements is an error the
/// host rejects before lowering.</remarks>
public sealed record ReductionKernel(
    string Name,
    int[] InputShape,
    int[] Axes,
    IReadOnlyList<MappedInput> Inputs,
    ScalarProgram Prologue,
    ReduceOp Op,
    DType AccumulatorDType,
    FusedEpilogue? Epilogue,
    int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Reduction;

    /// <summary>The shape of the output.</summary>
    public int[] OutputShape => InputShape.Where((_, d) => !Axes.Contains(d)).ToArray();

    /// <summary>The dtype written: the epilogue's result, Int32 for arg reductions, else the accumulator's.</summary>
    public DType OutputDType =>
        Epilogue?.Program.ResultType(0) ?? (Op.IsArg() ? DType.Int32 : AccumulatorDType);

    public override IEnumerable<int> ReadBuffers() =>
        Inputs.Select(i => i.Buffer).Concat(Epilogue?.Inputs.Select(i => i.Buffer) ?? []);

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() =>
        Inputs.Select(i => i.DType).Append(AccumulatorDType).Append(OutputDType)
            .Concat(Programs().SelectMany(p => p.Nodes.Select(n => n.DType)));

    public override IEnumerable<ScalarProgram> Programs() =>
        Epilogue is null ? [Prologue] : [Prologue, Epilogue.Program];

    public override string Describe() =>
        $"{Op.ToString().ToLowerInvariant()} shape{Dims(InputShape)} axes{Dims(Axes)} acc {AccumulatorDType.ShortName()} " +
        $"in({string.Join("; ", Inputs)}) out(b{Output}) prologue {{\n{Prologue}\n  }}" +
        (Epilogue is null ? "" : " " + Epilogue);
}
