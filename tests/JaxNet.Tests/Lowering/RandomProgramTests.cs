namespace JaxNet.Tests.Lowering;

/// <summary>
/// Differential tests: random programs of primitives (random shapes and dtypes) run eagerly, one kernel per
/// primitive, and under Jit, fused; both must agree. Fusion, views in index maps, epilogues, buffer reuse and
/// recomputation all get exercised by whichever program the generator builds.
/// </summary>
public class RandomProgramTests
{
    private sealed class Generator(int seed)
    {
        private readonly Random rng = new(seed);

        public DType DType { get; } = new Random(seed).Next(3) == 0 ? DType.Int32 : DType.Float32;

        public int[] Shape()
        {
            var rank = rng.Next(4);
            return Enumerable.Range(0, rank).Select(_ => rng.Next(1, 5)).ToArray();
        }

        public NDArray Input(int[] shape)
        {
            var n = shape.Aggregate(1, (a, b) => a * b);
            return DType == DType.Float32
                ? Jnp.FromHost<float>(Enumerable.Range(0, n).Select(_ => (float)Math.Round(rng.NextDouble() * 4 - 2, 2)).ToArray(), shape)
                : Jnp.FromHost<int>(Enumerable.Range(0, n).Select(_ => rng.Next(-5, 6)).ToArray(), shape);
        }

        /// <summary>A random program over the inputs: each step applies a random op to earlier values.</summary>
        public NDArray Program(NDArray[] inputs, int seedForProgram)
        {
            var r = new Random(seedForProgram);
            var values = inputs.ToList();
            for (var step = 0; step < 6; step++)
            {
                var a = values[r.Next(values.Count)];
                var b = values[r.Next(values.Count)];
                values.Add(Apply(r, a, b));
            }
            return values[^1];
        }

        private NDArray Apply(Random r, NDArray a, NDArray b)
        {
            var isFloat = a.DType == DType.Float32;
            switch (r.Next(14))
            {
                case 0: return a + b.Reshape(CompatibleShape(a, b));
                case 1: return a * (isFloat ? 0.5f : 2);
                case 2: return Jnp.Maximum(a, b.Reshape(CompatibleShape(a, b)));
                case 3: return isFloat ? Jnp.Tanh(a) : -a;
                case 4: return Jnp.Where(a > 0, a, a * 3);
                case 5: return a.Ndim == 0 ? a : Jnp.Sum(a, r.Next(a.Ndim), keepdims: r.Next(2) == 0);
                case 6: return a.Ndim == 0 ? a : Jnp.Max(a, r.Next(a.Ndim));
                case 7: return a.Ndim < 2 ? a : Jnp.Transpose(a);
                case 8: return a.Ndim == 0 || a.Shape[0] < 2 ? a : a[1..];
                case 9: return a.Ndim == 0 ? a : Jnp.Flip(a, r.Next(a.Ndim));
                case 10: return a.Ndim == 0 ? a : Jnp.Pad(a, 1, 1);
                case 11: return a.Ndim == 0 ? a : Jnp.Concatenate([a, a * 2], r.Next(a.Ndim));
                case 12: return Jnp.Reshape(a, -1) + 1;
                default:
                    return a.Ndim == 2 && b.Ndim == 2 && a.Shape[1] == b.Shape[0] ? Jnp.Dot(a, b) + 1 : a - 1;
            }
        }

        // b broadcast-compatible with a: b itself when it is, else a scalar from b.
        private static int[] CompatibleShape(NDArray a, NDArray b)
        {
            try
            {
                JaxNet.Core.Shapes.Broadcast("test", a.Shape, b.Shape);
                return b.Shape;
            }
            catch (ShapeException)
            {
                return b.Size == 1 ? [] : b.Shape;
            }
        }
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 200).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EagerAndJitAgree(int seed)
    {
        var g = new Generator(seed);
        var inputs = new[] { g.Input(g.Shape()), g.Input(g.Shape()) };
        NDArray Program(NDArray x, NDArray y)
        {
            try
            {
                return g.Program([x, y], seed);
            }
            catch (ShapeException)
            {
                return x + 0;
            }
        }
        var eager = Program(inputs[0], inputs[1]);
        var jitted = Jax.Jit(Program)(inputs[0], inputs[1]);
        Assert.Equal(eager.Shape, jitted.Shape);
        Assert.Equal(eager.DType, jitted.DType);
        var (e, j) = (eager.ToArray<double>(), jitted.ToArray<double>());
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - j[i]) <= 1e-4 * (1 + Math.Abs(e[i])), $"element {i}: eager {e[i]} jit {j[i]}\n{Jax.MakeJaxpr(Program)(inputs[0], inputs[1])}");
    }
}
