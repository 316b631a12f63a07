using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// expi, exp1 and expn against mpmath (50 digits), on every branch: Ei's series about its zero (0 &lt; x ≤ 40, with
/// points next to the zero x₀ = 0.37250741…), its asymptotic series (x &gt; 40, up to the float64 overflow), and Eₙ's
/// power series (x ≤ 1) and continued fraction (x &gt; 1) for n from 0 to 5000. Reference values:
/// <c>mpmath.mp.dps = 50; float(mpmath.ei(x)), float(mpmath.e1(x)), float(mpmath.expint(n, x))</c>.
/// </summary>
public class ScipySpecialExpIntegralTests
{
    private static readonly double[] EiXs = [-50, -10, -2, -1, -0.5, -1e-3, 1e-10, 1e-3, 0.1, 0.3, 0.37, 0.3725, 0.3725074107813666, 0.3726, 0.5,
        0.9, 1, 2, 5, 10, 20, 39.9, 40, 40.1, 50, 100, 200, 700, 715];

    private static readonly double[] Eis = [-3.783264029550459e-24, -4.156968929685325e-06, -0.04890051070806112, -0.21938393439552029,
        -0.5597735947761608, -6.331539364136149, -22.448635264938925, -6.329539364025038, -1.6228128139692766, -0.30266853926582593,
        -0.009790148500068083, -2.8874183188745963e-05, -5.1196989365556847e-17, 0.0003607194431577578, 0.4542199048631736, 1.6228117136968676,
        1.8951178163559368, 4.95423435600189, 40.18527535580318, 2492.2289762418777, 25615652.664056588, 5479032048901894.0, 6039718263611242.0,
        6657825191607100.0, 1.058563689713169e+20, 2.71555274485388e+41, 3.6312352331593567e+84, 1.4509787360525608e+301, 4.643625670370571e+307];

    private static readonly double[] E1Xs = [1e-300, 1e-10, 1e-3, 0.5, 0.999, 1, 1.001, 2, 5, 10, 50, 100, 700];

    private static readonly double[] E1s = [690.1983122333122, 22.448635265138925, 6.331539364136149, 0.5597735947761608, 0.21975218202294455,
        0.21938393439552029, 0.2190164225274689, 0.04890051070806112, 0.0011482955912753257, 4.156968929685325e-06, 3.783264029550459e-24,
        3.683597761682032e-46, 1.406518766234033e-307];

    private static readonly double[] EnNs = [0, 1, 2, 3, 5, 10, 50, 100, 5000];

    private static readonly double[] EnXs = [1e-5, 0.5, 1, 1.5, 5, 30, 100];

    // Rows: n = 0, 1, 2, 3, 5, 10, 50, 100, 5000; columns: EnXs.
    private static readonly double[] Ens =
    [
        99999.00000499998, 1.2130613194252668, 0.36787944117144233, 0.14875344009895322, 0.0013475893998170934, 3.1192076562800582e-15, 3.720075976020836e-46,
        10.935719800043696, 0.5597735947761608, 0.21938393439552029, 0.10001958240663265, 0.0011482955912753257, 3.0215520106888124e-15, 3.683597761682032e-46,
        0.9998806428519994, 0.326643862324553, 0.14849550677592205, 0.07310078653848084, 0.000996469042708838, 2.9296693677373697e-15, 3.647821433880379e-46,
        0.49999000062178567, 0.22160436427517846, 0.10969196719776014, 0.056739490170354276, 0.0008778008927706383, 2.8430743281403273e-15, 3.6127271070228844e-46,
        0.2499966666916665, 0.13097731169586485, 0.0704542374617204, 0.03852992442549515, 0.0007057606934245853, 2.6840578116206304e-15, 3.544508568894701e-46,
        0.11110986111825394, 0.06345830042712722, 0.0363939940314164, 0.020946140395652534, 0.0004691048076578119, 2.35358715054824e-15, 3.3846392779644302e-46,
        0.020407954933036616, 0.012250594337093404, 0.0073545894972313, 0.0044157725848881875, 0.00012455996862792355, 1.1788259969346948e-15, 2.485525377564545e-46,
        0.010100908060709237, 0.006095474587318909, 0.003678422930396813, 0.002219867711858929, 6.475775388266509e-05, 7.240863765170043e-16, 1.8646764296159083e-46,
        0.00020003800721128616, 0.00012131826134156759, 7.357588529066456e-05, 4.462156719540496e-05, 1.3465119211393897e-06, 1.86073013852815e-17, 7.295669082732675e-48,
    ];

