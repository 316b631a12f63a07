using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.select_n(which, *cases): elementwise, the case that <paramref name="which"/> names. which is bool (two
        /// cases: false picks the first) or int32 (any number of cases), a scalar or of the cases' shape; the cases
        /// share one shape and dtype. An int32 which outside [0, n) is undefined in JAX; here it takes the nearest
        /// case. Differentiable in the cases (each gets the cotangent where it was picked), batched and jitted as
        /// the selects it is built from.
        /// </summary>
        public static NDArray SelectN(NDArray which, params NDArray[] cases)
        {
            if (cases.Length == 0) throw new ArgumentException("select_n: needs at least one case", nameof(cases));
            if (which.DType != DType.Bool && which.DType != DType.Int32)
                throw new ShapeException($"select_n: which must be bool or int32, got {which.DType.NumpyName()}");
            if (which.DType == DType.Bool && cases.Length != 2)
                throw new ShapeException($"select_n: a bool which selects between exactly two cases, got {cases.Length}");
            foreach (var c in cases)
                if (!Shapes.Equal(c.Shape, cases[0].Shape) || c.DType != cases[0].DType)
                    throw new ShapeException($"select_n: cases must have one shape and dtype, got {c.DType.NumpyName()}{Shapes.Format(c.Shape)} " +
                        $"and {cases[0].DType.NumpyName()}{Shapes.Format(cases[0].Shape)}");
            if (which.Ndim != 0 && !Shapes.Equal(which.Shape, cases[0].Shape))
                throw new ShapeException($"select_n: which must be a scalar or have the cases' shape {Shapes.Format(cases[0].Shape)}, got {Shapes.Format(which.Shape)}");
            if (which.DType == DType.Bool) return Select(which, cases[1], cases[0]);
            // Case k wherever which >= k, from the first up: each element ends on the largest k not above which.
            var result = cases[0];
            for (var k = 1; k < cases.Length; k++)
                result = Select(Ge(which, NDArray.FromScalar(Scalar.Of(DType.Int32, k), false)), cases[k], result);
            return result;
        }
    }
}
