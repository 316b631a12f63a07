namespace JaxNet.Bench.Workloads;

/// <summary>Arrays of any kernel dtype built from, and read back as, doubles (values the dtype holds exactly), so
/// that one workload definition serves rows of several dtypes.</summary>
internal static class TypedArrays
{
    public static NDArray FromValues(DType dtype, int[] shape, Func<long, double> value)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        return dtype switch
        {
            DType.Float32 => Jnp.FromHost<float>(Fill(count, i => (float)value(i)), shape, dtype),
            DType.Float64 => Jnp.FromHost<double>(Fill(count, value), shape, dtype),
            DType.Int32 => Jnp.FromHost<int>(Fill(count, i => (int)value(i)), shape, dtype),
            DType.UInt8 => Jnp.FromHost<byte>(Fill(count, i => (byte)value(i)), shape, dtype),
            DType.Bool => Jnp.FromHost<bool>(Fill(count, i => value(i) != 0), shape, dtype),
            _ => throw new ArgumentException($"no host values for {dtype}", nameof(dtype)),
        };
    }

    public static double[] ToDoubles(NDArray array) => array.DType switch
    {
        DType.Float32 => array.ToArray<float>().Select(v => (double)v).ToArray(),
        DType.Float64 => array.ToArray<double>(),
        DType.Int32 => array.ToArray<int>().Select(v => (double)v).ToArray(),
        DType.UInt8 => array.ToArray<byte>().Select(v => (double)v).ToArray(),
        DType.Bool => array.ToArray<bool>().Select(v => v ? 1.0 : 0.0).ToArray(),
        _ => throw new ArgumentException($"no host values for {array.DType}", nameof(array)),
    };

    private static T[] Fill<T>(int count, Func<long, T> value)
    {
        var values = new T[count];
        for (var i = 0; i < count; i++) values[i] = value(i);
        return values;
    }
}
