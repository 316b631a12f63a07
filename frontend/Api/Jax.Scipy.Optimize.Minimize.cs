namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.optimize: unconstrained minimization (BFGS and JAX's experimental L-BFGS) and the strong-Wolfe
        /// line search they share. Everything is built from lax while loops and the objective's value and gradient
        /// (<see cref="Jax.Vjp(Func{NDArray, NDArray}, NDArray)"/>), so it runs eagerly, under Jit and under Vmap (a
        /// batch of starting points), as JAX's does. It is not differentiable (lax while loops are not
        /// reverse-differentiable), as in JAX.
        /// </summary>
        public static partial class Optimize
        {
            private const string Bfgs = "bfgs";
            private const string Lbfgs = "l-bfgs-experimental-do-not-rely-on-this";

            /// <summary>
            /// jax.scipy.optimize.minimize: minimizes the real scalar <paramref name="fun"/> from the one-dimensional
            /// <paramref name="x0"/> with <paramref name="method"/> "BFGS" or "l-bfgs-experimental-do-not-rely-on-this"
            /// (case-insensitive). Integer or bool x0 is converted to the default float type; the objective's value is
            /// carried in x0's dtype. As in JAX, <paramref name="tol"/> is accepted for SciPy's signature and unused:
            /// set <see cref="MinimizeOptions.Gtol"/>.
            /// </summary>
            /// <exception cref="ArgumentException">An unknown method, an option the method does not take, complex or empty x0,
            /// or an objective that does not return a real scalar.</exception>
            /// <exception cref="ShapeException">x0 is not one-dimensional.</exception>
            public static OptimizeResults Minimize(Func<NDArray, NDArray> fun, NDArray x0, string method, double? tol = null,
                MinimizeOptions? options = null)
            {
                ArgumentNullException.ThrowIfNull(fun);
                ArgumentNullException.ThrowIfNull(method);
                var solver = method.ToLowerInvariant();
                if (solver is not (Bfgs or Lbfgs)) throw new ArgumentException($"minimize: method {method} not recognized", nameof(method));
                options ??= new MinimizeOptions();
                options.Validate(solver == Bfgs);
                x0 = StartingPoint(x0, "minimize");
                var objective = Objective.Of(fun, x0, "minimize");
                return solver == Bfgs ? MinimizeBfgs(objective, x0, options) : MinimizeLbfgs(objective, x0, options);
            }

            /// <summary>
            /// <see cref="Minimize(Func{NDArray, NDArray}, NDArray, string, double?, MinimizeOptions?)"/> of
            /// <c>fun(x, args)</c>, JAX's <c>fun(x, *args)</c>: the extra arguments are held fixed.
            /// </summary>
            public static OptimizeResults Minimize(Func<NDArray, NDArray[], NDArray> fun, NDArray x0, NDArray[] args, string method,
                double? tol = null, MinimizeOptions? options = null)
            {
                ArgumentNullException.ThrowIfNull(fun);
                ArgumentNullException.ThrowIfNull(args);
                return Minimize(x => fun(x, args), x0, method, tol, options);
            }

            /// <summary>x0 checked (one-dimensional, real, not empty) and made inexact.</summary>
            private static NDArray StartingPoint(NDArray x0, string name)
            {
                ArgumentNullException.ThrowIfNull(x0);
                if (x0.Ndim != 1)
                    throw new ShapeException($"{name}: x0 must be one-dimensional, of shape (n,), got {Core.Shapes.Format(x0.Shape)}");
                if (x0.DType.IsComplex()) throw new ArgumentException($"{name}: x0 must be real, got {x0.DType.NumpyName()}", nameof(x0));
                if (x0.Shape[0] == 0) throw new ArgumentException($"{name}: x0 must not be empty", nameof(x0));
                return x0.DType.IsInexact() ? x0 : Lax.ConvertElementType(x0, Core.TypePromotion.DefaultFloat);
            }

            /// <summary>The norm that the convergence test compares with gtol (JAX's jnp.linalg.norm(g, ord=norm)).</summary>
            private static NDArray GradientNorm(NDArray g, double norm) => Jnp.Linalg.Norm(g, norm);

            /// <summary>A counter: an int32 scalar.</summary>
            private static NDArray Count(int n) => Jnp.Array(n, DType.Int32);
        }
    }
}
