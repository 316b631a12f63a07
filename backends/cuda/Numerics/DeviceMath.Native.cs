namespace JaxNet.Backends.Cuda.Numerics;

internal static partial class DeviceMath
{
    // The two functions PTX has as correctly rounded instructions (sqrt.rn.f64, abs.f64): System.Math's, so that
    // code written against System.Math compiles unchanged against DeviceMath through a using alias.

    /// <summary>The correctly rounded square root.</summary>
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>|x|.</summary>
    public static double Abs(double x) => Math.Abs(x);
}
