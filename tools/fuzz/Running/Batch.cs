using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>
/// The batch a vmapped run maps over: two copies of the program's inputs (the second with each batched input's
/// elements in reverse order, so that the copies differ but keep their kind of data), even-numbered inputs batched
/// along axis 0 or their last axis, odd-numbered ones shared (in_axes None).
/// </summary>
public sealed class Batch
{
    public const int Size = 2;

    private Batch(FuzzProgram[] copies, int?[] inAxes)
    {
        Copies = copies;
        InAxes = inAxes;
    }

    /// <summary>The program with each batch element's inputs.</summary>
    public FuzzProgram[] Copies { get; }

    /// <summary>Where each input's batch axis is, or null for an input every element shares.</summary>
    public int?[] InAxes { get; }

    public static Batch Of(FuzzProgram program)
    {
        var inAxes = program.Inputs.Select((input, k) => k % 2 == 1 ? (int?)null : k / 2 % 2 == 0 ? 0 : input.Shape.Length).ToArray();
        var flipped = program.Inputs.Select((input, k) => inAxes[k] is null
            ? input
            : new RefArray(input.Type, input.Values.Reverse().ToArray(), input.Error.Reverse().ToArray())).ToArray();
        return new Batch([program, new FuzzProgram(flipped, program.Nodes, program.Outputs)], inAxes);
    }

    /// <summary>Input <paramref name="k"/> as the vmapped function takes it: the copies stacked along its batch axis.</summary>
    public RefArray Input(int k) => InAxes[k] is { } axis ? Stack(Copies.Select(c => c.Inputs[k]).ToArray(), axis) : Copies[0].Inputs[k];

    /// <summary>The arrays (of one type) stacked along a new dimension <paramref name="axis"/>.</summary>
    public static RefArray Stack(IReadOnlyList<RefArray> arrays, int axis)
    {
        var inner = arrays[0].Shape;
        int[] shape = [.. inner[..axis], arrays.Count, .. inner[axis..]];
        var point = new int[shape.Length];
        var source = new int[inner.Length];
        return RefArray.Build(arrays[0].Type.With(shape), i =>
        {
            Layout.Unravel(i, shape, point);
            for (int d = 0, s = 0; d < shape.Length; d++)
                if (d != axis) source[s++] = point[d];
            var from = Layout.Ravel(source, inner);
            return (arrays[point[axis]].Values[from], arrays[point[axis]].Error[from]);
        });
    }
}
