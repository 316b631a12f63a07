using JaxNet.Backends.Shared.Numerics;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>
/// The float64 erfinv shared by the tpu-sim and cuda plugins (backends/shared/Numerics/SpecialFunctions.cs) against
/// a 60-digit reference (tests/oracle/erfinv_oracle.py: Python's decimal module), above all at y = 1 - 2^-k, where
/// the Newton residual erf x - y lost every digit (erf x rounds to 1) and Giles' start is up to 12% low.
/// </summary>
public sealed class SharedErfInvTests
{
    /// <summary>(y, erfinv y): y = 1 - 2^-k for k = 1..53, then 0.3, 0.7, 0.78, 0.85, 0.95, 0.993.</summary>
    private static readonly double[][] Reference =
    [
        [0.5, 0.4769362762044699],
        [0.75, 0.8134198475976185],
        [0.875, 1.0847870400692832],
        [0.9375, 1.3171503349861307],
        [0.96875, 1.523019401996956],
        [0.984375, 1.7094723742995115],
        [0.9921875, 1.8809517454731395],
        [0.99609375, 2.0404520146056093],
        [0.998046875, 2.190099968353768],
        [0.9990234375, 2.331467773621948],
        [0.99951171875, 2.465754958722755],
        [0.999755859375, 2.5939005131344874],
        [0.9998779296875, 2.716655240567082],
        [0.99993896484375, 2.8346302855713943],
        [0.999969482421875, 2.948330743167557],
        [0.9999847412109375, 3.058179581850916],
        [0.9999923706054688, 3.164535077109896],
        [0.9999961853027344, 3.267703778589618],
        [0.9999980926513672, 3.3679503301293106],
        [0.9999990463256836, 3.465505025803331],
        [0.9999995231628418, 3.5605697070351643],
        [0.9999997615814209, 3.6533224239902435],
        [0.9999998807907104, 3.7439211627767994],
        [0.9999999403953552, 3.832506856900711],
        [0.9999999701976776, 3.919205843636722],
        [0.9999999850988388, 4.004131885114475],
        [0.9999999925494194, 4.08738784457644],
        [0.9999999962747097, 4.1690670869016255],
        [0.9999999981373549, 4.2492546567343465],
        [0.9999999990686774, 4.328028275800946],
        [0.9999999995343387, 4.405459192128288],
        [0.9999999997671694, 4.481612907118849],
        [0.9999999998835847, 4.556549801237543],
        [0.9999999999417923, 4.6303256750299635],
        [0.9999999999708962, 4.702992219033993],
        [0.9999999999854481, 4.7745974236567505],
        [0.999999999992724, 4.845185938111059],
        [0.999999999996362, 4.9147993859240495],
        [0.999999999998181, 4.983476643257575],
        [0.9999999999990905, 5.05125408524939],
        [0.9999999999995453, 5.118165804744633],
        [0.9999999999997726, 5.184243807099844],
        [0.9999999999998863, 5.249518184176072],
        [0.9999999999999432, 5.314017270169747],
        [0.9999999999999716, 5.377767781541279],
        [0.9999999999999858, 5.440794942976844],
        [0.9999999999999929, 5.503122601046913],
        [0.9999999999999964, 5.564773326996245],
        [0.9999999999999982, 5.625768509906699],
        [0.9999999999999991, 5.686128441310391],
        [0.9999999999999996, 5.74587239219118],
        [0.9999999999999998, 5.805018683193453],
        [0.9999999999999999, 5.8635847487551676],
        [0.3, 0.2724627147267543],
        [0.7, 0.7328690779592167],
        [0.78, 0.8672863509938747],
        [0.85, 1.0179024648320276],
        [0.95, 1.3859038243496777],
        [0.993, 1.9069568646709454],
    ];

    private static double Ulps(double actual, double expected) =>
        Math.Abs(actual - expected) / (Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));

    [Fact]
    public void Erfinv_is_within_four_ulps_of_the_reference_up_to_the_last_double_below_one()
    {
        foreach (var pair in Reference)
        {
            var (y, expected) = (pair[0], pair[1]);
            Assert.True(Ulps(SpecialFunctions.ErfInv(y), expected) <= 4, $"erfinv({y:R}) = {SpecialFunctions.ErfInv(y):R}, reference {expected:R}");
            Assert.True(Ulps(SpecialFunctions.ErfInv(-y), -expected) <= 4, $"erfinv({-y:R}) = {SpecialFunctions.ErfInv(-y):R}");
        }
    }

    [Fact]
    public void Erfinv_keeps_its_special_values()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.ErfInv(1));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.ErfInv(-1));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(Math.BitIncrement(1.0))));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(-1.5)));
        Assert.True(double.IsNegative(SpecialFunctions.ErfInv(-0.0)));
        // Near zero erfinv y = sqrt(pi)/2 y (the next term is 1e-600 times smaller), subnormals included.
        foreach (var y in new[] { 1e-300, 5e-324, -3e-310 })
            Assert.True(Ulps(SpecialFunctions.ErfInv(y), 0.88622692545275801 * y) <= 1, $"erfinv({y:R}) = {SpecialFunctions.ErfInv(y):R}");
    }

    [Fact]
    public void Erf_of_erfinv_returns_the_argument_across_the_central_range()
    {
        for (var y = -0.77; y < 0.78; y += 0.00731)
        {
            var back = SpecialFunctions.Erf(SpecialFunctions.ErfInv(y));
            Assert.True(Math.Abs(back - y) <= 2 * (Math.BitIncrement(Math.Abs(y)) - Math.Abs(y)), $"y = {y:R}, erf(erfinv y) = {back:R}");
        }
    }
}
