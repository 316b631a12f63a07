using System.Numerics;
using System.Runtime.InteropServices;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>A weakly typed scalar (how C# literals enter array expressions).</summary>
    public static NDArray Scalar(float value) => NDArray.FromScalar(new Core.Scalar(TypePromotion.DefaultFloat, value, 0), weak: true);

    public static NDArray Scalar(double value) => NDArray.FromScalar(new Core.Scalar(TypePromotion.DefaultFloat, value, 0), weak: true);

    public static NDArray Scalar(int value) => NDArray.FromScalar(Core.Scalar.FromBits(TypePromotion.DefaultInt, value), weak: true);

    /// <summary>A uint32 scalar. Unlike an int literal it is not weak: it has a dtype of its own, as numpy's uint32
    /// scalars do, so <c>x + 1u</c> on a uint32 array stays uint32 (without this overload C# would convert the
    /// literal to a weak float).</summary>
    public static NDArray Scalar(uint value) => NDArray.FromScalar(Core.Scalar.FromBits(DType.UInt32, value), weak: false);

    /// <summary>A weak integer scalar, as an int is; with x64 off it must fit in int32 (JAX: "Python int too large to
    /// convert to int32").</summary>
    public static NDArray Scalar(long value)
    {
        if (!Jax.Config.EnableX64 && value is < int.MinValue or > int.MaxValue)
            throw new OverflowException($"integer {value} is too large to convert to int32 (x64 is off: Jax.Config.EnableX64)");
        return NDArray.FromScalar(Core.Scalar.FromBits(TypePromotion.DefaultInt, value), weak: true);
    }

    public static NDArray Scalar(bool value) => NDArray.FromScalar(Core.Scalar.FromBits(DType.Bool, value ? 1 : 0), weak: false);

    /// <summary>An array from host values; 64-bit types narrow to 32 bits unless x64 is on or <paramref name="dtype"/> asks for them.</summary>
    public static NDArray Array<T>(T[] values, DType? dtype = null, Device? device = null) where T : unmanaged =>
        FromHost<T>(values, [values.Length], dtype, device);

    public static NDArray Array<T>(T[,] values, DType? dtype = null, Device? device = null) where T : unmanaged =>
        FromHost(Elements<T>(values), [values.GetLength(0), values.GetLength(1)], dtype, device);

    public static NDArray Array<T>(T[,,] values, DType? dtype = null, Device? device = null) where T : unmanaged =>
        FromHost(Elements<T>(values), [values.GetLength(0), values.GetLength(1), values.GetLength(2)], dtype, device);

    /// <summary>A multidimensional array's elements in row-major order; an empty one (0 x n) has no element [0, 0]
    /// to take a reference to, so this starts from the array's data reference instead.</summary>
    private static ReadOnlySpan<T> Elements<T>(System.Array values) where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length);

    /// <summary>A rank-0 array of a host value (strongly typed, unlike a C# literal in an expression).</summary>
    public static NDArray Array(float value, DType? dtype = null) => FromHost<float>([value], [], dtype, null);

    public static NDArray Array(double value, DType? dtype = null) => FromHost<double>([value], [], dtype, null);

    public static NDArray Array(int value, DType? dtype = null) => FromHost<int>([value], [], dtype, null);

    public static NDArray Array(long value, DType? dtype = null) => FromHost<long>([value], [], dtype, null);

    public static NDArray Array(bool value, DType? dtype = null) => FromHost<bool>([value], [], dtype, null);

    /// <summary>Host values of the given shape (row-major) on a device.</summary>
    public static NDArray FromHost<T>(ReadOnlySpan<T> values, int[] shape, DType? dtype = null, Device? device = null) where T : unmanaged
    {
        if (Shapes.Size(shape) != values.Length)
            throw new ShapeException($"array: {values.Length} values do not fill shape {Shapes.Format(shape)}");
        var target = dtype ?? TypePromotion.Canonicalize(HostData.DTypeOf(typeof(T)));
        var bytes = HostData.Encode(values, target);
        var d = device ?? Device.Default;
        return NDArray.FromDevice(d.Upload(bytes), new ShapedArray(shape, target));
    }

    /// <summary>An array of the given shape filled with one value.</summary>
    public static NDArray Full(int[] shape, NDArray fillValue, DType? dtype = null)
    {
        var value = dtype is { } d ? Jax.Lax.ConvertElementType(fillValue, d) : Jax.Lax.ConvertElementType(fillValue, fillValue.DType);
        return Jax.Lax.BroadcastInDim(value, shape, []);
    }

    public static NDArray Zeros(int[] shape, DType dtype = DType.Float32) => Full(shape, 0, dtype);

    public static NDArray Ones(int[] shape, DType dtype = DType.Float32) => Full(shape, 1, dtype);

    public static NDArray ZerosLike(NDArray x, DType? dtype = null) => Full(x.Shape, 0, dtype ?? x.DType);

    public static NDArray OnesLike(NDArray x, DType? dtype = null) => Full(x.Shape, 1, dtype ?? x.DType);

    public static NDArray FullLike(NDArray x, NDArray fillValue, DType? dtype = null) => Full(x.Shape, fillValue, dtype ?? x.DType);

    /// <summary>0, 1, ..., stop-1 (int32).</summary>
    public static NDArray Arange(int stop) => Jax.Lax.Iota(TypePromotion.DefaultInt, Math.Max(0, stop));

    public static NDArray Arange(int start, int stop, int step = 1)
    {
        if (step == 0) throw new ArgumentException("arange: step must not be zero");
        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / (double)step));
        return Jax.Lax.Iota(TypePromotion.DefaultInt, n) * step + start;
    }

    public static NDArray Arange(double start, double stop, double step = 1, DType? dtype = null)
    {
        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var d = dtype ?? TypePromotion.DefaultFloat;
        // Iota has no complex form: real values, then zero imaginary parts.
        if (d.IsComplex()) return Jax.Lax.ConvertElementType(Arange(start, stop, step, d.RealPart()), d);
        return Jax.Lax.Iota(d, n) * step + start;
    }

    /// <summary><paramref name="num"/> evenly spaced values from start to stop (inclusive when <paramref name="endpoint"/>).</summary>
    public static NDArray Linspace(double start, double stop, int num = 50, bool endpoint = true, DType? dtype = null)
    {
        var d = dtype ?? TypePromotion.DefaultFloat;
        if (d.IsComplex()) return Jax.Lax.ConvertElementType(Linspace(start, stop, num, endpoint, d.RealPart()), d);
        var div = endpoint ? num - 1 : num;
        var step = div > 0 ? (stop - start) / div : 0;
        var values = Jax.Lax.Iota(d, num) * step + start;
        if (endpoint && num > 1)
            values = Where(Jax.Lax.Iota(DType.Int32, num) == num - 1, Jax.Lax.ConvertElementType(Scalar(stop), d), values);
        return values;
    }

    /// <summary>
    /// <paramref name="num"/> evenly spaced points on the segment from complex <paramref name="start"/> to
    /// <paramref name="stop"/> (numpy.linspace of complex endpoints: each part spaced evenly), complex64 by default
    /// (complex128 with x64).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not complex.</exception>
    public static NDArray Linspace(Complex start, Complex stop, int num = 50, bool endpoint = true, DType? dtype = null)
    {
        var d = dtype ?? TypePromotion.DefaultComplex;
        if (!d.IsComplex())
            throw new ArgumentException($"linspace: complex endpoints need a complex dtype, got {d.NumpyName()}", nameof(dtype));
        var part = d.RealPart();
        return Jax.Lax.Complex(Linspace(start.Real, stop.Real, num, endpoint, part), Linspace(start.Imaginary, stop.Imaginary, num, endpoint, part));
    }

    /// <summary>An n x m matrix with ones on diagonal k.</summary>
    public static NDArray Eye(int n, int? m = null, int k = 0, DType dtype = DType.Float32)
    {
        var cols = m ?? n;
        var rows = Jax.Lax.BroadcastedIota(DType.Int32, [n, cols], 0);
        var columns = Jax.Lax.BroadcastedIota(DType.Int32, [n, cols], 1);
        return Jax.Lax.ConvertElementType(Equal(rows + k, columns), dtype);
    }

    public static NDArray Identity(int n, DType dtype = DType.Float32) => Eye(n, dtype: dtype);

    /// <summary>The array with the given dtype (a copy when it differs).</summary>
    public static NDArray Astype(NDArray x, DType dtype) => Jax.Lax.ConvertElementType(x, dtype);

    public static NDArray Asarray(NDArray x, DType? dtype = null) => dtype is { } d ? Astype(x, d) : x;
}
