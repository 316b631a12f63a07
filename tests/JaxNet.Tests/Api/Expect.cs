namespace JaxNet.Tests.Api;

/// <summary>Inputs and assertions for the jnp function tests whose expected values were computed with NumPy: dtype,
/// shape and values (NaN equal to NaN, infinities to themselves), and agreement of eager, Jit and Vmap.</summary>
internal static class Expect
{
    public static NDArray F(params float[] v) => Jnp.Array(v);

    public static NDArray D(params double[] v) => Jnp.FromHost<double>(v, [v.Length], DType.Float64);

    public static NDArray I(params int[] v) => Jnp.Array(v);

    public static NDArray Matrix(float[,] v) => Jnp.Array(v);

    public static void Values(double[] expected, NDArray actual, DType dtype = DType.Float32, int[]? shape = null, double tol = 1e-5)
    {
        var a = Read<double>(actual, dtype, shape, expected.Length);
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}");
            else if (a[i] != expected[i]) Assert.True(Math.Abs(a[i] - expected[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {a[i]}");
        }
    }

    /// <summary>A complex result: close to the expected values relative to their modulus (at least 1).</summary>
    public static void Complexes(System.Numerics.Complex[] expected, NDArray actual, double tol = 1e-5)
    {
        Assert.True(actual.DType.IsComplex(), $"expected a complex result, got {actual.DType}");
        ComplexCheck.Near(expected, actual, actual.DType, tol: tol);
    }

    /// <summary>The values of <paramref name="actual"/>, once its dtype, shape (when given) and size are checked.</summary>
    public static T[] Read<T>(NDArray actual, DType dtype, int[]? shape, int size) where T : unmanaged
    {
        Assert.Equal(dtype, actual.DType);
        if (shape is not null) Assert.Equal(shape, actual.Shape);
        var values = actual.ToArray<T>();
        Assert.Equal(size, values.Length);
        return values;
    }

    public static void Ints(int[] expected, NDArray actual, int[]? shape = null)
    {
        Assert.Equal(DType.Int32, actual.DType);
        if (shape is not null) Assert.Equal(shape, actual.Shape);
        Assert.Equal(expected, actual.ToArray<int>());
    }

    /// <summary>f under Jit, and Vmap(f) over the rows of <paramref name="batch"/> (eagerly and under Jit), give what
    /// f gives eagerly row by row.</summary>
    public static void JitAndVmapAgree(Func<NDArray, NDArray> f, NDArray batch)
    {
        var rows = Enumerable.Range(0, batch.Shape[0]).Select(i => f(batch[i])).ToArray();
        var expected = rows.SelectMany(r => r.ToArray<double>()).ToArray();
        Values(rows.SelectMany(r => r.ToArray<double>()).Take((int)rows[0].Size).ToArray(), Jax.Jit(f)(batch[0]), rows[0].DType, rows[0].Shape);
        var shape = rows[0].Shape.Prepend(rows.Length).ToArray();
        Values(expected, Jax.Vmap(f)(batch), rows[0].DType, shape);
        Values(expected, Jax.Jit(Jax.Vmap(f))(batch), rows[0].DType, shape);
    }
}
