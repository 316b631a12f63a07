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
    /// <c>in_axes=(None, 0)</c>. Every output leaf stacks the devices' results along a new leading axis, or, with
    /// <paramref name="outAxes"/> (one entry per element of the output tuple, or one for a single pytree), along
    /// another axis, or not at all (null) for leaves that are the same on every device.
    /// </summary>
    /// <remarks>The parameters are in the order of the single-array overload's, which C# then prefers for a
    /// function of one array.</remarks>
    public static Func<TIn, TOut> Pmap<TIn, TOut>(Func<TIn, TOut> f, string? axisName = null, IReadOnlyList<Device>? devices = null,
        int?[]? inAxes = null, int?[]? outAxes = null) where TIn : notnull
    {
        var programs = new ConcurrentDictionary<TreeDef, (PmapFunction Pmapped, StrongBox<(TreeDef Def, int?[]? LeafAxes)> Output)>();
        return input =>
        {
            var (leaves, inputDef) = TreeUtil.TreeFlatten(input);
            var (pmapped, output) = programs.GetOrAdd(inputDef, def =>
            {
                var box = new StrongBox<(TreeDef, int?[]?)>();
                var leafAxes = LeafAxes(input, leaves.Count, inAxes, "in_axes");
                return (new PmapFunction(args =>
                {
                    var result = f(TreeUtil.TreeUnflatten<TIn>(def, args));
                    var (outLeaves, outDef) = TreeUtil.TreeFlatten(result);
                    box.Value = (outDef, outAxes is null ? null : LeafAxes(result!, outLeaves.Count, outAxes, "out_axes"));
                    return [.. outLeaves];
                }, leafAxes, axisName, devices, f.Method.Name), box);
            });
            var results = pmapped.Call([.. leaves], () => output.Value.LeafAxes);
            return TreeUtil.TreeUnflatten<TOut>(output.Value.Def, results);
        };
    }

    /// <summary>Each leaf's mapped axis: its top-level tuple element's entry of <paramref name="axes"/>.</summary>
    private static int?[] LeafAxes(object tree, int leafCount, int?[]? axes, string what)
    {
        if (axes is null) return Enumerable.Repeat<int?>(0, leafCount).ToArray();
        object?[] elements = tree is ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray() : [tree];
        if (axes.Length != elements.Length)
            throw new ArgumentException($"pmap: {what} has {axes.Length} entries for {(what == "in_axes" ? "an input" : "an output")} of " +
                $"{elements.Length} elements (one entry per element of the tuple)", what == "in_axes" ? "inAxes" : "outAxes");
        var leafAxes = elements.SelectMany((e, i) => Enumerable.Repeat(axes[i], TreeUtil.TreeLeaves(e).Count)).ToArray();
        if (leafAxes.Length != leafCount) throw new InvalidOperationException($"pmap: the tree's elements have {leafAxes.Length} leaves, the tree {leafCount}");
        return leafAxes;
    }
}
