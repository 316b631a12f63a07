using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// pmap of a function from one pytree to another (use a tuple for several arguments, as with
    /// <see cref="Jit{TIn, TOut}(Func{TIn, TOut}, int[], string)"/>). <paramref name="inAxes"/> has one entry per
    /// element of the input tuple (or one for a single pytree): the axis of each of that element's leaves that is
    /// split over the devices, or null for an element every device gets whole, like JAX's
    /// <c>in_axes=(None, 0)</c>. Every output leaf stacks the devices' results along a new leading axis.
    /// </summary>
    /// <remarks>The parameters are in the order of the single-array overload's, which C# then prefers for a
    /// function of one array.</remarks>
    public static Func<TIn, TOut> Pmap<TIn, TOut>(Func<TIn, TOut> f, string? axisName = null, IReadOnlyList<Device>? devices = null,
        int?[]? inAxes = null) where TIn : notnull
    {
        var programs = new ConcurrentDictionary<TreeDef, (PmapFunction Pmapped, StrongBox<TreeDef?> Output)>();
        return input =>
        {
            var (leaves, inputDef) = TreeUtil.TreeFlatten(input);
            var (pmapped, output) = programs.GetOrAdd(inputDef, def =>
            {
                var box = new StrongBox<TreeDef?>();
                var leafAxes = LeafAxes(input, leaves.Count, inAxes);
                return (new PmapFunction(args =>
                {
                    var (outLeaves, outDef) = TreeUtil.TreeFlatten(f(TreeUtil.TreeUnflatten<TIn>(def, args)));
                    box.Value = outDef;
                    return [.. outLeaves];
                }, leafAxes, axisName, devices, f.Method.Name), box);
            });
            var results = pmapped.Call([.. leaves]);
            return TreeUtil.TreeUnflatten<TOut>(output.Value!, results);
        };
    }

    /// <summary>Each leaf's mapped axis: its top-level tuple element's entry of <paramref name="inAxes"/>.</summary>
    private static int?[] LeafAxes(object input, int leafCount, int?[]? inAxes)
    {
        if (inAxes is null) return Enumerable.Repeat<int?>(0, leafCount).ToArray();
        object?[] elements = input is ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray() : [input];
        if (inAxes.Length != elements.Length)
            throw new ArgumentException($"pmap: in_axes has {inAxes.Length} entries for an input of {elements.Length} elements " +
                "(one entry per element of the input tuple)", nameof(inAxes));
        var axes = elements.SelectMany((e, i) => Enumerable.Repeat(inAxes[i], TreeUtil.TreeLeaves(e).Count)).ToArray();
        if (axes.Length != leafCount) throw new InvalidOperationException($"pmap: the input's elements have {axes.Length} leaves, the input {leafCount}");
        return axes;
    }
}
