using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>An input of a fused elementwise launch; <c>Raw</c> inputs hold register values (intermediates).</summary>
internal sealed record FusedInput(MappedInput Input, bool Raw = false);

/// <summary>An output: a buffer id (negative for a launch-local scratch buffer) and whether it stores raw.</summary>
internal sealed record FusedOutput(int Buffer, bool Raw = false);

/// <summary>
/// An elementwise kernel (or a copy, the one-load program; or a contraction's packing and epilogue) as one fused
/// ILGPU kernel: every input's index map, the whole scalar program and every output store in one launch.
/// </summary>
internal sealed class FusedElementwise : ICompiledKernel
{
    private readonly IElementwiseLauncher launcher;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly IReadOnlyList<int> buffers;
    private readonly long points;

    public FusedElementwise(Accelerator accelerator, string name, int[] shape, IReadOnlyList<FusedInput> inputs,
        ScalarProgram program, IReadOnlyList<FusedOutput> outputs)
    {
        var slots = new SlotMap(name);
        var metaList = new List<long>();
        var shapeAt = MapCodec.AppendShape(metaList, shape);
        var bindings = inputs.Select(f =>
        {
            var i = f.Input;
            var mapAt = MapCodec.Append(metaList, i.Map, shape, f.Raw ? DType.Int64 : i.DType);
            return f.Raw ? (InputBinding)new InputBinding.Raw(slots.Of(i.Buffer), mapAt)
                : new InputBinding.Mapped(slots.Of(i.Buffer), i.DType, mapAt, MapCodec.ContiguousOffset(i.Map, shape));
        }).ToList();
        var builder = new StepBuilder();
        var results = builder.Append(program, bindings, shapeAt);
        for (var r = 0; r < results.Length; r++)
            builder.AppendStore(results[r], new OutputBinding(slots.Of(outputs[r].Buffer), program.ResultType(r), outputs[r].Raw));
        launcher = ElementwiseLauncher<NopStep>.Create(accelerator, builder.Build(), RegisterFile.Fit(builder.RegisterCount, name));
        meta = accelerator.Allocate1D(metaList.ToArray());
        buffers = slots.Buffers;
        points = shape.Aggregate(1L, (a, b) => a * b);
        IndexMath.CheckIndexSpace(points, $"kernel '{name}'");
    }

    public static FusedElementwise From(Accelerator accelerator, ElementwiseKernel kernel) =>
        new(accelerator, kernel.Name, kernel.Shape, kernel.Inputs.Select(i => new FusedInput(i)).ToList(), kernel.Program,
            kernel.Outputs.Select(o => new FusedOutput(o)).ToList());

    public static FusedElementwise From(Accelerator accelerator, CopyKernel copy) =>
        new(accelerator, copy.Name, copy.Shape, [new FusedInput(copy.Source)], ScalarProgram.Identity(copy.Source.DType),
            [new FusedOutput(copy.Output)]);

    public void Issue(LaunchFrame frame) => launcher.Launch(frame.Stream, points, frame.SlotsOf(buffers), meta.View);

    public void Dispose() => meta.Dispose();
}
