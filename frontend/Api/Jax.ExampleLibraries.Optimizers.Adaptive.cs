namespace JaxNet;

public static partial class Jax
{
    public static partial class ExampleLibraries
    {
        public static partial class Optimizers
        {
            /// <summary>
            /// adagrad (Duchi et al. 2011) with momentum: <c>G ← G + g²</c>, <c>m ← (1 − momentum) g / √G + momentum · m</c>
            /// (0 where G is 0), <c>x ← x − η(i) m</c>; the state is (x, G, m).
            /// </summary>
            public static Optimizer Adagrad(Func<NDArray, NDArray> stepSize, double momentum = 0.9)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, GSq: Jnp.ZerosLike(x), M: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var gSq = s.GSq + Jnp.Square(g);
                    var gSqInvSqrt = Jnp.Where(gSq > 0, 1.0 / Jnp.Sqrt(gSq), 0.0);
                    var m = (1 - momentum) * (g * gSqInvSqrt) + momentum * s.M;
                    return (s.X - StepSize(stepSize, i, s.X) * m, gSq, m);
                }, s => s.X);
            }

            /// <summary>adagrad with a constant step size.</summary>
            public static Optimizer Adagrad(double stepSize, double momentum = 0.9) => Adagrad(Constant(stepSize), momentum);

            /// <summary>rmsprop: <c>a ← γ a + (1 − γ) g²</c>, <c>x ← x − η(i) g / √(a + eps)</c>; the state is (x, a).</summary>
            public static Optimizer Rmsprop(Func<NDArray, NDArray> stepSize, double gamma = 0.9, double eps = 1e-8)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, AvgSqGrad: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var avgSqGrad = AverageSquare(s.AvgSqGrad, g, gamma);
                    return (s.X - StepSize(stepSize, i, s.X) * g / Jnp.Sqrt(avgSqGrad + eps), avgSqGrad);
                }, s => s.X);
            }

            /// <summary>rmsprop with a constant step size.</summary>
            public static Optimizer Rmsprop(double stepSize, double gamma = 0.9, double eps = 1e-8) => Rmsprop(Constant(stepSize), gamma, eps);

            /// <summary>
            /// rmsprop_momentum: <c>a ← γ a + (1 − γ) g²</c>, <c>μ ← momentum · μ + η(i) g / √(a + eps)</c>, <c>x ← x − μ</c>;
            /// the state is (x, a, μ).
            /// </summary>
            public static Optimizer RmspropMomentum(Func<NDArray, NDArray> stepSize, double gamma = 0.9, double eps = 1e-8, double momentum = 0.9)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, AvgSqGrad: Jnp.ZerosLike(x), Mom: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var avgSqGrad = AverageSquare(s.AvgSqGrad, g, gamma);
                    var mom = momentum * s.Mom + StepSize(stepSize, i, s.X) * g / Jnp.Sqrt(avgSqGrad + eps);
                    return (s.X - mom, avgSqGrad, mom);
                }, s => s.X);
            }

            /// <summary>rmsprop_momentum with a constant step size.</summary>
            public static Optimizer RmspropMomentum(double stepSize, double gamma = 0.9, double eps = 1e-8, double momentum = 0.9) =>
                RmspropMomentum(Constant(stepSize), gamma, eps, momentum);

            /// <summary>
            /// adam (Kingma and Ba 2015): <c>m ← (1 − b1) g + b1 m</c>, <c>v ← (1 − b2) g² + b2 v</c>, bias corrected by
            /// <c>1 − b^(i+1)</c> (b in m's dtype), <c>x ← x − η(i) m̂ / (√v̂ + eps)</c>; the state is (x, m, v).
            /// </summary>
            public static Optimizer Adam(Func<NDArray, NDArray> stepSize, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, M: Jnp.ZerosLike(x), V: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var m = (1 - b1) * g + b1 * s.M;
                    var v = (1 - b2) * Jnp.Square(g) + b2 * s.V;
                    var mHat = m / BiasCorrection(b1, i, m);
                    var vHat = v / BiasCorrection(b2, i, m);
                    return (s.X - StepSize(stepSize, i, s.X) * mHat / (Jnp.Sqrt(vHat) + eps), m, v);
                }, s => s.X);
            }

            /// <summary>adam with a constant step size.</summary>
            public static Optimizer Adam(double stepSize, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8) => Adam(Constant(stepSize), b1, b2, eps);

            /// <summary>
            /// adamax, Adam with the infinity norm: <c>m ← (1 − b1) g + b1 m</c>, <c>u ← max(b2 u, |g|)</c>,
            /// <c>x ← x − η(i) / (1 − b1^(i+1)) · m / (u + eps)</c>; the state is (x, m, u).
            /// </summary>
            public static Optimizer Adamax(Func<NDArray, NDArray> stepSize, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, M: Jnp.ZerosLike(x), U: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var m = (1 - b1) * g + b1 * s.M;
                    var u = Jnp.Maximum(b2 * s.U, Jnp.Abs(g));
                    return (s.X - StepSize(stepSize, i, s.X) / BiasCorrection(b1, i, m) * m / (u + eps), m, u);
                }, s => s.X);
            }

            /// <summary>adamax with a constant step size.</summary>
            public static Optimizer Adamax(double stepSize, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8) => Adamax(Constant(stepSize), b1, b2, eps);

            private static NDArray AverageSquare(NDArray average, NDArray g, double gamma) => average * gamma + Jnp.Square(g) * (1 - gamma);

            /// <summary><c>1 − b^(i+1)</c> with b rounded to <paramref name="like"/>'s dtype first, as JAX computes it.</summary>
            private static NDArray BiasCorrection(double b, NDArray i, NDArray like) => 1 - Jnp.Power(Jnp.Array(b, like.DType), i + 1);
        }
    }
}
