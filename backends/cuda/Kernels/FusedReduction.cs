using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>A reduction kernel with its prologue and epilogue fused into one ILGPU kernel (see
/// <see cref="ReductionLauncher{TPrologue,TEpilogue,TOp,TAcc,TResult,TInput,TPartials}"/>).</summary>
internal sealed class FusedReduction : ICompiledKernel
{
    private readonly IReductionLauncher launcher;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly IReadOnlyList<int> buffers;
    private readonly ReduceParams parameters;
    private readonly long outputs;
    private readonly int splits;

    public FusedReduction(Accelerator accelerator, ReductionKernel kernel)
    {
        var slots = new SlotMap(kernel.Name);
        var metaList = new List<long>();
        var inputShape = kernel.InputShape;
        var outputShape = kernel.OutputShape;
        var strides = IndexMap.RowMajorStrides(inputShape);
        var axes = kernel.Axes.Order().ToArray();
        var kept = Enumerable.Range(0, inputShape.Length).Where(d => !axes.Contains(d)).ToArray();

        var geometryAt = metaList.Count;
        metaList.Add(kept.Length);
        metaList.AddRange(kept.Select(d => (long)inputShape[d]));
        metaList.AddRange(kept.Select(d => strides[d]));
        metaList.Add(axes.Length);
        metaList.AddRange(axes.Select(d => (long)inputShape[d]));
        metaList.AddRange(axes.Select(d => strides[d]));

        var inputShapeAt = MapCodec.AppendShape(metaList, inputShape);
        var outputShapeAt = MapCodec.AppendShape(metaList, outputShape);
        var builder = new StepBuilder();
        var prologueInputs = kernel.Inputs
            .Select(i => (InputBinding)new InputBinding.Mapped(slots.Of(i.Buffer), i.DType,
                MapCodec.Append(metaList, i.Map, inputShape, i.DType), MapCodec.ContiguousOffset(i.Map, inputShape)))
            .ToList();
        var value = builder.Append(kernel.Prologue, prologueInputs, inputShapeAt)[0];
        value = builder.AppendConvert(value, kernel.Prologue.ResultType(0), kernel.AccumulatorDType);
        var prologue = builder.Build();

        var own = builder.Reserve();
        var output = new OutputBinding(slots.Of(kernel.Output), kernel.OutputDType);
        if (kernel.Epilogue is { } epilogue)
        {
            var inputs = new List<InputBinding> { new InputBinding.Register(own) };
            inputs.AddRange(epilogue.Inputs.Select(i =>
                (InputBinding)new InputBinding.Mapped(slots.Of(i.Buffer), i.DType,
                    MapCodec.Append(metaList, i.Map, outputShape, i.DType), MapCodec.ContiguousOffset(i.Map, outputShape))));
            builder.AppendStore(builder.Append(epilogue.Program, inputs, outputShapeAt)[0], output);
        }
        else
        {
            builder.AppendStore(own, output);
        }
        var epilogueTree = builder.Build();

        buffers = slots.Buffers;
        outputs = outputShape.Aggregate(1L, (a, b) => a * b);
        var reduced = axes.Aggregate(1L, (a, d) => a * inputShape[d]);
        IndexMath.CheckIndexSpace(outputs * reduced, $"reduction '{kernel.Name}'");
        splits = buffers.Count < Slots.Count ? ReductionShape.For(accelerator).SplitsFor(outputs, reduced) : 1;
        launcher = ReductionLauncher<NopStep, NopStep, RSum, DFloat32, R0, R0, S0>.Create(accelerator, prologue, epilogueTree,
            kernel.Op, kernel.AccumulatorDType, value, own, RegisterFile.Fit(builder.RegisterCount, kernel.Name), splits > 1 ? buffers.Count : null);
        meta = accelerator.Allocate1D(metaList.ToArray());
        parameters = new ReduceParams
        {
            GeometryAt = geometryAt,
            ReducedCount = reduced,
            Splits = splits,
            SplitLength = (reduced + splits - 1) / splits,
            ReducedTrailing = axes.SequenceEqual(Enumerable.Range(inputShape.Length - axes.Length, axes.Length)) ? 1 : 0,
        };
    }

    public void Issue(LaunchFrame frame)
    {
        var slots = frame.SlotsOf(buffers);
        if (splits == 1)
        {
            launcher.Launch(frame.Stream, outputs, slots, meta.View, parameters);
            return;
        }
        slots.Set(buffers.Count, frame.Scratch(2 * outputs * splits * sizeof(long)));
        launcher.LaunchSplit(frame.Stream, outputs, slots, meta.View, parameters);
    }

    public void Dispose() => meta.Dispose();
}
