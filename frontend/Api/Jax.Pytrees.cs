using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using JaxNet.Transforms;

namespace JaxNet;

/// <summary>
/// Transformations of functions of pytrees (records, tuples, lists, dictionaries of arrays; see
/// <see cref="Jax.TreeUtil"/>): the tree is flattened to its leaves, the array transformation runs on them, and
/// the results are rebuilt with the same structure, so <c>Jax.Grad</c> of a function of a record returns a record
/// of the same type.
/// </summary>
public static partial class Jax
{
    /// <summary>grad of a scalar function of a pytree: the gradient has the pytree's structure and type.</summary>
    public static Func<T, T> Grad<T>(Func<T, NDArray> f) where T : notnull => tree => ValueAndGrad(f)(tree).Grad;

    /// <summary>value_and_grad of a scalar function of a pytree.</summary>
    public static Func<T, (NDArray Value, T Grad)> ValueAndGrad<T>(Func<T, NDArray> f) where T : notnull => tree =>
    {
        var (leaves, def) = TreeUtil.TreeFlatten(tree);
        var all = Enumerable.Range(0, leaves.Count).ToArray();
        var result = Gradient.ValueAndGrad(a => [f(TreeUtil.TreeUnflatten<T>(def, a))], [.. leaves], all, f.Method.Name);
        return (result.Value, TreeUtil.TreeUnflatten<T>(def, result.Grads));
    };

    /// <summary>
    /// The training signature <c>loss(params, inputs, targets)</c>, differentiated with respect to the parameter
    /// pytree (JAX's <c>value_and_grad(loss)</c>; <paramref name="argnums"/> must be 0, and exists so that calls with
    /// plain arrays resolve to the array overload).
    /// </summary>
    public static Func<T, NDArray, NDArray, (NDArray Value, T Grad)> ValueAndGrad<T>(Func<T, NDArray, NDArray, NDArray> loss, int argnums = 0)
        where T : notnull
    {
        if (argnums != 0) throw new ArgumentException("value_and_grad of a pytree function differentiates argument 0 only", nameof(argnums));
        return (parameters, inputs, targets) => ValueAndGrad<T>(p => loss(p, inputs, targets))(parameters);
    }

    /// <summary>
    /// jit of a function from one pytree to another (use a tuple for several arguments). Traced and compiled once
    /// per input structure and leaf signature; the output structure is recorded when it is traced. Static
    /// arguments are not supported for pytree functions yet (the parameter exists so that calls with plain arrays
    /// resolve to the array overloads). <c>donateArgnums: [0]</c> gives up every leaf of the input tree (a train
    /// state updated in place).
    /// </summary>
    public static Func<TIn, TOut> Jit<TIn, TOut>(Func<TIn, TOut> f, int[]? staticArgnums = null, string? backend = null,
        int[]? donateArgnums = null) where TIn : notnull
    {
        if (staticArgnums is { Length: > 0 })
            throw new NotSupportedException("static arguments of jitted pytree functions are not supported yet; close over the value instead");
        if (donateArgnums is not null && donateArgnums.Any(i => i is not (0 or -1)))
            throw new ArgumentException($"a jitted pytree function has one argument (its tree); donateArgnums {string.Join(", ", donateArgnums)} names others");
        var donateTree = donateArgnums is { Length: > 0 };
        var programs = new ConcurrentDictionary<TreeDef, (Func<NDArray[], NDArray[]> Call, StrongBox<TreeDef?> Output)>();
        (Func<NDArray[], NDArray[]> Call, StrongBox<TreeDef?> Output, NDArray[] Leaves) ProgramFor(TIn input)
        {
            var (leaves, inputDef) = TreeUtil.TreeFlatten(input);
            var program = programs.GetOrAdd(inputDef, def =>
            {
                var output = new StrongBox<TreeDef?>();
                var call = Jit(args =>
                {
                    var (outLeaves, outDef) = TreeUtil.TreeFlatten(f(TreeUtil.TreeUnflatten<TIn>(def, args)));
                    output.Value = outDef;
                    return [.. outLeaves];
                }, arity: def.NumLeaves, backend: backend, donateArgnums: donateTree ? [.. Enumerable.Range(0, def.NumLeaves)] : null);
                return (call, output);
            });
            return (program.Call, program.Output, [.. leaves]);
        }
        Func<TIn, TOut> jitted = input =>
        {
            var (call, output, leaves) = ProgramFor(input);
            var results = call(leaves);
            return TreeUtil.TreeUnflatten<TOut>(output.Value!, results);
        };
        PytreeLowerings.Add(jitted, input => { var (call, _, leaves) = ProgramFor((TIn)input); return call.JitInfo().Lower(leaves); });
        return jitted;
    }

    /// <summary>jvp of a function from one pytree to another: the tangents have the primals' structure.</summary>
    public static (TOut Primal, TOut Tangent) Jvp<TIn, TOut>(Func<TIn, TOut> f, TIn primals, TIn tangents) where TIn : notnull
    {
        var (xs, inputDef) = TreeUtil.TreeFlatten(primals);
        var (ts, tangentDef) = TreeUtil.TreeFlatten(tangents);
        if (!inputDef.Equals(tangentDef))
            throw new ArgumentException($"jvp: primals {inputDef} and tangents {tangentDef} differ in structure");
        var flat = Flat(f, inputDef, out var outputDef);
        var (ys, dys) = JvpN(flat, [.. xs], [.. ts]);
        return (TreeUtil.TreeUnflatten<TOut>(outputDef.Value!, ys), TreeUtil.TreeUnflatten<TOut>(outputDef.Value!, dys));
    }

