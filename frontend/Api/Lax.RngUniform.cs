using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        private static long rngUniformDraws;

        /// <summary>
        /// lax.rng_uniform: values uniform in [<paramref name="minval"/>, <paramref name="maxval"/>) of
        /// <paramref name="shape"/>, from a hidden generator state. JAX hands this to XLA's stateful RngUniform, whose
        /// values are backend-defined, and discourages it in favour of jax.random. JaxNet keeps the state on the host: a
        /// process-wide counter, advanced by every draw, becomes a Threefry key read through a host callback, and
        /// <see cref="Random.Uniform"/> draws from that key. So every eager call and every call of a compiled program
        /// gives new values (the callback runs at each call, which splits a jitted program where it stands), a run of
        /// the process repeats the same sequence, and two threads drawing at once get distinct keys in either order.
        /// Floating-point bounds only: XLA's integer form has no counterpart here. As in JAX, maxval &lt;= minval leaves
        /// the values undefined. No derivative (a host callback has none).
        /// </summary>
        /// <exception cref="ShapeException">Bounds that are not scalars, or a negative dimension.</exception>
        /// <exception cref="ArgumentException">Bounds of different dtypes, or of a dtype that is not floating-point.</exception>
        public static NDArray RngUniform(NDArray minval, NDArray maxval, int[] shape)
        {
            ArgumentNullException.ThrowIfNull(minval);
            ArgumentNullException.ThrowIfNull(maxval);
            ArgumentNullException.ThrowIfNull(shape);
            if (minval.Ndim != 0 || maxval.Ndim != 0)
                throw new ShapeException($"rng_uniform: the bounds must be scalars, got {minval.Aval.Str()} and {maxval.Aval.Str()}");
            if (shape.Any(d => d < 0)) throw new ShapeException($"rng_uniform: negative dimension in shape {Shapes.Format(shape)}");
            // A weakly typed bound (a C# literal) takes the other's dtype, as in JAX's promotion.
            var dtype = minval.WeakType ? maxval.DType : minval.DType;
            if (!minval.WeakType && !maxval.WeakType && minval.DType != maxval.DType)
                throw new ArgumentException($"rng_uniform: the bounds must have one dtype, got {minval.DType.NumpyName()} and {maxval.DType.NumpyName()}");
            if (!dtype.IsFloat())
                throw new ArgumentException($"rng_uniform: floating-point bounds are needed, got {dtype.NumpyName()}");
            var words = PureCallback(_ => [NextRngUniformKey()], [new ShapeDtypeStruct([2], DType.UInt32)], [])[0];
            return Random.Uniform(words, shape, dtype, minval, maxval);
        }

        private static NDArray NextRngUniformKey()
        {
            var draw = (ulong)Interlocked.Increment(ref rngUniformDraws);
            return Jnp.FromHost<uint>([(uint)(draw >> 32), (uint)draw], [2], DType.UInt32);
        }
    }
}
