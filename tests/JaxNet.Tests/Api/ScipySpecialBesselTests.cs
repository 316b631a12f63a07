using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>i0, i0e, i1 and i1e against SciPy 1.10 (Cephes), on both sides of the expansions' switch at |x| = 8.</summary>
public class ScipySpecialBesselTests
{
    private static readonly double[] Xs = [-30, -8.5, -8, -1.5, -0.1, 0, 1e-3, 0.5, 1, 2.5, 7.9, 8, 8.1, 15, 40, 100];

    private static readonly double[] I0s = [781672297823.9775, 683.1619269901155, 427.56411572180474, 1.6467231897728907, 1.0025015629340956, 1.0,
        1.0000002500000158, 1.0634833707413234, 1.2660658777520082, 3.289839144050123, 389.406283282158, 427.56411572180474, 469.5006067101214,
        339649.3732979138, 1.48947747934199e+16, 1.0737517071310738e+42];

    private static readonly double[] I0es = [0.0731459464822373, 0.13900184305484758, 0.1434317818568503, 0.36743360905415834, 0.9071009257823011,
        1.0, 0.9990007495835156, 0.64503527044915, 0.46575960759364043, 0.27004644161220276, 0.14436986414104191, 0.1434317818568503,
        0.14251180948829525, 0.1038995314488227, 0.06327827987523532, 0.03994437929909668];

    private static readonly double[] I1s = [-768532038938.9569, -641.6199025400667, -399.8731367825599, -0.9816664285779079, -0.050062526047092694,
        0.0, 0.0005000000625000026, 0.25789430539089636, 0.5651591039924851, 2.5167162452886984, 363.8539440845081, 399.8731367825599,
        439.48430891035844, 328124.92197020643, 1.4707396163259354e+16, 1.0683693903381625e+42];

    private static readonly double[] I1es = [-0.07191633059864755, -0.13054935509459586, -0.13414249329269812, -0.21903938742092574,
        -0.045298446808809324, 0.0, 0.0004995003123542213, 0.15642080318487173, 0.2079104153497085, 0.20658464953126654, 0.13489649943989365,
        0.13414249329269812, 0.13340068832583662, 0.10037417504516664, 0.06248222907444206, 0.03974415302513025];

    [Fact]
    public void MatchSciPyInFloat64()
    {
        Relative(I0s, Special.I0(D(Xs)), 1e-14);
        Relative(I0es, Special.I0e(D(Xs)), 1e-14);
        Relative(I1s, Special.I1(D(Xs)), 1e-14);
        Relative(I1es, Special.I1e(D(Xs)), 1e-14);
        Relative([0.017845706500153165, 0.015081295651531355], Special.I0e(D(500, 700)), 1e-14);
        Relative([0.017827851852898053, 0.015070519444716846], Special.I1e(D(500, 700)), 1e-14);
    }

    [Fact]
    public void MatchSciPyInFloat32()
    {
        var x = Jnp.Array(Xs.Take(14).Select(v => (float)v).ToArray());
        Relative32(I0s.Take(14).ToArray(), Special.I0(x), 3e-6);
        Relative32(I0es.Take(14).ToArray(), Special.I0e(x), 2e-6);
        Relative32(I1s.Take(14).ToArray(), Special.I1(x), 3e-6);
        Relative32(I1es.Take(14).ToArray(), Special.I1e(x), 2e-6);
        // exp(100) overflows float32; the scaled functions do not.
        Relative32([double.PositiveInfinity], Special.I0(Jnp.Array(new[] { 100f })));
        Relative32([0.03994437929909668], Special.I0e(Jnp.Array(new[] { 100f })));
        // Half precision computes in float32 and rounds.
        var half = Special.I0e(Jnp.Array(new[] { 1f, 10 }).Astype(DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        Assert.Equal(0.46575960759364043, half.ToArray<double>()[0], 3);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        var inf = double.PositiveInfinity;
        Relative([inf, inf, double.NaN], Special.I0(D(inf, -inf, double.NaN)), 0);
        Relative([inf, -inf, double.NaN], Special.I1(D(inf, -inf, double.NaN)), 0);
        Relative([0, 0, double.NaN], Special.I0e(D(inf, -inf, double.NaN)), 0);
        Relative([0, 0, double.NaN], Special.I1e(D(inf, -inf, double.NaN)), 0);
        Relative([1.2660658777520082, 0.5651591039924851], Jnp.Stack([Special.I0(Jnp.Array(1)), Special.I1(Jnp.Array(1))]), 2e-6, DType.Float32);
        Assert.Throws<ArgumentException>(() => Special.I0(Jnp.Array(1f).Astype(DType.Complex64)));
        Assert.Throws<ArgumentException>(() => Special.I1e(Jnp.Array(1f).Astype(DType.Complex64)));
    }

    [Fact]
    public void DerivativesAreTheRecurrences()
    {
        // d/dx I0 = I1, d/dx I1 = I0 - I1 / x (1/2 at 0).
        var x = D(-9, -2, -0.3, 0, 0.7, 3, 12);
        Relative(Special.I1(x).ToArray<double>(), Jax.Vmap(Jax.Grad((NDArray v) => Special.I0(v)))(x), 1e-13);
        var dI1 = Jax.Vmap(Jax.Grad((NDArray v) => Special.I1(v)))(x).ToArray<double>();
        Assert.Equal(0.5, dI1[3], 15);
        Assert.Equal(Special.I0(D(3)).ToArray<double>()[0] - Special.I1(D(3)).ToArray<double>()[0] / 3, dI1[5], 12);
        GradCheck.Check(v => Special.I0e(v), D(-9, -2, -0.3, 0.7, 3, 12));
        GradCheck.Check(v => Special.I1e(v), D(-9, -2, -0.3, 0.7, 3, 12));
        GradCheck.Check(v => Special.I1(v), D(-2, -0.3, 0.7, 3, 9));
        Assert.Equal(0.5, Jax.Grad((NDArray v) => Special.I1e(v))(Jnp.Array(0.0, DType.Float64)).Item<double>(), 15);
    }

    [Fact]
    public void JitAndVmap()
    {
        var x = Jnp.Array(new float[,] { { -9, -2, 0 }, { 0.7f, 3, 12 } });
        Expect.JitAndVmapAgree(v => Special.I0(v), x);
        Expect.JitAndVmapAgree(v => Special.I1e(v), x);
    }
}