    /// <summary>vjp of a function from one pytree to another: the pullback maps output cotangents to input cotangents.</summary>
    public static (TOut Primal, Func<TOut, TIn> Pullback) Vjp<TIn, TOut>(Func<TIn, TOut> f, TIn primals) where TIn : notnull
    {
        var (xs, inputDef) = TreeUtil.TreeFlatten(primals);
        var flat = Flat(f, inputDef, out var outputDef);
        var (ys, pullback) = ReverseMode.Vjp(flat, [.. xs], f.Method.Name);
        var outDef = outputDef.Value!;
        return (TreeUtil.TreeUnflatten<TOut>(outDef, ys), cotangent =>
        {
            var (cts, cotangentDef) = TreeUtil.TreeFlatten(cotangent);
            if (!cotangentDef.Equals(outDef))
                throw new ArgumentException($"vjp: the cotangent {cotangentDef} does not have the output's structure {outDef}");
            return TreeUtil.TreeUnflatten<TIn>(inputDef, pullback([.. cts]));
        }
        );
    }

    /// <summary>f on flat leaves; the output's structure is recorded when it runs (or is traced).</summary>
    private static Func<NDArray[], NDArray[]> Flat<TIn, TOut>(Func<TIn, TOut> f, TreeDef inputDef, out StrongBox<TreeDef?> outputDef)
    {
        var output = outputDef = new StrongBox<TreeDef?>();
        return args =>
        {
            var (leaves, def) = TreeUtil.TreeFlatten(f(TreeUtil.TreeUnflatten<TIn>(inputDef, args)));
            output.Value = def;
            return [.. leaves];
        };
    }

    /// <summary>
    /// vmap of a function from one pytree to another: every leaf of the input is mapped over axis
    /// <paramref name="inAxes"/>, and every leaf of the result gets its batch axis at <paramref name="outAxes"/>.
    /// </summary>
    public static Func<TIn, TOut> Vmap<TIn, TOut>(Func<TIn, TOut> f, int inAxes = 0, int outAxes = 0, string? axisName = null)
        where TIn : notnull => VmapTree(f, leaves => Enumerable.Repeat<int?>(inAxes, leaves).ToArray(), outAxes, axisName);

    /// <summary>
    /// vmap of a function of a pytree with one in axis per leaf, in <see cref="TreeUtil.TreeFlatten"/> order (null:
    /// the leaf is not mapped, like a parameter shared by every example).
    /// </summary>
    public static Func<TIn, TOut> Vmap<TIn, TOut>(Func<TIn, TOut> f, int?[]? inAxes, int outAxes = 0, string? axisName = null) where TIn : notnull =>
        VmapTree(f, leaves => inAxes is not null && inAxes.Length == leaves
            ? inAxes
            : throw new ArgumentException($"vmap in_axes has {inAxes?.Length ?? 0} entries for a pytree of {leaves} leaves", nameof(inAxes)),
            outAxes, axisName);

    private static Func<TIn, TOut> VmapTree<TIn, TOut>(Func<TIn, TOut> f, Func<int, int?[]> axesFor, int outAxes, string? axisName)
        where TIn : notnull => input =>
    {
        var (leaves, def) = TreeUtil.TreeFlatten(input);
        TreeDef? outDef = null;
        var names = Enumerable.Range(0, leaves.Count).Select(i => $"leaf {i}").ToArray();
        var results = BatchingVmap.Apply(args =>
        {
            var (outLeaves, d) = TreeUtil.TreeFlatten(f(TreeUtil.TreeUnflatten<TIn>(def, args)));
            outDef = d;
            return [.. outLeaves];
        }, [.. leaves], KeyAxesToWordAxes(axesFor(leaves.Count), def), [outAxes], f.Method.Name, names, axisName);
        if (outAxes < 0)
        {
            // The batch axis went to outAxes counted over the words; a key's own axes end one place earlier.
            var keyWords = outDef!.KeyWordLeaves().ToArray();
            for (var i = 0; i < results.Length; i++)
                if (keyWords[i]) results[i] = Jnp.Moveaxis(results[i], outAxes, outAxes - 1);
        }
        return TreeUtil.TreeUnflatten<TOut>(outDef!, results);
    };

    /// <summary>
    /// In axes counted over each leaf's own axes: a typed key array's words have one more axis (the last), so a
    /// negative axis of a key moves one further from the end; a non-negative one names the same axis in both.
    /// </summary>
    private static int?[] KeyAxesToWordAxes(int?[] axes, TreeDef def)
    {
        var keyWords = def.KeyWordLeaves().ToArray();
        return [.. axes.Select((a, i) => a is < 0 && i < keyWords.Length && keyWords[i] ? a - 1 : a)];
    }

    /// <summary>How to lower each jitted pytree function for an input (Lower finds it by the delegate).</summary>
    internal static readonly ConditionalWeakTable<Delegate, Func<object, Lowered>> PytreeLowerings = new();
}
