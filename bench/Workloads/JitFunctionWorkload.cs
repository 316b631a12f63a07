namespace JaxNet.Bench.Workloads;

/// <summary>
/// One float64 (under x64) or float32 transcendental of a million values under <c>Jax.Jit</c>, with nothing fused
/// around it: the cpu backend's vector routine for it (float64 tanh, expm1, log1p, erf, pow, atan2 were computed lane
/// by lane with Math before 2026-11-28; float32 tan, atan, atan2 and asin ran the float64 routines on widened halves
/// before 2026-11-29). Inputs are uniform over a range where the function does real work; bench/peers.py uses the
/// same ranges and dtype for NumPy and PyTorch.
/// </summary>
internal sealed class JitFunctionWorkload : FrontendWorkload
{
    private const int Count = 1_000_000;

    private readonly string key;
    private readonly string name;
    private readonly Func<NDArray, NDArray, NDArray> function;
    private readonly Func<double, double, double> reference;
    private readonly (double Lo, double Hi) xRange;
    private readonly (double Lo, double Hi)? yRange;
    private readonly double tolerance;
    private readonly DType dtype;

    private JitFunctionWorkload(string key, string name, Func<NDArray, NDArray, NDArray> function,
        Func<double, double, double> reference, (double, double) xRange, (double, double)? yRange, double tolerance, DType dtype)
    {
        this.tolerance = tolerance;
        this.key = key;
        this.name = name;
        this.function = function;
        this.reference = reference;
        this.xRange = xRange;
        this.yRange = yRange;
        this.dtype = dtype;
    }

    /// <summary>
    /// A row of f(x); sampled outputs must be within <paramref name="tolerance"/> (relative) of the reference applied to
    /// the inputs as stored (so a float32 row's reference sees the float32 values).
    /// </summary>
    public static JitFunctionWorkload Unary(string key, string name, Func<NDArray, NDArray> function, Func<double, double> reference,
        double lo, double hi, double tolerance = 1e-13, DType dtype = DType.Float64) =>
        new(key, name, (x, _) => function(x), (x, _) => reference(x), (lo, hi), null, tolerance, dtype);

    public static JitFunctionWorkload Binary(string key, string name, Func<NDArray, NDArray, NDArray> function,
        Func<double, double, double> reference, (double, double) xRange, (double, double) yRange, double tolerance = 1e-13,
        DType dtype = DType.Float64) =>
        new(key, name, function, reference, xRange, yRange, tolerance, dtype);

    private bool Wide => dtype == DType.Float64;

    public override string Title => $"{name}, 1M {dtype.ShortName()} (jit)";

    public override string PeerKey => key;

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var xs = Spread(Uniform(Count, 62), xRange);
        var ys = yRange is { } range ? Spread(Uniform(Count, 63), range) : null;
        var (x, y) = WithX64(Wide, () => (Jnp.FromHost(xs, [Count], dtype), ys is null ? null : Jnp.FromHost(ys, [Count], dtype)));
        Func<NDArray, NDArray, NDArray> binary = Jax.Jit((NDArray u, NDArray v) => function(u, v));
        Func<NDArray, NDArray> unary = Jax.Jit((NDArray u) => function(u, u));
        NDArray Call() => y is null ? unary(x) : binary(x, y);
        return (() => WithX64(Wide, () => { Disposed(Call()); return 0; }), () => WithX64(Wide, () =>
        {
            using var result = Call();
            var got = result.ToArray<double>();
            for (var i = 0; i < Count; i += 997)
            {
                var expected = reference(xs[i], ys is null ? 0 : ys[i]);
                if (result.DType != dtype || !(Math.Abs(got[i] - expected) <= tolerance * Math.Abs(expected) + 1e-300))
                    throw new ResultMismatchException($"{name}: out[{i}] = {got[i]:R} ({result.DType}), expected {expected:R}");
            }
            return $"sampled elements match; {KernelCount(y is null ? unary.Lower(x) : binary.Lower(x, y))}";
        }), y is null ? [x] : [x, y]);
    }

    /// <summary>The unit values spread over the range, then rounded to the row's dtype (the reference sees those).</summary>
    private double[] Spread(float[] unit, (double Lo, double Hi) range) =>
        unit.Select(u => range.Lo + (u + 1d) / 2 * (range.Hi - range.Lo)).Select(v => Wide ? v : (float)v).ToArray();
}
