using JaxNet.Core;

namespace JaxNet;

/// <summary>The shape and dtype of a value, without its data (jax.ShapeDtypeStruct): what <see cref="Jax.EvalShape(Func{NDArray, NDArray}, NDArray)"/> returns.</summary>
public sealed record ShapeDtypeStruct(int[] Shape, DType DType)
{
    internal static ShapeDtypeStruct Of(ShapedArray aval) => new(aval.Shape, aval.DType);

    public override string ToString() =>
        $"ShapeDtypeStruct(shape=({string.Join(", ", Shape)}{(Shape.Length == 1 ? "," : "")}), dtype={DType.NumpyName()})";
}

public static partial class Jax
{
    /// <summary>
    /// jax.eval_shape: the shapes and dtypes <paramref name="f"/> would return, found by tracing it on abstract values
    /// only; nothing is computed and no device memory is used.
    /// </summary>
    public static ShapeDtypeStruct EvalShape(Func<NDArray, NDArray> f, NDArray x) => ShapeDtypeStruct.Of(Trace(a => [f(a[0])], f.Method.Name, x).OutAvals[0]);

    public static ShapeDtypeStruct EvalShape(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y) =>
        ShapeDtypeStruct.Of(Trace(a => [f(a[0], a[1])], f.Method.Name, x, y).OutAvals[0]);

    public static ShapeDtypeStruct EvalShape(Func<NDArray, NDArray, NDArray, NDArray> f, NDArray x, NDArray y, NDArray z) =>
        ShapeDtypeStruct.Of(Trace(a => [f(a[0], a[1], a[2])], f.Method.Name, x, y, z).OutAvals[0]);

    /// <summary>eval_shape of a function of several arrays with several results.</summary>
    public static ShapeDtypeStruct[] EvalShape(Func<NDArray[], NDArray[]> f, params NDArray[] args) =>
        Trace(f, f.Method.Name, args).OutAvals.Select(ShapeDtypeStruct.Of).ToArray();
}
