namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>
            /// The function being minimized, evaluated with its gradient (JAX's value_and_grad) at points of one dtype.
            /// Its value is carried in that dtype, so that loop carries keep their types whatever the function returns.
            /// </summary>
            private sealed class Objective
            {
                private readonly Func<NDArray, NDArray> fun;
                private readonly string caller;

                private Objective(Func<NDArray, NDArray> fun, DType dtype, string caller) => (this.fun, DType, this.caller) = (fun, dtype, caller);

                public DType DType { get; }

                public static Objective Of(Func<NDArray, NDArray> fun, NDArray x, string caller) => new(fun, x.DType, caller);

                /// <summary>f(x) and ∇f(x); a result that is not a real scalar is an <see cref="ArgumentException"/>.</summary>
                public (NDArray Value, NDArray Grad) At(NDArray x)
                {
                    var (value, pullback) = Jax.Vjp(fun, x);
                    if (value.Ndim != 0 || !value.DType.IsFloat())
                        throw new ArgumentException($"{caller}: the objective must return a real floating-point scalar, got " +
                            $"{value.DType.NumpyName()}{Core.Shapes.Format(value.Shape)}");
                    var grad = pullback(Jnp.OnesLike(value));
                    return (Lax.ConvertElementType(value, DType), grad);
                }
            }
        }
    }
}
