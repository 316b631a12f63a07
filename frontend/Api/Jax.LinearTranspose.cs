using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.linear_transpose: the transpose of <paramref name="f"/>, a function linear in its argument, whose shape
    /// and dtype <paramref name="primal"/> gives (its values are not used). The result maps a cotangent of f's
    /// result to one of its argument: for f(x) = A x it computes A^T ct. f must be linear: sin(x) or x * x raise
    /// when the transpose runs; constants f computes without its argument are evaluated once, at tracing.
    /// </summary>
    public static Func<NDArray, NDArray> LinearTranspose(Func<NDArray, NDArray> f, NDArray primal)
    {
        var transpose = LinearTransposition.Transpose(a => [f(a[0])], [primal], f.Method.Name);
        return ct => transpose([ct])[0];
    }

    public static Func<NDArray, NDArray[]> LinearTranspose(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y)
    {
        var transpose = LinearTransposition.Transpose(a => [f(a[0], a[1])], [x, y], f.Method.Name);
        return ct => transpose([ct]);
    }

    /// <summary>The transpose of a linear function of several arrays with several results: cotangents of the results
    /// (null for zero) to cotangents of the arguments.</summary>
    public static Func<NDArray?[], NDArray[]> LinearTransposeN(Func<NDArray[], NDArray[]> f, NDArray[] primals) =>
        LinearTransposition.Transpose(f, primals, f.Method.Name);
}