    [Fact]
    public void ExpiMatchesMpmathInFloat64()
    {
        // x > 0 (the series about the zero and the asymptotic series): within 1e-15 (4.5 ulps), also at 5e-17 next to
        // the zero; x < 0 is −E₁(−x) and shares its bound.
        Relative(Eis, Special.Expi(D(EiXs)), 2e-15);
        Relative(Eis[6..], Special.Expi(D(EiXs[6..])), 1e-15);
    }

    [Fact]
    public void Exp1AndExpnMatchMpmathInFloat64()
    {
        // E₁ within 2e-15 (9 ulps), Eₙ within 4e-15 (18 ulps): the worst, 3.5e-15 for E₃(1), is the series' cancellation
        // at x = 1. The continued fraction (x > 1) is evaluated backward and stays within 1e-15; Lentz's forward product
        // alone reached 4.5e-15 near x = 1.5.
        Relative(E1s, Special.Exp1(D(E1Xs)), 2e-15);
        var n = Shaped([.. EnNs.SelectMany(v => Enumerable.Repeat(v, EnXs.Length))], EnNs.Length, EnXs.Length);
        var x = Shaped([.. Enumerable.Repeat(EnXs, EnNs.Length).SelectMany(v => v)], EnNs.Length, EnXs.Length);
        Relative(Ens, Special.Expn(n, x).Reshape(-1), 4e-15);
    }

