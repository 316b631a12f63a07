using JaxNet.Conformance.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Ops.Indexing;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;
using JaxNet.Testing;
using Xunit.Abstractions;

namespace JaxNet.Tests.Api;

/// <summary>
/// The fuzzer's NumPy indexing: its reference (<see cref="NumpyIndexMap"/>) against results NumPy gives, and the
/// indexing family (<c>x[idx]</c> and <c>x.At[idx].Set/Add/...</c> in random programs) on cpu under Jit, Vmap and eagerly.
/// </summary>
[Collection(nameof(X64Collection))]
public class FuzzIndexingTests(ITestOutputHelper output)
{
    private static RefArray Ints(int[] shape, params long[] values) =>
        RefArray.Exact(new TensorType(DType.Int64, shape), values.Select(v => Scalar.FromInteger(DType.Int64, v)).ToArray());

    private static NumpyIndexEntry Slice(int? start, int? stop, int step) => new(NumpyIndexKind.Slice, Start: start, Stop: stop, Step: step);

    private static readonly NumpyIndexEntry Array = new(NumpyIndexKind.Array);

    [Fact]
    public void Slices_walk_as_pythons_slice_indices()
    {
        // np.arange(7)[5:-8:-2] is [5, 3, 1]; [::-3] is [6, 3, 0]; [-2:2] is empty.
        foreach (var (entry, expected) in new[] { (Slice(5, -8, -2), new[] { 5, 3, 1 }), (Slice(null, null, -3), [6, 3, 0]), (Slice(-2, 2, 1), []) })
        {
            var map = new NumpyIndexMap([7], [entry], [], update: false);
            Assert.Equal(expected, map.Positions([]).Positions);
        }
    }

    [Fact]
    public void Arrays_beside_each_other_keep_their_place_and_separated_ones_go_first()
    {
        // x of shape (2, 3, 4): x[:, [0, 2], [1, 3]] has shape (2, 2); x[[0, 1], :, [1, 3]] has shape (2, 3) (batch first).
        var adjacent = new NumpyIndexMap([2, 3, 4], [NumpyIndexEntry.Whole, Array, Array], [[2], [2]], update: false);
        Assert.Equal([2, 2], adjacent.Shape);
        Assert.Equal([1, 11, 13, 23], adjacent.Positions([Ints([2], 0, 2), Ints([2], 1, 3)]).Positions);
        var separated = new NumpyIndexMap([2, 3, 4], [Array, NumpyIndexEntry.Whole, Array], [[2], [2]], update: false);
        Assert.Equal([2, 3], separated.Shape);
        Assert.Equal([1, 5, 9, 15, 19, 23], separated.Positions([Ints([2], 0, 1), Ints([2], 1, 3)]).Positions);
        // x[..., None, [-1]] of shape (2, 3, 1, 1): the new axis separates nothing, the array counts from the end.
        var ellipsis = new NumpyIndexMap([2, 3, 4], [new(NumpyIndexKind.Ellipsis), new(NumpyIndexKind.NewAxis), Array], [[1]], update: false);
        Assert.Equal([2, 3, 1, 1], ellipsis.Shape);
        Assert.Equal([3, 7, 11, 15, 19, 23], ellipsis.Positions([Ints([1], -1)]).Positions);
    }

    [Fact]
    public void An_update_drops_entries_out_of_range_and_a_read_clamps_them()
    {
        var index = Ints([3], 5, -1, long.MinValue);
        Assert.Equal([-1, 3, -1], new NumpyIndexMap([4], [Array], [[3]], update: true).Positions([index]).Positions);
        Assert.Equal([3, 3, 0], new NumpyIndexMap([4], [Array], [[3]], update: false).Positions([index]).Positions);
        // An integer of an update is an array too: out of range, it drops the whole update.
        Assert.Equal([-1, -1], new NumpyIndexMap([2, 2], [new(NumpyIndexKind.Integer, Value: 2)], [], update: true).Positions([]).Positions);
    }

    [Fact]
    public void Indexing_programs_on_the_cpu_backend_under_jit_vmap_and_eagerly_match_the_interpreter() =>
        FuzzAssert.NoFailures(output, FuzzFamily.Indexing, [FuzzAssert.On("cpu"), FuzzAssert.On("cpu", RunMode.Vmap), FuzzAssert.On("cpu", RunMode.Eager)],
            Enumerable.Range(1, 40), FuzzOptions.For("cpu"));
}
