using JaxNet.Core;

namespace JaxNet;

/// <summary>The limits of a float type (jnp.finfo); a complex type reports its parts' type.</summary>
/// <param name="Eps">The distance from 1 to the next larger value.</param>
/// <param name="Epsneg">The distance from 1 to the next smaller value.</param>
/// <param name="Tiny">The smallest positive normal value (NumPy's tiny and smallest_normal).</param>
/// <param name="Resolution">10^-precision, rounded to the type.</param>
/// <param name="Precision">The number of decimal digits the type holds exactly.</param>
public sealed record FloatTypeInfo(DType DType, int Bits, double Eps, double Epsneg, double Max, double Min, double Tiny,
    double SmallestSubnormal, double Resolution, int Precision);

/// <summary>The range of an integer type (jnp.iinfo). Int128 holds every bound, uint64's max included.</summary>
public sealed record IntTypeInfo(DType DType, int Bits, Int128 Min, Int128 Max);

/// <summary>
/// finfo, iinfo and isdtype: static facts about dtypes, with NumPy's values (ml_dtypes' for bfloat16). They read
/// no array data, so they serve under Jit as plain C# values.
/// </summary>
public static partial class Jnp
{
    public static FloatTypeInfo Finfo(DType dtype) => dtype.RealPart() switch
    {
        DType.Float16 => new(DType.Float16, 16, Math.ScaleB(1, -10), Math.ScaleB(1, -11), 65504, -65504, Math.ScaleB(1, -14),
            Math.ScaleB(1, -24), (double)(Half)1e-3, 3),
        DType.BFloat16 => new(DType.BFloat16, 16, Math.ScaleB(1, -7), Math.ScaleB(1, -8), Math.ScaleB(255, 120), -Math.ScaleB(255, 120),
            Math.ScaleB(1, -126), Math.ScaleB(1, -133), Math.ScaleB(164, -14), 2),
        DType.Float32 => new(DType.Float32, 32, Math.ScaleB(1, -23), Math.ScaleB(1, -24), float.MaxValue, float.MinValue, Math.ScaleB(1, -126),
            Math.ScaleB(1, -149), (float)1e-6, 6),
        DType.Float64 => new(DType.Float64, 64, Math.ScaleB(1, -52), Math.ScaleB(1, -53), double.MaxValue, double.MinValue, Math.ScaleB(1, -1022),
            double.Epsilon, 1e-15, 15),
        _ => throw new ArgumentException($"finfo: {dtype.NumpyName()} is not a float or complex type", nameof(dtype)),
    };

    public static FloatTypeInfo Finfo(NDArray x) => Finfo(x.DType);

    public static IntTypeInfo Iinfo(DType dtype) => dtype switch
    {
        DType.Int8 => new(dtype, 8, sbyte.MinValue, sbyte.MaxValue),
        DType.Int16 => new(dtype, 16, short.MinValue, short.MaxValue),
        DType.Int32 => new(dtype, 32, int.MinValue, int.MaxValue),
        DType.Int64 => new(dtype, 64, long.MinValue, long.MaxValue),
        DType.UInt8 => new(dtype, 8, 0, byte.MaxValue),
        DType.UInt16 => new(dtype, 16, 0, ushort.MaxValue),
        DType.UInt32 => new(dtype, 32, 0, uint.MaxValue),
        DType.UInt64 => new(dtype, 64, 0, ulong.MaxValue),
        _ => throw new ArgumentException($"iinfo: {dtype.NumpyName()} is not an integer type", nameof(dtype)),
    };

    public static IntTypeInfo Iinfo(NDArray x) => Iinfo(x.DType);

    /// <summary>
    /// The array API's isdtype: whether <paramref name="dtype"/> is of a kind, one of "bool", "signed integer",
    /// "unsigned integer", "integral", "real floating", "complex floating" and "numeric" (everything but bool).
    /// </summary>
    public static bool Isdtype(DType dtype, string kind) => kind switch
    {
        "bool" => dtype == DType.Bool,
        "signed integer" => dtype.IsSignedInteger(),
        "unsigned integer" => dtype.IsUnsignedInteger(),
        "integral" => dtype.IsInteger(),
        "real floating" => dtype.IsFloat(),
        "complex floating" => dtype.IsComplex(),
        "numeric" => dtype != DType.Bool,
        _ => throw new ArgumentException($"isdtype: unknown kind \"{kind}\" (bool, signed integer, unsigned integer, integral, real floating, complex floating, numeric)", nameof(kind)),
    };

    /// <summary>Whether <paramref name="dtype"/> is of any of the kinds (the array API's tuple form).</summary>
    public static bool Isdtype(DType dtype, params string[] kinds) => kinds.Any(k => Isdtype(dtype, k));
}
