namespace JaxNet;

public static partial class Jax
{
    public static partial class ExampleLibraries
    {
        public static partial class Optimizers
        {
            /// <summary>
            /// sm3 (Anil et al. 2019, "Memory-Efficient Adaptive Optimization"): one accumulator per index of each axis
            /// instead of one per element. With the parameter seen as at least one-dimensional, each step takes
            /// <c>ν = min over axes j of v_j (broadcast along j) + g²</c>, <c>m ← (1 − momentum) g / √ν + momentum · m</c>
            /// (0 where ν is 0), <c>x ← x − η(i) m</c>, and sets each <c>v_j</c> to the maximum of ν over the other axes.
            /// The state is (x, m, [v_0, v_1, …]).
            /// </summary>
            public static Optimizer Sm3(Func<NDArray, NDArray> stepSize, double momentum = 0.9)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x =>
                {
                    var x1 = Jnp.Atleast1d(x);
                    return (X: x, M: Jnp.ZerosLike(x1), Vs: x1.Shape.Select(n => Jnp.Zeros([n], x.DType)).ToArray());
                }, (i, g, s) =>
                {
                    // JAX keeps the parameter at least one-dimensional in its state and reshapes it when read; here the
                    // state keeps its shape and the step works on the one-dimensional view.
                    var (x, g1) = (Jnp.Atleast1d(s.X), Jnp.Atleast1d(g));
                    var axes = Enumerable.Range(0, g1.Ndim).ToArray();
                    var accum = s.Vs.Select((v, j) => v.Reshape([.. axes.Select(k => k == j ? v.Shape[0] : 1)])).Aggregate(Jnp.Minimum) + Jnp.Square(g1);
                    var accumInvSqrt = Jnp.Where(accum > 0, 1.0 / Jnp.Sqrt(accum), 0.0);
                    var m = (1 - momentum) * (g1 * accumInvSqrt) + momentum * s.M;
                    x = x - StepSize(stepSize, i, x) * m;
                    var vs = axes.Select(j => MaxOverOtherAxes(accum, j)).ToArray();
                    return (x.Reshape(s.X.Shape), m, vs);
                }, s => s.X);
            }

            /// <summary>sm3 with a constant step size.</summary>
            public static Optimizer Sm3(double stepSize, double momentum = 0.9) => Sm3(Constant(stepSize), momentum);

            private static NDArray MaxOverOtherAxes(NDArray x, int axis)
            {
                int[] others = [.. Enumerable.Range(0, x.Ndim).Where(k => k != axis)];
                return others.Length == 0 ? x : Lax.ReduceMax(x, others);
            }
        }
    }
}
