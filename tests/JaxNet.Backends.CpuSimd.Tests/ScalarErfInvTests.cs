using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The scalar float64 erfinv and erfc (SpecialFunctions: the fallback without vector hardware, and the vector
/// erfinv's special lanes) against values computed with mpmath at 200 bits and rounded to double: a dense run of
/// points around 0.993 (where erfc as 1 - erf lost up to 180 ulps), the range from 0 to the last double below 1,
/// subnormals, and the special values.
/// </summary>
public sealed class ScalarErfInvTests
{
    /// <summary>(y, erfinv y) from mpmath.erfinv.</summary>
    private static readonly double[][] ErfInvReference =
    [
        [0.99, 1.8213863677184494],
        [0.99025, 1.8275682502103257],
        [0.9904999999999999, 1.8338930546221295],
        [0.99075, 1.8403680767627402],
        [0.991, 1.847001196089626],
        [0.99125, 1.853800940209153],
        [0.9915, 1.8607765585854115],
        [0.99175, 1.8679381070868943],
        [0.992, 1.875296545347747],
        [0.99225, 1.8828638493550336],
        [0.9924999999999999, 1.8906531422214705],
        [0.99275, 1.898678846798212],
        [0.993, 1.9069568646709454],
        [0.99325, 1.9155047872276298],
        [0.9935, 1.9243421459738501],
        [0.99375, 1.9334907112224446],
        [0.994, 1.9429748508663207],
        [0.99425, 1.9528219643973315],
        [0.9944999999999999, 1.9630630120064174],
        [0.99475, 1.9737331649968446],
        [0.995, 1.984872612615532],
        [0.99525, 1.9965275728925345],
        [0.9955, 2.008751572921023],
        [0.99575, 2.021607089947859],
        [0.996, 2.0351676830660828],
        [0.001, 0.0008862271574665521],
        [0.1, 0.08885599049425769],
        [0.3, 0.2724627147267543],
        [0.5, 0.4769362762044699],
        [0.5000001, 0.47693638746295763],
        [0.6, 0.5951160814499948],
        [0.7, 0.7328690779592167],
        [0.77, 0.8487818883709608],
        [0.8, 0.9061938024368233],
        [0.9, 1.1630871536766743],
        [0.95, 1.3859038243496777],
        [0.98, 1.6449763571331868],
        [0.999, 2.3267537655135246],
        [0.9999, 2.75106390571208],
        [0.999999, 3.458910737275499],
        [0.999999999, 4.320005388105362],
        [0.999999999999, 5.042031898572696],
        [0.9999999999990905, 5.05125408524939],
        [0.9999999999999998, 5.805018683193453],
        [0.9999999999999999, 5.8635847487551676],
        [5e-324, 5e-324],
        [1e-300, 8.86226925452758e-301],
    ];

    /// <summary>(x, erfc x) from mpmath.erfc.</summary>
    private static readonly double[][] ErfcReference =
    [
        [0.9, 0.20309178757716786],
        [1.0, 0.15729920705028513],
        [1.5, 0.033894853524689274],
        [1.9, 0.0072095707647425325],
        [2.5, 0.0004069520174449589],
        [3.7, 1.6715105790914599e-07],
        [5.0, 1.537459794428035e-12],
        [5.9, 7.190409783550478e-17],
        [6.5, 3.8421483271206475e-20],
        [10.0, 2.088487583762545e-45],
    ];

    private static double Ulps(double actual, double expected) =>
        Math.Abs(actual - expected) / (Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));

    [Fact]
    public void ErfInvIsWithinTwoUlpsOfMpmath()
    {
        foreach (var pair in ErfInvReference)
        {
            var (y, expected) = (pair[0], pair[1]);
            Assert.True(Ulps(SpecialFunctions.ErfInv(y), expected) <= 2, $"erfinv({y:R}) = {SpecialFunctions.ErfInv(y):R}, mpmath {expected:R}");
            Assert.True(Ulps(SpecialFunctions.ErfInv(-y), -expected) <= 2, $"erfinv({-y:R})");
        }
    }

    [Fact]
    public void ErfcIsWithinTwoUlpsOfMpmath()
    {
        foreach (var pair in ErfcReference)
            Assert.True(Ulps(SpecialFunctions.Erfc(pair[0]), pair[1]) <= 2, $"erfc({pair[0]:R}) = {SpecialFunctions.Erfc(pair[0]):R}, mpmath {pair[1]:R}");
    }

    [Fact]
    public void ErfOfErfInvReturnsTheArgument()
    {
        for (var y = -0.999; y < 1; y += 0.00731)
            Assert.True(Math.Abs(SpecialFunctions.Erf(SpecialFunctions.ErfInv(y)) - y) <= 2 * Math.Abs(Math.BitIncrement(Math.Abs(y)) - Math.Abs(y)), $"y = {y:R}");
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.ErfInv(1));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.ErfInv(-1));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(1.0000000000000002)));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(double.NegativeInfinity)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0d), BitConverter.DoubleToInt64Bits(SpecialFunctions.ErfInv(-0d)));
        Assert.Equal(0d, SpecialFunctions.Erfc(30));
        Assert.Equal(1d, SpecialFunctions.Erf(7));
    }
}
