using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// The values of one scalar-program node (or one tensor) at a run of points: doubles for float dtypes, longs for
/// integer dtypes and Bool, in the representation of <see cref="DTypeValues"/>.
/// </summary>
internal sealed class Column
{
    private Column(DType dtype, double[]? floats, long[]? ints)
    {
        DType = dtype;
        Floats = floats!;
        Ints = ints!;
    }

    public DType DType { get; }

    /// <summary>The values when <see cref="DType"/> is a float dtype (otherwise null).</summary>
    public double[] Floats { get; }

    /// <summary>The values when <see cref="DType"/> is an integer dtype or Bool (otherwise null).</summary>
    public long[] Ints { get; }

    public bool IsFloat => DType.IsFloat();

    public int Length => IsFloat ? Floats.Length : Ints.Length;

    public static Column Create(DType dtype, int length) =>
        dtype.IsFloat() ? new Column(dtype, new double[length], null) : new Column(dtype, null, new long[length]);

    public static Column OfFloats(DType dtype, double[] values) => new(dtype, values, null);

    public static Column OfInts(DType dtype, long[] values) => new(dtype, null, values);

    /// <summary>Copies values [start, start + length) to <paramref name="destination"/> from destinationStart on.</summary>
    public void CopyTo(int start, Column destination, int destinationStart, int length)
    {
        if (IsFloat) Array.Copy(Floats, start, destination.Floats, destinationStart, length);
        else Array.Copy(Ints, start, destination.Ints, destinationStart, length);
    }

    /// <summary>Value i as a double (exact for floats, rounded for 64-bit integers): for reports and sorting.</summary>
    public double AsDouble(int i) => IsFloat ? Floats[i] : Ints[i];
}
