using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Double-sided Maxwell values, density proportional to <c>z^2 exp(-z^2 / 2)</c> for <c>z = (x - loc) / scale</c>
        /// (jax.random.double_sided_maxwell): as JAX draws them, a one-sided Maxwell value from the first of two split
        /// keys times a Rademacher sign from the second, scaled and shifted. The result has shape
        /// <c>shape + broadcast(loc, scale)</c>, as JAX documents <paramref name="shape"/> ("added to the parameters'
        /// broadcast shape"); JAX's own code doubles the parameters' shape when shape is empty, which this does not.
        /// </summary>
        public static NDArray DoubleSidedMaxwell(KeyArrayLike key, NDArray loc, NDArray scale, int[]? shape = null, DType? dtype = null)
        {
            if (shape is not null && shape.Any(n => n < 0))
                throw new ArgumentException($"Jax.Random.DoubleSidedMaxwell: shape {Shapes.Format(shape)} has a negative dimension");
            var parameters = Shapes.Broadcast("Jax.Random.DoubleSidedMaxwell", loc.Aval.Shape, scale.Aval.Shape);
            int[] full = [.. shape ?? [], .. parameters];
            return SampleFloat("DoubleSidedMaxwell", key, full, dtype, [loc, scale], (k, a, s, d, p) =>
            {
                var keys = SplitKeys(k, 2, p);
                var normals = NormalCore(keys[0], [.. s, 3], d, p);
                var magnitude = Lax.Sqrt(Lax.ReduceSum(Lax.Mul(normals, normals), [s.Length]));
                var sign = RademacherCore(keys[1], s, d, p);
                return Lax.Add(Lax.Mul(Lax.Mul(sign, magnitude), Param(a[1], d, s)), Param(a[0], d, s));
            });
        }

        /// <summary>A key to use again (jax.random.clone): outside JAX's key-reuse checking, which JaxNet does not
        /// have, the key itself.</summary>
        public static NDArray Clone(NDArray key) => key;
    }
}
