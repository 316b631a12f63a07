namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>
            /// The solver options of <see cref="Minimize(Func{NDArray, NDArray}, NDArray, string, double?, MinimizeOptions?)"/>
            /// (JAX's options dictionary). Unset options take JAX's defaults; setting one the method does not take is an
            /// error, as an unexpected keyword is in JAX.
            /// </summary>
            public sealed record MinimizeOptions
            {
                /// <summary>The most iterations; 200·n by default (for L-BFGS only when maxfun and maxgrad are unset too).</summary>
                public int? Maxiter { get; init; }

                /// <summary>The order of the gradient norm compared with <see cref="Gtol"/>: ∞ (the largest magnitude) by default.</summary>
                public double Norm { get; init; } = double.PositiveInfinity;

                /// <summary>Converged when the gradient's norm is below this (1e-5).</summary>
                public double Gtol { get; init; } = 1e-5;

                /// <summary>BFGS only: the line search's maxiter (10).</summary>
                public int? LineSearchMaxiter { get; init; }

                /// <summary>L-BFGS only: how many corrections the inverse-Hessian estimate keeps (10).</summary>
                public int? Maxcor { get; init; }

                /// <summary>L-BFGS only: stop (status 4) when an iteration lowers the objective by less than this (2.22e-9).</summary>
                public double? Ftol { get; init; }

                /// <summary>L-BFGS only: stop (status 2) once this many objective evaluations are used; unbounded by default.</summary>
                public int? Maxfun { get; init; }

                /// <summary>L-BFGS only: stop (status 3) once this many gradient evaluations are used; unbounded by default.</summary>
                public int? Maxgrad { get; init; }

                /// <summary>L-BFGS only: the line search's maxiter (20).</summary>
                public int? Maxls { get; init; }

                /// <summary>Refuses options the method does not take, and counts that cannot be.</summary>
                internal void Validate(bool bfgs)
                {
                    var foreign = bfgs
                        ? new (string Name, bool Set)[] { ("maxcor", Maxcor is not null), ("ftol", Ftol is not null), ("maxfun", Maxfun is not null),
                            ("maxgrad", Maxgrad is not null), ("maxls", Maxls is not null) }
                        : [("line_search_maxiter", LineSearchMaxiter is not null)];
                    foreach (var (name, set) in foreign)
                        if (set) throw new ArgumentException($"minimize: {(bfgs ? "BFGS" : "L-BFGS")} takes no option {name}");
                    NotNegative(Maxiter, "maxiter");
                    NotNegative(LineSearchMaxiter, "line_search_maxiter");
                    NotNegative(Maxfun, "maxfun");
                    NotNegative(Maxgrad, "maxgrad");
                    NotNegative(Maxls, "maxls");
                    if (Maxcor is < 1) throw new ArgumentOutOfRangeException(nameof(Maxcor), Maxcor, "minimize: maxcor must be at least 1");
                    if (double.IsNaN(Gtol) || double.IsNaN(Ftol ?? 0))
                        throw new ArgumentException("minimize: gtol and ftol must not be NaN");
                    if (double.IsNaN(Norm)) throw new ArgumentException("minimize: norm must not be NaN");
                }

                private static void NotNegative(int? value, string name)
                {
                    if (value is < 0) throw new ArgumentOutOfRangeException(name, value, $"minimize: {name} must not be negative");
                }
            }
        }
    }
}
