using JaxNet.Abstractions.Kernels;
using JaxNet.Primitives;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// A function of a few arrays exercising one primitive (or a few), with generators of random per-example
/// arguments. Shapes are drawn once per case from <see cref="Random"/>, so every example has the same shapes.
/// </summary>
public sealed record BatchCase(Func<NDArray[], NDArray[]> F, Func<NDArray>[] Args);

/// <summary>The batching-rule cases, by name: every primitive of the registry is bound by at least one.</summary>
public static class BatchRuleCases
{
    public static readonly IReadOnlyDictionary<string, Func<Random, BatchCase>> All = Build();

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    private static NDArray Floats(Random rng, int[] shape, double lo = -1, double hi = 1) => Jnp.FromHost<float>(
        Enumerable.Range(0, Size(shape)).Select(_ => (float)(lo + (hi - lo) * rng.NextDouble())).ToArray(), shape);

    private static NDArray Ints(Random rng, int[] shape, int lo, int hi) =>
        Jnp.FromHost<int>(Enumerable.Range(0, Size(shape)).Select(_ => rng.Next(lo, hi)).ToArray(), shape);

    private static NDArray Bools(Random rng, int[] shape) => Lax.Gt(Floats(rng, shape), Jnp.Zeros(shape));

    /// <summary>Distinct rows of an operand of <paramref name="rows"/> rows, as [count, 1] index vectors (scatter needs no collisions).</summary>
    private static NDArray DistinctRows(Random rng, int rows, int count) =>
        Jnp.FromHost<int>(Enumerable.Range(0, rows).OrderBy(_ => rng.Next()).Take(count).ToArray(), [count, 1]);

    /// <summary>A generator of examples of one shape (drawn once, when the case is built).</summary>
    private static Func<NDArray> Fixed(int[] shape, Func<int[], NDArray> make) => () => make(shape);

