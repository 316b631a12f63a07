namespace JaxNet.Tests.Transforms;

/// <summary>
/// JAX's check_grads: compares forward mode (jvp) with central differences along a random direction, and reverse
/// mode (vjp) with forward mode through the inner-product identity &lt;u, J v&gt; = &lt;J^T u, v&gt;. Order 2 checks the
/// jvp and vjp functions themselves in both modes (fwd-over-fwd, rev-over-fwd, fwd-over-rev, rev-over-rev).
/// Step 1e-4; tolerances 2e-3 for float32 and 1e-5 for float64 (the widest dtype among inputs and outputs decides).
/// </summary>
public static class GradCheck
{
    public const double Eps = 1e-4;

    [Flags]
    public enum Modes
    {
        Fwd = 1,
        Rev = 2,
        Both = Fwd | Rev,
    }

    /// <summary>
    /// Checks <paramref name="f"/> at <paramref name="args"/>. <paramref name="directionScale"/> scales the random
    /// direction (for many parameters, so that a step stays small and away from kinks such as ReLU's).
    /// </summary>
    public static void Check(Func<NDArray[], NDArray[]> f, NDArray[] args, int order = 2, Modes modes = Modes.Both, int seed = 0,
        double directionScale = 1)
    {
        var rng = new Random(seed);
        var outputs = f(args);
        var tol = Tolerance(args.Concat(outputs));
        var v = args.Select(a => RandomLike(a, rng, directionScale)).ToArray();
        var numerical = NumericalJvp(f, args, v);
        if (modes.HasFlag(Modes.Fwd)) CheckJvp(f, args, v, numerical, tol);
        var u = outputs.Select(o => RandomLike(o, rng)).ToArray();
        if (modes.HasFlag(Modes.Rev)) CheckVjp(f, args, v, u, numerical, tol);
        if (order <= 1) return;
        if (modes.HasFlag(Modes.Fwd)) Check(a => Jax.JvpN(f, a, v).Tangents, args, order - 1, Modes.Both, seed + 1);
        if (modes.HasFlag(Modes.Rev)) Check(a => Jax.VjpN(f, a).Pullback(u), args, order - 1, Modes.Both, seed + 2);
    }

    public static void Check(Func<NDArray, NDArray> f, NDArray x, int order = 2, Modes modes = Modes.Both) =>
        Check(a => [f(a[0])], [x], order, modes);

    public static void Check(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y, int order = 2, Modes modes = Modes.Both) =>
        Check(a => [f(a[0], a[1])], [x, y], order, modes);

    private static void CheckJvp(Func<NDArray[], NDArray[]> f, NDArray[] args, NDArray[] v, double[][] numerical, double tol)
    {
        var (_, tangents) = Jax.JvpN(f, args, v);
        for (var i = 0; i < tangents.Length; i++)
        {
            if (numerical[i].Length == 0) continue;
            var got = tangents[i].ToArray<double>();
            for (var k = 0; k < got.Length; k++)
                if (!Close(got[k], numerical[i][k], tol))
                    Assert.Fail($"JVP mismatch in output {i} element {k}: jvp {got[k]}, central differences {numerical[i][k]} (tol {tol})");
        }
    }

    private static void CheckVjp(Func<NDArray[], NDArray[]> f, NDArray[] args, NDArray[] v, NDArray[] u, double[][] numerical, double tol)
    {
        var (_, pullback) = Jax.VjpN(f, args);
        var cts = pullback(u);
        double lhs = 0, rhs = 0;
        for (var i = 0; i < args.Length; i++)
            if (args[i].DType.IsFloat()) lhs += Dot(cts[i].ToArray<double>(), v[i].ToArray<double>());
        for (var j = 0; j < u.Length; j++)
            if (numerical[j].Length > 0) rhs += Dot(u[j].ToArray<double>(), numerical[j]);
        if (!Close(lhs, rhs, tol)) Assert.Fail($"VJP mismatch: <vjp(u), v> = {lhs}, <u, J v> by central differences = {rhs} (tol {tol})");
    }

    // (f(x + eps v) - f(x - eps v)) / 2 eps per float output, computed on the host in float64.
    private static double[][] NumericalJvp(Func<NDArray[], NDArray[]> f, NDArray[] args, NDArray[] v)
    {
        var plus = f(Shift(args, v, Eps));
        var minus = f(Shift(args, v, -Eps));
        return plus.Select((p, i) =>
        {
            if (!p.DType.IsFloat()) return [];
            var (a, b) = (p.ToArray<double>(), minus[i].ToArray<double>());
            return a.Select((x, k) => (x - b[k]) / (2 * Eps)).ToArray();
        }).ToArray();
    }

    private static NDArray[] Shift(NDArray[] args, NDArray[] v, double step) => args.Select((a, i) =>
    {
        if (!a.DType.IsFloat()) return a;
        var (x, d) = (a.ToArray<double>(), v[i].ToArray<double>());
        return Jnp.FromHost<double>(x.Select((e, k) => e + step * d[k]).ToArray(), a.Shape, a.DType);
    }).ToArray();

    /// <summary>A random normal array like <paramref name="x"/> (zeros for integer and bool arrays).</summary>
    public static NDArray RandomLike(NDArray x, Random rng, double scale = 1)
    {
        if (!x.DType.IsFloat()) return Jnp.Zeros(x.Shape, x.DType);
        var values = new double[x.Size];
        for (var i = 0; i < values.Length; i++)
            values[i] = scale * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Jnp.FromHost<double>(values, x.Shape, x.DType);
    }

    private static double Tolerance(IEnumerable<NDArray> values) =>
        values.Any(v => v.DType is DType.Float32 or DType.Float16 or DType.BFloat16) ? 2e-3 : 1e-5;

    private static bool Close(double a, double b, double tol) => Math.Abs(a - b) <= tol + tol * Math.Abs(b);

    private static double Dot(double[] a, double[] b) => a.Zip(b).Sum(p => p.First * p.Second);
}
