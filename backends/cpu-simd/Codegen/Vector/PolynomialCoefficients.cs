namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// The minimax polynomials of the float64 vector routines (fitted for them; each routine's comment gives the
/// function and its error), highest degree first, shared by the 512- and 256-bit code, which evaluates them with
/// <c>Horner</c>. Those only the vector code reads are spans over the assembly's constant data, so that the JIT knows
/// their lengths and Horner's steps unroll; the erfinv pair stays arrays, as the scalar erfinv picks one in a tuple.
/// </summary>
internal static class PolynomialCoefficients
{
    public static ReadOnlySpan<double> Expm1 => [2.0885820010275313e-09, 2.51091695144755e-08, 2.7557365089091077e-07, 2.755724393496687e-06, 2.4801587223239312e-05, 0.00019841269886276727, 0.0013888888888930694, 0.008333333333321629, 0.041666666666666595, 0.16666666666666677];

    public static ReadOnlySpan<double> Sinh => [7.758770198293215e-13, 1.605725904258883e-10, 2.505212314642364e-08, 2.7557319157007427e-06, 0.00019841269841432092, 0.008333333333333148, 0.16666666666666669];

    public static ReadOnlySpan<double> Cosh => [1.1650754044974647e-11, 2.0874070194381594e-09, 2.755733944523215e-07, 2.48015872216645e-05, 0.0013888888889043245, 0.04166666666666556];

    public static ReadOnlySpan<double> Atan => [0.05528355313941977, -0.06656522652095642, 0.07692150449148048, -0.09090907673582443, 0.11111111103657575, -0.14285714285692586, 0.1999999999999997, -0.3333333333333333];

    public static ReadOnlySpan<double> Sin => [1.5896827919687942e-10, -2.505075865311033e-08, 2.755731369522549e-06, -0.00019841269829816947, 0.008333333333322425, -0.16666666666666632];

    public static ReadOnlySpan<double> Cos => [-1.1359669884923419e-11, 2.08757236847577e-09, -2.755731435524417e-07, 2.4801587289491834e-05, -0.0013888888888874138, 0.0416666666666666];

    /// <summary>asinh's Taylor series (not fitted), (asinh x - x) / x^3 in z = x^2 up to z^9: for |x| &lt; 1/8 the next term is below 2^-66 of x.</summary>
    public static ReadOnlySpan<double> AsinhSmall => [0.008390335809616815, -0.009761609529194078, 0.011551800896139705, -0.01396484375, 0.017352764423076924, -0.022372159090909092, 0.030381944444444444, -0.044642857142857144, 0.075, -0.16666666666666666];

    /// <summary>atanh's Taylor series (not fitted), (atanh x - x) / x^3 in z = x^2 up to z^9: for |x| &lt; 1/8 the next term is below 2^-64 of x.</summary>
    public static ReadOnlySpan<double> AtanhSmall => [0.047619047619047616, 0.05263157894736842, 0.058823529411764705, 0.06666666666666667, 0.07692307692307693, 0.09090909090909091, 0.1111111111111111, 0.14285714285714285, 0.2, 0.3333333333333333];

    /// <summary>cbrt m on [1, 2] (fitted here by least squares on Chebyshev nodes, relative error 1.6e-6): the start of the vector cbrt's Halley step.</summary>
    public static ReadOnlySpan<double> CbrtOnOneToTwo => [0.0051687970873201435, -0.04904074617427006, 0.19880304525356993, -0.4634459429683431, 0.8340156640742271, 0.4745007437747082];

    /// <summary>Giles' single-precision erfinv(a) / a in w - 2.5 for w = -log(1 - a^2) below 5 (relative error 1.2e-7).</summary>
    public static readonly double[] ErfInvCentral = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941];

    /// <summary>erfinv(a) / a in sqrt(w) - 4.2 for w from 5 to 37.7 (a up to 1 - 2^-53), fitted here to erf and erfc values (relative error 2.4e-6).</summary>
    public static readonly double[] ErfInvTail = [1.6835226757321447e-05, -5.06348746064404e-05, 7.421374341453881e-06, 2.386436032149115e-05, 0.0002452513905328279, -0.0007396735718927319, 0.0008019493431000586, 1.0099239542444296, 4.041726664704495];
}
