using System.Numerics;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The arithmetic a Fourier transform step needs on a group of lanes, so that one generic step serves 1 (scalar),
/// 128-, 256- and 512-bit vectors: the step picks the widest group whose lanes stay inside one sub-transform.
/// </summary>
internal unsafe interface ILanes<T, TV> where T : unmanaged where TV : unmanaged
{
    static abstract int Count { get; }

    static abstract TV Load(T* p);

    static abstract void Store(TV v, T* p);

    static abstract TV Splat(T x);

    static abstract TV Add(TV a, TV b);

    static abstract TV Sub(TV a, TV b);

    static abstract TV Mul(TV a, TV b);
}

internal unsafe struct ScalarLanes<T> : ILanes<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static T Load(T* p) => *p;

    public static void Store(T v, T* p) => *p = v;

    public static T Splat(T x) => x;

    public static T Add(T a, T b) => a + b;

    public static T Sub(T a, T b) => a - b;

    public static T Mul(T a, T b) => a * b;
}

internal unsafe struct Lanes128<T> : IZipLanes<T, Vector128<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Load(T* p) => Vector128.Load(p);

    public static void Store(Vector128<T> v, T* p) => v.Store(p);

    public static Vector128<T> Splat(T x) => Vector128.Create(x);

    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    public static Vector128<T> Sub(Vector128<T> a, Vector128<T> b) => a - b;

    public static Vector128<T> Mul(Vector128<T> a, Vector128<T> b) => a * b;

    public static bool CanZip(int chunk) => LaneZips.CanZip128<T>(chunk);

    public static (Vector128<T> Lo, Vector128<T> Hi) Zip(Vector128<T> a, Vector128<T> b, int chunk) => LaneZips.Zip(a, b, chunk);
}

internal unsafe struct Lanes256<T> : IZipLanes<T, Vector256<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Load(T* p) => Vector256.Load(p);

    public static void Store(Vector256<T> v, T* p) => v.Store(p);

    public static Vector256<T> Splat(T x) => Vector256.Create(x);

    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    public static Vector256<T> Sub(Vector256<T> a, Vector256<T> b) => a - b;

    public static Vector256<T> Mul(Vector256<T> a, Vector256<T> b) => a * b;

    public static bool CanZip(int chunk) => LaneZips.CanZip256<T>(chunk);

    public static (Vector256<T> Lo, Vector256<T> Hi) Zip(Vector256<T> a, Vector256<T> b, int chunk) => LaneZips.Zip(a, b, chunk);
}

internal unsafe struct Lanes512<T> : IZipLanes<T, Vector512<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Load(T* p) => Vector512.Load(p);

    public static void Store(Vector512<T> v, T* p) => v.Store(p);

    public static Vector512<T> Splat(T x) => Vector512.Create(x);

    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    public static Vector512<T> Sub(Vector512<T> a, Vector512<T> b) => a - b;

    public static Vector512<T> Mul(Vector512<T> a, Vector512<T> b) => a * b;

    public static bool CanZip(int chunk) => LaneZips.CanZip512<T>(chunk);

    public static (Vector512<T> Lo, Vector512<T> Hi) Zip(Vector512<T> a, Vector512<T> b, int chunk) => LaneZips.Zip(a, b, chunk);
}
