using System.Reflection;
using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// How a row function holds values: one element per variable (scalar), or full vectors whose lanes all have
/// one width. A program vectorizes when every value has the same lane width: Float32/Int32/UInt32 (and
/// Float16/BFloat16, computed in float32) give 4-byte lanes, Float64/Int64/UInt64 8-byte lanes; Bool fits either,
/// as a lane mask. Anything else (UInt8, Int8, Int16, UInt16, mixed widths) runs as compiled scalar code.
/// </summary>
internal sealed class LaneLayout
{
    private readonly Type vectorDefinition;

    private LaneLayout(VectorWidth width, int laneBytes)
    {
        Width = width;
        LaneBytes = laneBytes;
        Lanes = width == VectorWidth.Scalar ? 1 : (int)width / 8 / laneBytes;
        vectorDefinition = width == VectorWidth.Bits512 ? typeof(Vector512<>) : typeof(Vector256<>);
        Helpers = width == VectorWidth.Bits512 ? typeof(Simd512) : typeof(Simd256);
        Routines = width == VectorWidth.Bits512 ? typeof(Math512) : typeof(Math256);
    }

    public VectorWidth Width { get; }

    public bool IsVector => Width != VectorWidth.Scalar;

    /// <summary>Bytes per lane (4 or 8) in vector mode.</summary>
    public int LaneBytes { get; }

    /// <summary>Elements per vector (1 in scalar mode).</summary>
    public int Lanes { get; }

    /// <summary>The class of vector helpers: Simd512 or Simd256.</summary>
    public Type Helpers { get; }

    /// <summary>The transcendental routines at this width: VectorMath instantiated with Lanes512 or Lanes256.</summary>
    public Type Routines { get; }

    /// <summary>
    /// The vector helper named <paramref name="name"/> taking <paramref name="arguments"/>: the width's own
    /// (<see cref="Helpers"/>), else the generic routine at this width; null when neither has one (the op then runs
    /// lane by lane).
    /// </summary>
    public MethodInfo? FindHelper(string name, Type[] arguments) =>
        HelperResolver.Find(Helpers, name, arguments) ?? HelperResolver.Find(Routines, name, arguments);

    public static LaneLayout Scalar { get; } = new(VectorWidth.Scalar, 0);

    /// <summary>Picks vector lanes for a program touching <paramref name="dtypes"/>, or scalar code.</summary>
    public static LaneLayout Choose(IEnumerable<DType> dtypes, VectorWidth width)
    {
        if (width == VectorWidth.Scalar) return Scalar;
        var widths = dtypes.Where(d => d != DType.Bool).Select(ComputeBytes).Distinct().ToList();
        return widths is [4] or [8] ? new LaneLayout(width, widths[0]) : Scalar;
    }

    /// <summary>Bytes of the type a dtype is computed in (Float16/BFloat16 compute in float32).</summary>
    private static int ComputeBytes(DType dtype) => dtype is DType.Float16 or DType.BFloat16 ? 4 : dtype.SizeOf();

    /// <summary>The CLR type of one value in scalar code.</summary>
    public static Type ScalarType(DType dtype) => dtype switch
    {
        DType.Bool => typeof(bool),
        DType.UInt8 => typeof(byte),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.UInt32 => typeof(uint),
        DType.Int8 => typeof(sbyte),
        DType.Int16 => typeof(short),
        DType.UInt16 => typeof(ushort),
        DType.UInt64 => typeof(ulong),
        DType.Float16 or DType.BFloat16 or DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>The CLR type of one lane of a vector of <paramref name="dtype"/> (Bool: an unsigned mask lane).</summary>
    public Type LaneType(DType dtype) =>
        dtype == DType.Bool ? (LaneBytes == 8 ? typeof(ulong) : typeof(uint)) : ScalarType(dtype);

    public Type VectorType(DType dtype) => vectorDefinition.MakeGenericType(LaneType(dtype));

    public Type VectorOf(Type lane) => vectorDefinition.MakeGenericType(lane);
}