    private static int Size(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    private static int[] Shape(Random rng, int rank) => Enumerable.Range(0, rank).Select(_ => rng.Next(2, 5)).ToArray();

    private static BatchCase ComplexCase(Random rng, Func<NDArray, NDArray, NDArray> f)
    {
        var s = Shape(rng, 2);
        return One(a => f(a[0], a[1]), () => Floats(rng, s), () => Floats(rng, s));
    }

    private static BatchCase One(Func<NDArray[], NDArray> f, params Func<NDArray>[] args) => new(a => [f(a)], args);

    private static Dictionary<string, Func<Random, BatchCase>> Build()
    {
        var cases = new Dictionary<string, Func<Random, BatchCase>>();
        foreach (var p in typeof(Prims).GetFields().Select(f => f.GetValue(null)).OfType<UnaryPrimitive>())
            cases["unary " + p.Name] = rng => UnaryCase(rng, p);
        foreach (var p in typeof(Prims).GetFields().Select(f => f.GetValue(null)).OfType<BinaryPrimitive>())
        {
            cases["binary " + p.Name] = rng => BinaryCase(rng, p, rank0Rhs: false);
            cases["binary scalar-rhs " + p.Name] = rng => BinaryCase(rng, p, rank0Rhs: true);
        }
        cases["threefry2x32"] = rng => One(a => Jax.Random.Bits(a[0], [3]),
            () => Jnp.FromHost<uint>([(uint)rng.Next(), (uint)rng.Next()], [2]));
        cases["select_n"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => Lax.Select(a[0], a[1], a[2]), () => Bools(rng, s), () => Floats(rng, s), () => Floats(rng, s));
        };
        cases["select_n scalar predicate"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => Lax.Select(a[0], a[1], a[2]), () => Bools(rng, []), () => Floats(rng, s), () => Floats(rng, s));
        };
        cases["convert_element_type"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => Lax.ConvertElementType(a[0] * 10f, DType.Int32), () => Floats(rng, s));
        };
        cases["bitcast_convert_type"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => Lax.BitcastConvertType(a[0], DType.Int32), () => Floats(rng, s));
        };
        // Complex values inside, real results outside (the comparison reads floats): parts, conjugate, and a scalar part.
        cases["real"] = rng => ComplexCase(rng, (x, y) => Lax.Real(Lax.Complex(x, y) * Lax.Complex(y, x)));
        cases["imag"] = rng => ComplexCase(rng, (x, y) => Lax.Imag(Lax.Exp(Lax.Complex(x, y))));
        cases["conj"] = rng => ComplexCase(rng, (x, y) => Lax.Imag(Lax.Conj(Lax.Complex(x, y)) * Lax.Complex(y, x)));
        cases["fft"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => Lax.Real(Lax.Fft(Lax.Complex(a[0], a[1]), FftType.Ifft, [s[1]])) + Lax.Imag(Lax.Fft(Lax.Complex(a[1], a[0]), FftType.Fft, s)),
                () => Floats(rng, s), () => Floats(rng, s));
        };
        cases["complex scalar part"] = rng => ComplexCase(rng, (x, y) => Lax.Imag(Lax.Complex(x, 0.5f) * Lax.Complex(y, x)));
        cases["broadcast_in_dim"] = rng =>
        {
            var n = rng.Next(2, 5);
            return One(a => Lax.BroadcastInDim(a[0], [2, n, 3], [1]), () => Floats(rng, [n]));
        };
        cases["stop_gradient"] = rng => One(a => Lax.StopGradient(a[0]) * a[0], Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["reshape"] = rng => One(a => Lax.Reshape(a[0], [3, 4]), () => Floats(rng, [2, 6]));
        cases["squeeze"] = rng => One(a => Lax.Squeeze(a[0], [1]), () => Floats(rng, [3, 1, 4]));
        cases["transpose"] = rng => One(a => Lax.Transpose(a[0], [2, 0, 1]), Fixed(Shape(rng, 3), s => Floats(rng, s)));
        cases["slice"] = rng => One(a => Lax.Slice(a[0], [1, 0], [4, 6], [2, 3]), () => Floats(rng, [5, 6]));
        cases["rev"] = rng => One(a => Lax.Rev(a[0], [1]), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["iota"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => a[0] + Lax.ConvertElementType(Lax.BroadcastedIota(DType.Int32, s, 1), DType.Float32), () => Floats(rng, s));
        };
        cases["pad"] = rng => One(a => Lax.Pad(a[0], 0.5, [(1, 2, 1), (0, -1, 0)]), () => Floats(rng, [3, 4]));
        cases["concatenate"] = rng =>
        {
            var n = rng.Next(2, 5);
            return One(a => Lax.Concatenate([a[0], a[1], a[2]], 0), () => Floats(rng, [2, n]), () => Floats(rng, [4, n]),
                () => Floats(rng, [1, n]));
        };
        cases["gather rows"] = rng => One(a => Lax.Gather(a[0], a[1], [1], [0], [0], [1, 4]),
            () => Floats(rng, [5, 4]), () => Ints(rng, [3, 1], 0, 5));
        cases["gather windows"] = rng => One(a => Lax.Gather(a[0], a[1], [0, 1], [], [0, 1], [2, 3]),
            () => Floats(rng, [5, 6]), () => Ints(rng, [2], 0, 5));
        foreach (var combiner in new[] { ScatterCombiner.Replace, ScatterCombiner.Add, ScatterCombiner.Mul, ScatterCombiner.Min, ScatterCombiner.Max })
            cases["scatter " + combiner] = rng => One(a => Lax.Scatter(a[0], a[1], a[2], [1], [0], [0], combiner),
                () => Floats(rng, [5, 4]), () => DistinctRows(rng, 5, 3), () => Floats(rng, [3, 4]));
        cases["dynamic_slice"] = rng => One(a => Lax.DynamicSlice(a[0], [a[1], a[2]], [3, 2]),
            () => Floats(rng, [6, 5]), () => Ints(rng, [], -1, 7), () => Ints(rng, [], 0, 5));
        cases["dynamic_update_slice"] = rng => One(a => Lax.DynamicUpdateSlice(a[0], a[1], [a[2], a[3]]),
            () => Floats(rng, [6, 5]), () => Floats(rng, [2, 3]), () => Ints(rng, [], -1, 7), () => Ints(rng, [], 0, 5));
        cases["sort"] = rng =>
        {
            var s = Shape(rng, 2);
            return new(a => Lax.Sort([a[0], a[1]], dimension: 1), [() => Floats(rng, s), () => Floats(rng, s)]);
        };
        cases["sort descending first axis"] = rng => new(a => Lax.Sort([a[0]], dimension: 0, descending: true),
            [Fixed(Shape(rng, 2), s => Floats(rng, s))]);
        cases["dot_general matmul"] = rng =>
        {
            var (m, k, n) = (rng.Next(2, 6), rng.Next(2, 6), rng.Next(2, 6));
            return One(a => Lax.DotGeneral(a[0], a[1], ([1], [0])), () => Floats(rng, [m, k]), () => Floats(rng, [k, n]));
        };
        cases["dot_general matrix-vector"] = rng =>
        {
            var (m, k) = (rng.Next(2, 6), rng.Next(2, 6));
            return One(a => Lax.DotGeneral(a[0], a[1], ([1], [0])), () => Floats(rng, [m, k]), () => Floats(rng, [k]));
        };
        cases["dot_general with batch dimensions"] = rng =>
        {
            var (b, m, k, n) = (rng.Next(2, 4), rng.Next(2, 5), rng.Next(2, 5), rng.Next(2, 5));
            return One(a => Lax.DotGeneral(a[0], a[1], ([2], [0]), ([0], [2])), () => Floats(rng, [b, m, k]), () => Floats(rng, [k, n, b]));
        };
        cases["conv_general_dilated"] = rng => One(a => Lax.ConvGeneralDilated(a[0], a[1], [1, 2], [(1, 1), (0, 1)]),
            () => Floats(rng, [2, 3, 6, 5]), () => Floats(rng, [4, 3, 3, 2]));
        cases["conv_general_dilated feature groups"] = rng => One(a => Lax.ConvGeneralDilated(a[0], a[1], [1, 1], [(1, 1), (1, 1)],
            featureGroupCount: 2), () => Floats(rng, [2, 4, 5, 5]), () => Floats(rng, [6, 2, 3, 3]));
        cases["conv_general_dilated batch groups"] = rng => One(a => Lax.ConvGeneralDilated(a[0], a[1], [1, 1], [(1, 1), (0, 0)],
            batchGroupCount: 2), () => Floats(rng, [4, 2, 5, 4]), () => Floats(rng, [6, 2, 3, 3]));
        cases["conv_general_dilated channels last"] = rng => One(a => Lax.ConvGeneralDilated(a[0], a[1], [1, 1], [(0, 0), (1, 1)],
            dimensionNumbers: [[0, 3, 1, 2], [3, 2, 0, 1], [0, 3, 1, 2]]), () => Floats(rng, [2, 5, 5, 3]), () => Floats(rng, [3, 3, 3, 4]));
        foreach (var (name, reduce) in new (string, Func<NDArray, int[], NDArray>)[]
                 {
                     ("reduce_sum", Lax.ReduceSum), ("reduce_max", Lax.ReduceMax), ("reduce_min", Lax.ReduceMin), ("reduce_prod", Lax.ReduceProd),
                 })
            cases[name] = rng => One(a => reduce(a[0], [0, 2]), Fixed(Shape(rng, 3), s => Floats(rng, s)));
        cases["reduce_and"] = rng => One(a => Lax.ReduceAnd(a[0], [1]), Fixed(Shape(rng, 2), s => Bools(rng, s)));
        cases["reduce_or"] = rng => One(a => Lax.ReduceOr(a[0], [0]), Fixed(Shape(rng, 2), s => Bools(rng, s)));
        cases["argmax"] = rng => One(a => Lax.Argmax(a[0], 1), Fixed(Shape(rng, 3), s => Floats(rng, s)));
        cases["reduce_xor"] = rng => One(a => Lax.ReduceXor(a[0], [0]), Fixed(Shape(rng, 2), s => Bools(rng, s)));
        cases["reduce (general)"] = rng => One(a => Lax.Reduce(a[0], 0.25f, (x, y) => Lax.Max(x, y), [1]), Fixed(Shape(rng, 3), s => Floats(rng, s)));
        cases["optimization_barrier"] = rng => One(a => Lax.OptimizationBarrier(Lax.Exp(a[0]))[0], Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["argmin"] = rng => One(a => Lax.Argmin(a[0], 0), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["cumsum"] = rng => One(a => Lax.Cumsum(a[0], 1), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["cumprod reverse"] = rng => One(a => Lax.Cumprod(a[0], 0, reverse: true), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["cummax"] = rng => One(a => Lax.Cummax(a[0], 1), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["cummin"] = rng => One(a => Lax.Cummin(a[0], 0), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["cond"] = rng =>
        {
            var s = Shape(rng, 2);
            return One(a => Lax.Cond(a[0], v => Jnp.Sin(v) + a[2], v => v * 2f, a[1]), () => Bools(rng, []), () => Floats(rng, s),
                () => Floats(rng, s));
        };
        cases["cond switch"] = rng => One(a => Lax.Switch(a[0], [v => v + 1f, v => Jnp.Exp(v), v => -v], a[1]),
            () => Ints(rng, [], -1, 4), Fixed(Shape(rng, 2), s => Floats(rng, s)));
        cases["while"] = rng => new(a => Lax.WhileLoop(c => c[1] < a[1], c => [c[0] * 0.5f + 1f, c[1] + 1f], [a[0], Jnp.Array(0f)]),
            [Fixed(Shape(rng, 2), s => Floats(rng, s)), () => Floats(rng, [], 0, 5)]);
        cases["scan"] = rng =>
        {
            var n = rng.Next(2, 5);
            return new(a =>
            {
                var (carry, ys) = Lax.Scan((c, x) => ([c[0] * 0.5f + x[0]], [Jnp.Sin(c[0]) * a[2]]), [a[0]], [a[1]]);
                return [.. carry, .. ys];
            }, [() => Floats(rng, [n]), () => Floats(rng, [3, n]), () => Floats(rng, [])]);
        };
        return cases;
    }

    private static BatchCase UnaryCase(Random rng, UnaryPrimitive p)
    {
        var s = Shape(rng, 2);
        Func<NDArray> arg = p.Name switch
        {
            "population_count" or "clz" or "not" => () => Ints(rng, s, -50, 50),
            "acosh" => () => Floats(rng, s, 1.1, 3),
            _ => () => Floats(rng, s, 0.1, 0.9),
        };
        return One(a => p.Bind1(JaxNet.Core.Params.Empty, a[0]), arg);
    }

    private static BatchCase BinaryCase(Random rng, BinaryPrimitive p, bool rank0Rhs)
    {
        var s = Shape(rng, 2);
        var rhsShape = rank0Rhs ? [] : s;
        Func<int[], NDArray> make = p.Name switch
        {
            "and" or "or" or "xor" => shape => Ints(rng, shape, -100, 100),
            "shift_left" or "shift_right_logical" or "shift_right_arithmetic" or "rotate_left" or "rotate_right" =>
                shape => Ints(rng, shape, 0, 8),
            _ => shape => Floats(rng, shape, 0.1, 0.9),
        };
        return One(a => p.Bind1(JaxNet.Core.Params.Empty, a[0], a[1]), () => make(s), () => make(rhsShape));
    }
}
