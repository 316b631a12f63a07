namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// The scalar function a vector routine hands its rare lanes to, one by one (<c>VectorMath.OneByOne</c>), named by a
/// constant rather than passed as a delegate. A delegate argument (Math.Sin) was loaded from its cache, and created on
/// first use (a call), on every vector, even where the rare branch that uses it was not taken, and the JIT kept the
/// routine's values in stack slots across that call; a constant costs the common path nothing.
/// </summary>
internal enum ScalarLaneFunction
{
    Sin,
    Cos,
    Tan,
    Exp,
    Exp2,
    Log1p,
    Cbrt,
    Asinh,
    Acosh,
    Atanh,
    ErfInv,
    Lgamma,
    Digamma,
    Pow,
    Atan2,
}

internal static class ScalarLaneFunctions
{
    /// <summary>The one-argument <paramref name="function"/> at x.</summary>
    public static double Apply(ScalarLaneFunction function, double x) => function switch
    {
        ScalarLaneFunction.Sin => Math.Sin(x),
        ScalarLaneFunction.Cos => Math.Cos(x),
        ScalarLaneFunction.Tan => Math.Tan(x),
        ScalarLaneFunction.Exp => Math.Exp(x),
        ScalarLaneFunction.Exp2 => Math.Pow(2d, x),
        ScalarLaneFunction.Log1p => Scalar.SpecialFunctions.Log1p(x),
        ScalarLaneFunction.Cbrt => Math.Cbrt(x),
        ScalarLaneFunction.Asinh => Math.Asinh(x),
        ScalarLaneFunction.Acosh => Math.Acosh(x),
        ScalarLaneFunction.Atanh => Math.Atanh(x),
        ScalarLaneFunction.ErfInv => Scalar.SpecialFunctions.ErfInv(x),
        ScalarLaneFunction.Lgamma => Scalar.SpecialFunctions.Lgamma(x),
        ScalarLaneFunction.Digamma => Scalar.SpecialFunctions.Digamma(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a one-argument function"),
    };

    /// <summary>The two-argument <paramref name="function"/> at (x, y): Math.Pow(x, y), Math.Atan2(x, y).</summary>
    public static double Apply(ScalarLaneFunction function, double x, double y) => function switch
    {
        ScalarLaneFunction.Pow => Math.Pow(x, y),
        ScalarLaneFunction.Atan2 => Math.Atan2(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a two-argument function"),
    };
}