    [Fact]
    public void MatchMpmathInFloat32()
    {
        // Expected: the float64 functions at the float32 arguments. Ei stays finite up to its own overflow (92).
        var ei = Special.Expi(Jnp.Array(new[] { -10f, -1, 0.1f, 0.3725f, 1, 5, 20, 39, 41, 60, 88, 92 }));
        Relative32([-4.156968929685325e-06, -0.21938393439552029, -1.6228127975009468, -2.8864893770598537e-05, 1.8951178163559368,
            40.18527535580318, 25615652.664056588, 2280446200301902.5, 1.6006649143245042e+16, 1.9361822139292765e+24, 1.8986893759825695e+36,
            9.910706092064503e+37], ei, 1.2e-6);
        Relative32([10.935719825305569, 0.5597735947761608, 0.21938393439552029, 0.10001958240663265, 4.156968929685325e-06, 2.228543258688473e-37],
            Special.Exp1(Jnp.Array(new[] { 1e-5f, 0.5f, 1, 1.5f, 10, 80 })), 1.2e-6);
        Relative32([0.22160436427517846, 0.10969196719776014, 0.03013337979781589, 9.009116813346401e-11],
            Special.Expn(Jnp.Array(3f), Jnp.Array(new[] { 0.5f, 1, 2, 20 })), 1.2e-6);
        Relative32([double.PositiveInfinity], Special.Expi(Jnp.Array(new[] { 100f })));
        var half = Special.Exp1(Jnp.Array(new[] { 0.5f, 2 }).Astype(DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        Assert.Equal(0.5597735947761608, half.ToArray<double>()[0], 3);
    }

    [Fact]
    public void EdgesAsJaxAndSciPy()
    {
        var (inf, nan) = (double.PositiveInfinity, double.NaN);
        Relative([-inf, -inf, inf, 0, nan], Special.Expi(D(0, -0.0, inf, -inf, nan)), 0);
        Relative([inf, nan, nan, 0, nan], Special.Exp1(D(0, -1, -1e-300, inf, nan)), 0);
        // n < 0 or x < 0: NaN; Eₙ(0) is inf for n ≤ 1 and 1/(n − 1) above; E₀ = e⁻ˣ/x; n is truncated as SciPy does.
        Relative([nan, nan, inf, inf, 1, 0.25, 0, nan, nan, nan], Special.Expn(D(-1, 2, 0, 1, 2, 5, 3, inf, nan, 1), D(1, -1, 0, 0, 0, 0, inf, 1, 1, nan)), 0);
        Relative(Special.Expn(D(2, 0), D(0.7, 0.7)).ToArray<double>(), Special.Expn(D(2.9, 0.5), D(0.7, 0.7)), 0);
        Relative([Math.Exp(-0.7) / 0.7], Special.Expn(D(0), D(0.7)), 1e-15);
    }

    [Fact]
    public void ArgumentsBroadcastAndPromote()
    {
        var n = Shaped([1, 2, 3], 3, 1);
        var grid = Special.Expn(n, D(0.5, 2));
        Assert.Equal([3, 2], grid.Shape);
        Relative([0.5597735947761608, 0.04890051070806112, 0.326643862324553, 0.03753426182049045, 0.22160436427517846, 0.03013337979781589],
            grid.Reshape(-1), 2e-15);
        Assert.ThrowsAny<Exception>(() => Special.Expn(D(1, 2), D(1, 2, 3)));
        Assert.Equal(DType.Float32, Special.Exp1(Jnp.Array(new[] { 1, 2 })).DType);
        Assert.Equal(DType.Float32, Special.Expn(Jnp.Array(new[] { 1, 2 }), Jnp.Array(new[] { 1, 2 })).DType);
        Assert.Throws<ArgumentException>(() => Special.Expi(Jnp.Array(1f).Astype(DType.Complex64)));
        Assert.Throws<ArgumentException>(() => Special.Expn(Jnp.Array(1f), Jnp.Array(1f).Astype(DType.Complex64)));
        Assert.Equal([0], Special.Expi(D()).Shape);
    }

    [Fact]
    public void DerivativesAreJaxsRules()
    {
        var x = D(0.3, 1, 2.5, 7);
        Relative([-2.4693940689390597, -0.36787944117144233, -0.03283399944955952, -0.00013026885222207373],
            Jax.Vmap(Jax.Grad((NDArray v) => Special.Exp1(v)))(x), 1e-15);
        // d/dx E₃ = −E₂ (mpmath.expint(2, x)).
        Relative([-0.46911522517896387, -0.14849550677592205, -0.019797703948224457, -0.0001035098442821487],
            Jax.Vmap(Jax.Grad((NDArray v) => Special.Expn(D(3)[0], v)))(x), 2e-15);
        var signed = D(-3, -0.2, 0.2, 0.3725, 5, 45);
        Relative((Jnp.Exp(signed) / signed).ToArray<double>(), Jax.Vmap(Jax.Grad((NDArray v) => Special.Expi(v)))(signed), 1e-15);
        // For n = 0 the derivative of e⁻ˣ/x, −e⁻ˣ (x + 1)/x², where JAX's rule would read E₋₁.
        Relative([-Math.Exp(-0.7) * 1.7 / 0.49], Jax.Grad((NDArray v) => Special.Expn(D(0)[0], v))(D(0.7)[0]).Reshape(1), 1e-15);
        GradCheck.Check(v => Special.Expi(v), D(-2, -0.5, 0.2, 0.9, 3, 41));
        GradCheck.Check(v => Special.Exp1(v), D(0.2, 0.9, 3, 41));
        GradCheck.Check(v => Special.Expn(D(2, 4, 0), v), D(0.6, 2.5, 1.3));
        // n has no derivative.
        Relative([0], Jax.Grad((NDArray m) => Special.Expn(m, D(1.5)[0]))(D(2)[0]).Reshape(1), 0);
    }

    [Fact]
    public void JitAndVmap()
    {
        var x = Jnp.Array(new float[,] { { -3, 0.2f, 1 }, { 2, 45, 0.5f } });
        Expect.JitAndVmapAgree(v => Special.Expi(v), x);
        Expect.JitAndVmapAgree(v => Special.Exp1(v), Jnp.Abs(x));
        Expect.JitAndVmapAgree(v => Special.Expn(Jnp.Array(new float[] { 0, 2, 7 }), v), Jnp.Abs(x));
        var byOrder = Jax.Vmap((NDArray m) => Special.Expn(m, D(0.5, 2)))(D(1, 2, 3));
        Relative([0.5597735947761608, 0.04890051070806112, 0.326643862324553, 0.03753426182049045, 0.22160436427517846, 0.03013337979781589],
            byOrder.Reshape(-1), 2e-15);
    }
}

/// <summary>The exponential integrals with x64 on: integer arguments give float64 results.</summary>
[Collection(nameof(X64Collection))]
public class ScipySpecialExpIntegralX64Tests
{
    [Fact]
    public void IntegersPromoteToFloat64() => RandomDistributionX64Tests.WithX64(() =>
    {
        Relative([0.21938393439552029, 1.8951178163559368, 0.14849550677592205],
            Jnp.Stack([Special.Exp1(Jnp.Array(1)), Special.Expi(Jnp.Array(1)), Special.Expn(Jnp.Array(2), Jnp.Array(1))]), 2e-15);
    });
}
