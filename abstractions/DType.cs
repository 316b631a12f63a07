using JaxNet.Abstractions;

namespace JaxNet;

/// <summary>
/// Element types of arrays and of the kernel IR. The values are part of ABI v1: append only (Int8, Int16, UInt16 and
/// UInt64 came with ABI 1.4, after the complex types, so no earlier value moved). The complex types are
/// the frontend's alone: it stores a complex array as interleaved (real, imaginary) pairs of its component type and
/// expands complex arithmetic into real kernels before lowering, so no backend ever sees them (they are not in
/// <see cref="DTypeInfo.All"/>).
/// </summary>
public enum DType : byte
{
    Bool = 0,
    UInt8 = 1,
    Int32 = 2,
    Int64 = 3,
    UInt32 = 4,
    Float16 = 5,
    BFloat16 = 6,
    Float32 = 7,
    Float64 = 8,
    Complex64 = 9,
    Complex128 = 10,
    Int8 = 11,
    Int16 = 12,
    UInt16 = 13,
    UInt64 = 14,
}

/// <summary>Facts about a <see cref="DType"/> that every layer needs.</summary>
public static class DTypeInfo
{
    /// <summary>Bytes per element in a buffer (Bool is one byte holding 0 or 1).</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Bool or DType.UInt8 or DType.Int8 => 1,
        DType.Float16 or DType.BFloat16 or DType.Int16 or DType.UInt16 => 2,
        DType.Int32 or DType.UInt32 or DType.Float32 => 4,
        DType.Int64 or DType.UInt64 or DType.Float64 or DType.Complex64 => 8,
        DType.Complex128 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloat(this DType dtype) =>
        dtype is DType.Float16 or DType.BFloat16 or DType.Float32 or DType.Float64;

    public static bool IsComplex(this DType dtype) => dtype is DType.Complex64 or DType.Complex128;

    /// <summary>Float or complex: the types with a tangent space (JAX's inexact).</summary>
    public static bool IsInexact(this DType dtype) => dtype.IsFloat() || dtype.IsComplex();

    /// <summary>The type of a complex type's real and imaginary parts (float32 for complex64); any other type itself.</summary>
    public static DType RealPart(this DType dtype) => dtype switch
    {
        DType.Complex64 => DType.Float32,
        DType.Complex128 => DType.Float64,
        _ => dtype,
    };

    /// <summary>The complex type with parts of <paramref name="dtype"/>: complex128 for float64, complex64 for narrower floats.</summary>
    public static DType ToComplex(this DType dtype) => dtype switch
    {
        DType.Float64 or DType.Complex128 => DType.Complex128,
        _ => DType.Complex64,
    };

    public static bool IsInteger(this DType dtype) => dtype.IsSignedInteger() || dtype.IsUnsignedInteger();

    public static bool IsSignedInteger(this DType dtype) => dtype is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;

    public static bool IsUnsignedInteger(this DType dtype) => dtype is DType.UInt8 or DType.UInt16 or DType.UInt32 or DType.UInt64;

    /// <summary>Bits of an integer type (Bool counts as 1).</summary>
    public static int BitWidth(this DType dtype) => dtype == DType.Bool ? 1 : dtype.SizeOf() * 8;

    /// <summary>JAX's short names, used in printed jaxprs and the kernel IR text: f32, i32, bool, ...</summary>
    public static string ShortName(this DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "u8",
        DType.Int32 => "i32",
        DType.Int64 => "i64",
        DType.UInt32 => "u32",
        DType.Float16 => "f16",
        DType.BFloat16 => "bf16",
        DType.Float32 => "f32",
        DType.Float64 => "f64",
        DType.Complex64 => "c64",
        DType.Complex128 => "c128",
        DType.Int8 => "i8",
        DType.Int16 => "i16",
        DType.UInt16 => "u16",
        DType.UInt64 => "u64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>NumPy's names: float32, int32, bool, ...</summary>
    public static string NumpyName(this DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "uint8",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.UInt32 => "uint32",
        DType.Float16 => "float16",
        DType.BFloat16 => "bfloat16",
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Complex64 => "complex64",
        DType.Complex128 => "complex128",
        DType.Int8 => "int8",
        DType.Int16 => "int16",
        DType.UInt16 => "uint16",
        DType.UInt64 => "uint64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Parses a short or NumPy name (f32 or float32).</summary>
    public static DType Parse(string name)
    {
        foreach (var d in Enum.GetValues<DType>())
        {
            if (d.ShortName() == name || d.NumpyName() == name) return d;
        }
        throw new FormatException($"unknown dtype '{name}'");
    }

    /// <summary>
    /// Every dtype of the current ABI a backend may see, in enum order (not the frontend's complex types). It grows
    /// with minor versions, so a backend claims <see cref="InAbi"/> of the version whose dtypes it has code for.
    /// </summary>
    public static IReadOnlyList<DType> All { get; } = Enum.GetValues<DType>().Where(d => !d.IsComplex()).ToArray();

    /// <summary>The ABI version that added <paramref name="dtype"/> (1.4 for the 8-, 16- and unsigned 64-bit integers, else 1.0).</summary>
    public static AbiVersion IntroducedIn(this DType dtype) =>
        dtype is DType.Int8 or DType.Int16 or DType.UInt16 or DType.UInt64 ? new(1, 4) : new(1, 0);

    /// <summary>The dtypes of <see cref="All"/> that ABI <paramref name="version"/> already had, in enum order.</summary>
    public static IReadOnlyList<DType> InAbi(AbiVersion version) =>
        All.Where(d => d.IntroducedIn().CompareTo(version) <= 0).ToArray();
}
