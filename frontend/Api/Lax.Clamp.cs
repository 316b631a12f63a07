using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.clamp(min, x, max): x limited to [min, max] elementwise. <paramref name="min"/> and <paramref name="max"/>
        /// are scalars or have x's shape, and x's dtype (a C# literal takes it), as lax requires; a NaN x stays NaN.
        /// The derivative in x is 1 strictly inside the bounds and 0 outside or on them, and each bound gets the
        /// cotangent where it is the result, as JAX's rule gives.
        /// </summary>
        public static NDArray Clamp(NDArray min, NDArray x, NDArray max)
        {
            (min, x) = AdoptWeak(min, x);
            (max, x) = AdoptWeak(max, x);
            foreach (var (bound, name) in new[] { (min, "min"), (max, "max") })
            {
                if (bound.Ndim != 0 && !Shapes.Equal(bound.Shape, x.Shape))
                    throw new ShapeException($"clamp: {name} must be a scalar or have the operand's shape {Shapes.Format(x.Shape)}, got {Shapes.Format(bound.Shape)}");
                if (bound.DType != x.DType)
                    throw new ShapeException($"clamp: {name} has dtype {bound.DType.NumpyName()}, the operand {x.DType.NumpyName()}; lax.clamp needs one dtype");
            }
            if (x.DType.IsComplex()) throw new ShapeException("clamp: complex operands have no order");
            var low = Broadcasted(min, x.Shape);
            var high = Broadcasted(max, x.Shape);
            var inside = Gt(x, low) & Lt(x, high);
            // Below min (or on it) min is the value, above max (or on it) max; NaN compares false and stays.
            return Select(inside, x, Select(Le(x, low), low, Select(Ge(x, high), high, x)));
        }

        private static NDArray Broadcasted(NDArray bound, int[] shape) =>
            bound.Ndim == 0 && shape.Length > 0 ? BroadcastInDim(bound, shape, []) : bound;
    }
}
