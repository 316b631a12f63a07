using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// The scalar semantics of the kernel IR's ops (ScalarOps.cs), one overload per compute type. The code
/// generator calls these by name (the op's name) from generated code, so each must be small enough to inline.
/// Integer arithmetic wraps. Bool arithmetic is logical: add/max are or, mul/min are and, sub is xor.
/// </summary>
internal static partial class ScalarMath
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)] public static T Add<T>(T a, T b) where T : INumber<T> => unchecked(a + b);
    [MethodImpl(Inline)] public static T Sub<T>(T a, T b) where T : INumber<T> => unchecked(a - b);
    [MethodImpl(Inline)] public static T Mul<T>(T a, T b) where T : INumber<T> => unchecked(a * b);
    [MethodImpl(Inline)] public static bool Add(bool a, bool b) => a | b;
    [MethodImpl(Inline)] public static bool Sub(bool a, bool b) => a ^ b;
    [MethodImpl(Inline)] public static bool Mul(bool a, bool b) => a & b;

    [MethodImpl(Inline)] public static float Neg(float x) => -x;
    [MethodImpl(Inline)] public static double Neg(double x) => -x;
    [MethodImpl(Inline)] public static int Neg(int x) => unchecked(-x);
    [MethodImpl(Inline)] public static long Neg(long x) => unchecked(-x);
    [MethodImpl(Inline)] public static uint Neg(uint x) => unchecked(0u - x);
    [MethodImpl(Inline)] public static byte Neg(byte x) => unchecked((byte)(0 - x));
    [MethodImpl(Inline)] public static bool Neg(bool x) => x;

    [MethodImpl(Inline)] public static float Abs(float x) => MathF.Abs(x);
    [MethodImpl(Inline)] public static double Abs(double x) => Math.Abs(x);
    [MethodImpl(Inline)] public static int Abs(int x) => x < 0 ? unchecked(-x) : x;
    [MethodImpl(Inline)] public static long Abs(long x) => x < 0 ? unchecked(-x) : x;
    [MethodImpl(Inline)] public static uint Abs(uint x) => x;
    [MethodImpl(Inline)] public static byte Abs(byte x) => x;
    [MethodImpl(Inline)] public static bool Abs(bool x) => x;

    /// <summary>-1, 0 or 1; a float zero keeps its sign and NaN stays NaN.</summary>
    [MethodImpl(Inline)] public static float Sign(float x) => x > 0 ? 1f : x < 0 ? -1f : x;
    [MethodImpl(Inline)] public static double Sign(double x) => x > 0 ? 1d : x < 0 ? -1d : x;
    [MethodImpl(Inline)] public static int Sign(int x) => Math.Sign(x);
    [MethodImpl(Inline)] public static long Sign(long x) => Math.Sign(x);
    [MethodImpl(Inline)] public static uint Sign(uint x) => x == 0 ? 0u : 1u;
    [MethodImpl(Inline)] public static byte Sign(byte x) => x == 0 ? (byte)0 : (byte)1;
    [MethodImpl(Inline)] public static bool Sign(bool x) => x;

    [MethodImpl(Inline)] public static float Div(float a, float b) => a / b;
    [MethodImpl(Inline)] public static double Div(double a, double b) => a / b;
    [MethodImpl(Inline)] public static int Div(int a, int b) => b == 0 ? -1 : b == -1 ? unchecked(-a) : a / b;
    [MethodImpl(Inline)] public static long Div(long a, long b) => b == 0 ? -1 : b == -1 ? unchecked(-a) : a / b;
    [MethodImpl(Inline)] public static uint Div(uint a, uint b) => b == 0 ? uint.MaxValue : a / b;
    [MethodImpl(Inline)] public static byte Div(byte a, byte b) => b == 0 ? byte.MaxValue : (byte)(a / b);
    [MethodImpl(Inline)] public static bool Div(bool a, bool b) => !b || a;

    /// <summary>Float: fmod, the sign of the dividend. Integer: truncating, x % 0 = x, INT_MIN % -1 = 0.</summary>
    [MethodImpl(Inline)] public static float Rem(float a, float b) => a % b;
    [MethodImpl(Inline)] public static double Rem(double a, double b) => a % b;
    [MethodImpl(Inline)] public static int Rem(int a, int b) => b == 0 ? a : b == -1 ? 0 : a % b;
    [MethodImpl(Inline)] public static long Rem(long a, long b) => b == 0 ? a : b == -1 ? 0 : a % b;
    [MethodImpl(Inline)] public static uint Rem(uint a, uint b) => b == 0 ? a : a % b;
    [MethodImpl(Inline)] public static byte Rem(byte a, byte b) => b == 0 ? a : (byte)(a % b);
    [MethodImpl(Inline)] public static bool Rem(bool a, bool b) => a && !b;

    /// <summary>NaN-propagating for floats (Math.Max/Min do), with -0 below +0.</summary>
    [MethodImpl(Inline)] public static T Max<T>(T a, T b) where T : INumber<T> => T.Max(a, b);
    [MethodImpl(Inline)] public static T Min<T>(T a, T b) where T : INumber<T> => T.Min(a, b);
    [MethodImpl(Inline)] public static bool Max(bool a, bool b) => a | b;
    [MethodImpl(Inline)] public static bool Min(bool a, bool b) => a & b;

    [MethodImpl(Inline)] public static bool Eq<T>(T a, T b) where T : INumber<T> => a == b;
    [MethodImpl(Inline)] public static bool Ne<T>(T a, T b) where T : INumber<T> => a != b;
    [MethodImpl(Inline)] public static bool Lt<T>(T a, T b) where T : INumber<T> => a < b;
    [MethodImpl(Inline)] public static bool Le<T>(T a, T b) where T : INumber<T> => a <= b;
    [MethodImpl(Inline)] public static bool Gt<T>(T a, T b) where T : INumber<T> => a > b;
    [MethodImpl(Inline)] public static bool Ge<T>(T a, T b) where T : INumber<T> => a >= b;
    [MethodImpl(Inline)] public static bool Eq(bool a, bool b) => a == b;
    [MethodImpl(Inline)] public static bool Ne(bool a, bool b) => a != b;
    [MethodImpl(Inline)] public static bool Lt(bool a, bool b) => !a & b;
    [MethodImpl(Inline)] public static bool Le(bool a, bool b) => !a | b;
    [MethodImpl(Inline)] public static bool Gt(bool a, bool b) => a & !b;
    [MethodImpl(Inline)] public static bool Ge(bool a, bool b) => a | !b;

    [MethodImpl(Inline)] public static T Select<T>(bool predicate, T onTrue, T onFalse) => predicate ? onTrue : onFalse;

    /// <summary>Whether an arg-max accumulator should take <paramref name="value"/>: larger, or the first NaN.</summary>
    [MethodImpl(Inline)]
    public static bool ArgMaxTakes<T>(T value, T best) where T : INumber<T> =>
        value > best || (T.IsNaN(value) && !T.IsNaN(best));

    [MethodImpl(Inline)]
    public static bool ArgMinTakes<T>(T value, T best) where T : INumber<T> =>
        value < best || (T.IsNaN(value) && !T.IsNaN(best));

    [MethodImpl(Inline)] public static bool ArgMaxTakes(bool value, bool best) => value & !best;
    [MethodImpl(Inline)] public static bool ArgMinTakes(bool value, bool best) => !value & best;
}
