using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>The collectives of ICollectives, evaluated on host arrays (one per group member) from their definitions.</summary>
public static class CollectiveReference
{
    public static IReadOnlyList<HostTensor> Evaluate(CollectiveSpec spec, IReadOnlyList<HostTensor> inputs)
    {
        var g = spec.GroupSize;
        var n = spec.Count;
        var outputs = new Scalar[g][];
        for (var m = 0; m < g; m++) outputs[m] = new Scalar[spec.OutputCount];
        var zero = spec.DType.IsFloat() ? Scalar.FromDouble(spec.DType, 0) : Scalar.FromInteger(spec.DType, 0);
        switch (spec.Kind)
        {
            case CollectiveKind.AllReduce:
                for (long i = 0; i < n; i++)
                {
                    var value = ReduceAcross(spec, inputs, i);
                    for (var m = 0; m < g; m++) outputs[m][i] = value;
                }
                break;
            case CollectiveKind.AllGather:
                for (var m = 0; m < g; m++)
                    for (var j = 0; j < g; j++)
                        for (long i = 0; i < n; i++) outputs[m][j * n + i] = inputs[j][i];
                break;
            case CollectiveKind.ReduceScatter:
                for (var m = 0; m < g; m++)
                    for (long i = 0; i < n; i++) outputs[m][i] = ReduceAcross(spec, inputs, m * n + i);
                break;
            case CollectiveKind.AllToAll:
                for (var m = 0; m < g; m++)
                    for (var j = 0; j < g; j++)
                        for (long i = 0; i < n; i++) outputs[m][j * n + i] = inputs[j][m * n + i];
                break;
            case CollectiveKind.Permute:
                for (var m = 0; m < g; m++) Array.Fill(outputs[m], zero);
                foreach (var pair in spec.Pairs ?? [])
                    for (long i = 0; i < n; i++) outputs[pair.Target][i] = inputs[pair.Source][i];
                break;
            case CollectiveKind.Broadcast:
                for (var m = 0; m < g; m++)
                    for (long i = 0; i < n; i++) outputs[m][i] = inputs[spec.Root][i];
                break;
            default:
                throw new NotSupportedException($"collective {spec.Kind}");
        }
        var shape = new[] { checked((int)spec.OutputCount) };
        return outputs.Select(o => HostTensor.Create(new TensorSpec(spec.DType, shape), i => o[i])).ToArray();
    }

    private static Scalar ReduceAcross(CollectiveSpec spec, IReadOnlyList<HostTensor> inputs, long index)
    {
        var acc = new Accumulator(spec.Op, spec.DType);
        foreach (var input in inputs) acc.Add(input[index]);
        return acc.Result;
    }
}
