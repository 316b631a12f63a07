using System.Runtime.CompilerServices;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>
/// The real type of a transform's parts as a type argument: its three operations, so that ILGPU specialises the
/// passes for float32 or float64 and a float32 transform has no float64 instruction (the tables are converted on the
/// host, through <see cref="FromDouble"/>).
/// </summary>
internal interface IFftReal<T> where T : unmanaged
{
    T Add(T a, T b);

    T Sub(T a, T b);

    T Mul(T a, T b);

    /// <summary>Host only: a table entry or scale computed in float64.</summary>
    T FromDouble(double value);
}

internal readonly struct FftSingle : IFftReal<float>
{
    public float Add(float a, float b) => a + b;

    public float Sub(float a, float b) => a - b;

    public float Mul(float a, float b) => a * b;

    public float FromDouble(double value) => (float)value;
}

internal readonly struct FftDouble : IFftReal<double>
{
    public double Add(double a, double b) => a + b;

    public double Sub(double a, double b) => a - b;

    public double Mul(double a, double b) => a * b;

    public double FromDouble(double value) => value;
}

/// <summary>A complex value of two <typeparamref name="T"/> parts, in registers.</summary>
internal struct Cx<T>(T re, T im) where T : unmanaged
{
    public T Re = re;
    public T Im = im;

    /// <summary>The value with its parts exchanged: conj(DFT(conj z)) = swap(DFT(swap z)) turns an inverse transform
    /// into a forward one.</summary>
    public readonly Cx<T> Swapped => new(Im, Re);
}

/// <summary>Complex arithmetic over <typeparamref name="TMath"/>'s real operations.</summary>
internal static class Complex<T, TMath>
    where T : unmanaged
    where TMath : struct, IFftReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Cx<T> Add(Cx<T> a, Cx<T> b) => new(default(TMath).Add(a.Re, b.Re), default(TMath).Add(a.Im, b.Im));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Cx<T> Sub(Cx<T> a, Cx<T> b) => new(default(TMath).Sub(a.Re, b.Re), default(TMath).Sub(a.Im, b.Im));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Cx<T> Mul(Cx<T> a, Cx<T> b)
    {
        var m = default(TMath);
        return new(m.Sub(m.Mul(a.Re, b.Re), m.Mul(a.Im, b.Im)), m.Add(m.Mul(a.Re, b.Im), m.Mul(a.Im, b.Re)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Cx<T> Scale(Cx<T> a, T s) => new(default(TMath).Mul(a.Re, s), default(TMath).Mul(a.Im, s));
}
