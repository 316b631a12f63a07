using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>betainc against SciPy 1.10 on a grid of a, b and x (the fraction and its reflection, values down to
/// 1e−203), its edges, and its derivatives.</summary>
public class ScipySpecialBetaincTests
{
    private static readonly double[] As = [0.5, 1.0, 2.5, 10.0, 40.0, 200.0];
    private static readonly double[] Bs = [0.3, 1.0, 3.0, 15.0, 100.0];
    private static readonly double[] Xs = [0.001, 0.1, 0.35, 0.5, 0.8, 0.999];
    // betainc(a, b, x) over the grid, a slowest.
    private static readonly double[] Expected = [0.013889803167676124, 0.14228251231954306, 0.28594482269466276, 0.3607105458455472, 0.5369776584768392, 0.9078503701612379, 0.0316227766016838, 0.316227766016838, 0.5916079783099617, 0.7071067811865477, 0.8944271909999161, 0.999499874937461, 0.05925318951594624, 0.5545844446520296, 0.8776134603241836, 0.9501747372194232, 0.9972863179649062, 0.9999999996873827, 0.1364139249104868, 0.9221413296853321, 0.9996377755045164, 0.9999939448236159, 0.9999999999947479, 0.9999999999999999, 0.3449564836755702, 0.9999954547450954, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 0.0003001050595401922, 0.031113838802736632, 0.12123245907023697, 0.18774760364376444, 0.3829661372799903, 0.8741074588205833, 0.001, 0.1, 0.35, 0.5, 0.8, 0.999, 0.002997001, 0.271, 0.725375, 0.875, 0.992, 0.999999999, 0.014895453637998001, 0.794108867905351, 0.9984379305110446, 0.999969482421875, 0.999999999967232, 0.9999999999999999, 0.09520785288629094, 0.9999734386011124, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 5.335107529264407e-09, 0.0005618096787976621, 0.015030797777175978, 0.0412383539160161, 0.19122046638971793, 0.823154360037432, 3.162277660168379e-08, 0.00316227766016838, 0.07247197734297028, 0.1767766952966369, 0.5724334022399462, 0.9975018746874609, 2.4867374785113857e-07, 0.02148372385376893, 0.32419886114519364, 0.5910970748981295, 0.9588259487519099, 0.9999999934448813, 9.25388102409519e-06, 0.34838371897519205, 0.9811474256718054, 0.9994172211506953, 0.9999999988176822, 0.9999999999999999, 0.0009034152033440661, 0.9992665783887749, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 6.603719569390828e-32, 7.0551829267897465e-12, 2.3827014389088257e-06, 9.882179864104888e-05, 0.01811383667627454, 0.7236305864295747, 1.0000000000000003e-30, 1.0000000000000006e-10, 2.7585473535156234e-05, 0.0009765625, 0.10737418240000006, 0.9900448802097482, 6.588005500000002e-29, 5.455000000000003e-09, 0.0008479084927868648, 0.019287109375000007, 0.55834574848, 0.9999997814802573, 1.9364427408280048e-24, 5.20615531883412e-05, 0.3133501140005601, 0.8462718725204468, 0.999993335713868, 0.9999999999999999, 3.8964453251106634e-17, 0.6596901506172208, 0.9999999999215949, 0.9999999999999999, 0.9999999999999999, 0.9999999999999999, 2.5223992115424516e-122, 2.7084845861433283e-42, 1.955570346914164e-20, 3.663084823950208e-14, 9.723586397309198e-06, 0.5806549992650236, 1.0000000000000014e-120, 1.0000000000000026e-40, 5.790576106764106e-19, 9.094947017729286e-13, 0.00013292279957849193, 0.9607702107358118, 8.593208200000012e-118, 7.012000000000019e-38, 2.1624906470710554e-16, 2.0554580260068186e-10, 0.005556173022380958, 0.9999888507380477, 3.2013259962807682e-108, 7.716052127549641e-29, 5.5089381187920124e-09, 0.00026771775142853127, 0.8931804341840258, 0.9999999999999999, 1.1464825827294643e-85, 5.071457502738782e-10, 0.9499450433822642, 0.9999998834313549, 0.9999999999999999, 0.9999999999999999, 0.0, 8.810777133477997e-203, 7.192997697395605e-94, 8.248429415610358e-63, 1.0340275961003839e-21, 0.34270438769389566, 0.0, 9.99999999999978e-201, 6.51041795213539e-92, 6.2230152778605904e-61, 4.1495155688807365e-20, 0.8186488294786489, 0.0, 1.6462000000000673e-196, 5.614096160575613e-88, 3.1899176314316014e-57, 3.506340655704503e-17, 0.9988334368468834, 0.0, 7.235433494316078e-180, 5.100876310400231e-73, 1.2807076773374289e-43, 2.926893207997346e-08, 0.9999999999999999, 0.0, 4.327315903162455e-124, 3.68829688127415e-29, 2.6465546025797484e-09, 0.9999999645399263, 0.9999999999999999];

    private static NDArray[] Grid()
    {
        var (a, b, x) = (new List<double>(), new List<double>(), new List<double>());
        foreach (var av in As)
            foreach (var bv in Bs)
                foreach (var xv in Xs)
                    (a, b, x) = ([.. a, av], [.. b, bv], [.. x, xv]);
        return [D([.. a]), D([.. b]), D([.. x])];
    }

    [Fact]
    public void MatchesSciPyInFloat64()
    {
        var g = Grid();
        Relative(Expected, Special.Betainc(g[0], g[1], g[2]), 1e-12);
        Relative(Expected, Jax.Jit((NDArray a, NDArray b, NDArray x) => Special.Betainc(a, b, x))(g[0], g[1], g[2]), 1e-12);
    }

    [Fact]
    public void MatchesSciPyInFloat32()
    {
        NDArray F(params float[] v) => Jnp.Array(v);
        Relative32([0.29516723767246006, 0.5248000102996824, 0.7761720673626964, 0.23856013602177784, 0.00430574366622965],
            Special.Betainc(F(0.5f, 2, 5, 20, 3.5f), F(0.5f, 3, 1.5f, 30, 8), F(0.2f, 0.4f, 0.9f, 0.35f, 0.05f)), 1e-5);
        // Integers promote to the default float; a scalar a broadcasts.
        Relative32([0.271, 0.725375], Special.Betainc(Jnp.Array(1), Jnp.Array(new[] { 3, 3 }), F(0.1f, 0.35f)), 2e-6);
        var half = Special.Betainc(F(2).Astype(DType.Float16), F(3).Astype(DType.Float16), F(0.4f).Astype(DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        // x rounds to 0.39990 in float16 and the result to a spacing of 2^-11.
        Assert.InRange(half.ToArray<double>()[0], 0.5248 - 1e-3, 0.5248 + 1e-3);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        var nan = double.NaN;
        // x = 0 and 1 are exact; a or b not positive, x outside [0, 1] and NaN give NaN, as SciPy.
        Relative([0, 1, nan, nan, nan, nan, nan, nan, nan], Special.Betainc(D(2, 2, 0, 1, -1, 2, 2, nan, 2), D(3, 3, 1, 0, 2, 3, 3, 3, nan),
            D(0, 1, 0.5, 0.5, 0.5, 1.5, -0.1, 0.5, 0.5)), 0);
        Assert.Throws<ShapeException>(() => Special.Betainc(D(1, 2), D(1, 2, 3), D(0.5)));
        Assert.Throws<ArgumentException>(() => Special.Betainc(Jnp.Array(1f).Astype(DType.Complex64), D(1), D(0.5)));
    }

    [Fact]
    public void Derivatives()
    {
        // In x the density x^(a-1) (1-x)^(b-1) / B(a, b): B(2.5, 3) = 0.0507...; in a and b against SciPy's central differences.
        var (a, b, x) = (D(2.5), D(3), D(0.4));
        var density = Math.Pow(0.4, 1.5) * Math.Pow(0.6, 2) / Math.Exp(Special.Betaln(a, b).ToArray<double>()[0]);
        var grads = Jax.Grad((NDArray u, NDArray v, NDArray w) => Jnp.Sum(Special.Betainc(u, v, w)), argnums: [0, 1, 2])(a, b, x);
        Relative([-0.207838521892878], grads[0], 1e-8);
        Relative([0.15390800922610026], grads[1], 1e-8);
        Relative([density], grads[2], 1e-12);
        // First derivatives only: the rule's derivatives in a and b come from a while loop, which reverse mode cannot
        // differentiate again.
        GradCheck.Check(v => Special.Betainc(D(0.7, 4, 30), D(2, 1.5, 12), v), D(0.3, 0.9, 0.6), order: 1);
        GradCheck.Check((u, v) => Special.Betainc(u, v, D(0.3, 0.9, 0.6)), D(0.7, 4, 30), D(2, 1.5, 12), order: 1);
    }

    [Fact]
    public void Vmaps()
    {
        var g = Grid();
        var batched = Jax.Vmap((NDArray a, NDArray b, NDArray x) => Special.Betainc(a, b, x))(g[0].Reshape(6, 30), g[1].Reshape(6, 30), g[2].Reshape(6, 30));
        Relative(Expected, batched.Reshape(180), 1e-12);
    }
}

/// <summary>betainc and the Bessel functions with x64 on: integer and float64 host arrays give float64 results.</summary>
[Collection(nameof(X64Collection))]
public class ScipySpecialBetaincX64Tests
{
    [Fact]
    public void IntegersPromoteToFloat64()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            Relative([0.271, 0.725375], Special.Betainc(Jnp.Array(1), Jnp.Array(new[] { 3, 3 }), Jnp.Array(new[] { 0.1, 0.35 })), 1e-14);
            Relative([1.2660658777520082, 0.5651591039924851], Jnp.Stack([Special.I0(Jnp.Array(1)), Special.I1(Jnp.Array(1))]), 1e-14);
        });
    }
}
