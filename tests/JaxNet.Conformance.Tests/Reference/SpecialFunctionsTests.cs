using JaxNet.Conformance.Numerics;
using Xunit;

namespace JaxNet.Conformance.Tests.Reference;

/// <summary>The oracle's special functions against published values (Abramowitz and Stegun, DLMF, mpmath).</summary>
public sealed class SpecialFunctionsTests
{
    private static void Close(double expected, double actual, double relative = 2e-15, double absolute = 1e-300) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected) + absolute,
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3})");

    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(-1.5, -0.9661051464753108)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    public void Erf(double x, double expected) => Close(expected, SpecialFunctions.Erf(x));

    [Theory]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(1.0, 0.15729920705028513)]
    public void Erfc(double x, double expected) => Close(expected, SpecialFunctions.Erfc(x), 1e-13);

    [Fact]
    public void ErfEdgeValues()
    {
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, SpecialFunctions.Erf(double.NegativeInfinity));
        Assert.True(double.IsNegative(SpecialFunctions.Erf(-0.0)));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
    }

    [Theory]
    [InlineData(0.5, 0.4769362762044699)]
    [InlineData(-0.9, -1.1630871536766743)]
    [InlineData(0.999, 2.3267537655135246)]
    [InlineData(1e-5, 8.8622692547595945e-6)]
    public void ErfInv(double y, double expected) => Close(expected, SpecialFunctions.ErfInv(y), 1e-11);

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(0.999999)]
    [InlineData(1 - 1e-12)]
    [InlineData(-0.5)]
    public void ErfInvInvertsErf(double y)
    {
        var x = SpecialFunctions.ErfInv(y);
        // Near 1, compare in the complement, where the information is.
        if (Math.Abs(y) > 0.5) Close(1 - Math.Abs(y), SpecialFunctions.Erfc(Math.Abs(x)), 1e-12);
        else Close(y, SpecialFunctions.Erf(x), 1e-15);
    }

    [Fact]
    public void ErfInvEdgeValues()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.ErfInv(1));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.ErfInv(-1));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(1.5)));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(double.NaN)));
    }

    [Theory]
    [InlineData(0.5, 0.5723649429247001)]
    [InlineData(3.0, 0.6931471805599453)]
    [InlineData(10.0, 12.801827480081469)]
    [InlineData(100.0, 359.1342053695754)]
    [InlineData(1.5, -0.12078223763524522)]
    [InlineData(-0.5, 1.2655121234846454)]
    [InlineData(-2.5, -0.05624371649767405)]
    [InlineData(1e-10, 23.025850929882735)]
    public void Lgamma(double x, double expected) => Close(expected, SpecialFunctions.Lgamma(x), 5e-15, 2e-14);

    [Fact]
    public void LgammaZerosAndPoles()
    {
        Assert.Equal(0.0, SpecialFunctions.Lgamma(1));
        Assert.Equal(0.0, SpecialFunctions.Lgamma(2));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Lgamma(0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Lgamma(-3));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Lgamma(double.NegativeInfinity));
        // Near the zero at 2: lgamma(2 + h) ~ (1 - gamma) h, to within the documented 1e-14 absolute.
        Assert.InRange(SpecialFunctions.Lgamma(2 + 1e-9), 0.42278433509846713e-9 - 1e-14, 0.42278433509846713e-9 + 1e-14);
    }

    [Theory]
    [InlineData(1.0, -0.5772156649015329)]
    [InlineData(0.5, -1.9635100260214235)]
    [InlineData(2.0, 0.42278433509846713)]
    [InlineData(10.0, 2.251752589066721)]
    [InlineData(-0.5, 0.03648997397857652)]
    [InlineData(-2.5, 1.1031566406452432)]
    [InlineData(100.0, 4.600161852738087)]
    public void Digamma(double x, double expected) => Close(expected, SpecialFunctions.Digamma(x), 5e-15, 2e-14);

    [Fact]
    public void DigammaPolesAreNaN()
    {
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(0)));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(-4)));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(double.NegativeInfinity)));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Digamma(double.PositiveInfinity));
    }

    [Fact]
    public void DigammaIsTheDerivativeOfLgamma()
    {
        foreach (var x in new[] { 0.7, 1.3, 4.2, -1.7 })
        {
            const double h = 1e-5;
            var derivative = (SpecialFunctions.Lgamma(x + h) - SpecialFunctions.Lgamma(x - h)) / (2 * h);
            Assert.True(Math.Abs(derivative - SpecialFunctions.Digamma(x)) < 1e-8, $"x = {x}");
        }
    }
}
