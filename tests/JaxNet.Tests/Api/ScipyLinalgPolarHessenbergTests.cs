using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Polar and Hessenberg: SciPy 1.10's factors (right and left, tall and wide; H and Q with LAPACK's
/// signs), the identities that define them, batches under Vmap and Jit, derivatives against finite differences (the
/// polar factor's also where singular values repeat), and bad input.
/// </summary>
public class ScipyLinalgPolarHessenbergTests
{
    private static readonly NDArray Square3 = Matrix(new double[,] { { 1, 2, 3 }, { 5, 4, 2 }, { 3, 2, 1 } });

    private static readonly NDArray Tall = Matrix(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });

    private static NDArray Mt(NDArray x) => Jnp.Swapaxes(x, -1, -2);

    [Fact]
    public void Polar_factors_are_scipy_s()
    {
        var (u, p) = Linalg.Polar(Square3);
        Close(Matrix(new double[,]
        {
            { -0.19778868392475407, 0.23903231160728253, 0.9506540856268341 },
            { 0.48622367754902707, 0.8660214261243101, -0.1165908439128729 },
            { 0.8511557859181911, -0.43917017601528346, 0.287512407726504 },
        }), u, 1e-14);
        Close(Matrix(new double[,]
        {
            { 4.786797061574956, 3.2516289141829833, 1.2302370892419836 },
            { 3.2516289141829833, 3.063809975681239, 2.0099696110551846 },
            { 1.2302370892419836, 2.0099696110551846, 2.9062929767812604 },
        }), p, 1e-14);
        var (ul, pl) = Linalg.Polar(Square3, side: "left");
        Close(u, ul, 1e-14);
        Close(Matrix(new double[,]
        {
            { 3.132238196170311, 1.8684939980590265, 0.8353526570671361 },
            { 1.8684939980590265, 5.6620224044166285, 3.0741230409828284 },
            { 0.8353526570671361, 3.0741230409828284, 1.96263941345051 },
        }), pl, 1e-14);
        Close(Square3, Jnp.Matmul(pl, ul), 1e-14);
        // Tall (right): U [3, 2] with orthonormal columns; wide (left): its transpose.
        var tallU = Matrix(new double[,] { { -0.5510032429894987, 0.7278246763805066 }, { 0.1361585186719082, 0.5610652289408111 }, { 0.8233202803333143, 0.3943057815011163 } });
        var tallP = Matrix(new double[,] { { 3.9740737146927962, 4.3825492707085205 }, { 4.3825492707085205, 6.0657449575309546 } });
        (u, p) = Linalg.Polar(Tall);
        Close(tallU, u, 1e-14);
        Close(tallP, p, 1e-14);
        (u, p) = Linalg.Polar(Tall.T, side: "left");
        Close(tallU.T, u, 1e-14);
        Close(tallP, p, 1e-14);
        // Wide (right): U [2, 3] with orthonormal rows and P [3, 3] of rank 2.
        (u, p) = Linalg.Polar(Tall.T);
        Close(Jnp.Eye(2, dtype: DType.Float64), Jnp.Matmul(u, u.T), 1e-14);
        Close(Tall.T, Jnp.Matmul(u, p), 1e-14);
        Close(p, p.T, 1e-15);
        Assert.Equal(2, Jnp.Linalg.MatrixRank(p).Item<int>());
        var single = Linalg.Polar(Square3.Astype(DType.Float32)).U;
        Assert.Equal(DType.Float32, single.DType);
        Close(Linalg.Polar(Square3).U, single.Astype(DType.Float64), 1e-5);
    }

    [Fact]
    public void Polar_batches_and_refuses_bad_arguments()
    {
        var batch = Random(1, [2, 4, 3]);
        var (u, p) = Linalg.Polar(batch);
        Assert.Equal([2, 4, 3], u.Shape);
        Assert.Equal([2, 3, 3], p.Shape);
        Close(batch, Jnp.Matmul(u, p), 1e-14);
        OrthonormalColumns(u[1], 1e-14);
        Close(u, Jax.Vmap(x => Linalg.Polar(x).U)(batch), 1e-14);
        Close(p, Jax.Jit(x => Linalg.Polar(x).P)(batch), 1e-14);
        Assert.True(AllNan(Linalg.Polar(Matrix(new double[,] { { 1, double.NaN }, { 0, 1 } })).U));
        Assert.Throws<ArgumentException>(() => Linalg.Polar(Square3, side: "up"));
        Assert.Throws<NotSupportedException>(() => Linalg.Polar(Square3, method: "qdwh"));
        Assert.Throws<ArgumentException>(() => Linalg.Polar(Square3, method: "newton"));
        Assert.Throws<ShapeException>(() => Linalg.Polar(Jnp.Ones([3])));
        var (ue, pe) = Linalg.Polar(Jnp.Zeros([0, 3], DType.Float64));
        Assert.Equal([0, 3], ue.Shape);
        Close(Jnp.Zeros([3, 3], DType.Float64), pe, 0);
    }

    [Fact]
    public void Polar_derivative_is_finite_where_singular_values_repeat()
    {
        GradCheck.Check(x => [Linalg.Polar(x[0]).U, Linalg.Polar(x[0]).P], [Square3]);
        GradCheck.Check(x => [Linalg.Polar(x[0], side: "left").U, Linalg.Polar(x[0], side: "left").P], [Random(2, 4, 3)], order: 1);
        GradCheck.Check(x => [Linalg.Polar(x[0]).U, Linalg.Polar(x[0]).P], [Random(3, 2, 4)], order: 1);
        // At the identity (all singular values 1), U's tangent is the antisymmetric part of the direction and P's the
        // symmetric part; the SVD's rule would divide by zero gaps here.
        var e = Random(4, 3, 3);
        var identity = Jnp.Eye(3, dtype: DType.Float64);
        var (_, du) = Jax.Jvp(x => Linalg.Polar(x).U, [identity], [e]);
        var (_, dp) = Jax.Jvp(x => Linalg.Polar(x).P, [identity], [e]);
        Close((e - e.T) / 2, du, 1e-14);
        Close((e + e.T) / 2, dp, 1e-14);
        // A rotation has repeated singular values too; the gradient matches finite differences there.
        var (c, s) = (Math.Cos(0.7), Math.Sin(0.7));
        var rotation = Matrix(new[,] { { c, -s, 0 }, { s, c, 0 }, { 0, 0, 1 } });
        GradCheck.Check(x => Linalg.Polar(x).U, rotation, order: 1);
        var weights = Random(5, 3, 3);
        var grad = Jax.Grad(x => Jnp.Sum(Linalg.Polar(x).U * weights))(rotation);
        Assert.All(grad.ToArray<double>(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Hessenberg_is_scipy_s_with_lapack_s_signs()
    {
        var a = Matrix(new double[,] { { 1, 2, 3, 4 }, { 1, 4, 2, 3 }, { 3, 2, 1, 4 }, { 2, 3, 2, 2 } });
        var (h, q) = Linalg.HessenbergWithQ(a);
        Close(Matrix(new double[,]
        {
            { 1, -5.0779635963360645, 1.1674774785852042, 1.3606182606749222 },
            { -3.7416573867739413, 5.785714285714285, -3.6129700430703764, -1.8245822889364378 },
            { 0, -2.992337152236202, 2.493487993487995, -0.5771624540444944 },
            { 0, 0, -0.04263997021964594, -1.2792022792022795 },
        }), h, 1e-14);
        Close(Matrix(new double[,]
        {
            { 1, 0, 0, 0 },
            { 0, -0.2672612419124243, 0.912291144468219, -0.3103164454170874 },
            { 0, -0.8017837257372732, -0.38915915952840097, -0.45353942022497423 },
            { 0, -0.5345224838248488, 0.12759316705849216, 0.8354673530460051 },
        }), q, 1e-14);
        Close(h, Linalg.Hessenberg(a), 0);
        var b = Matrix(new double[,] { { 4, 1, -2, 2, 0.5 }, { 1, 2, 0, 1, 3 }, { -2, 0, 3, -2, 1 }, { 2, 1, -2, -1, 0 }, { 1, 0.5, 2, 1, -3 } });
        Close(Matrix(new double[,]
        {
            { 4, -3.0041637771599605, 0.3788960301042435, -0.10078944733966327, -0.2669818077626439 },
            { -3.1622776601683795, 2.6499999999999986, -1.8190466673154326, 0.30014984904750086, 0.058985508774422296 },
            { 0, -2.9837057495671377, -1.6494383600112323, -0.27126833909654813, 2.1079247183961893 },
            { 0, 0, -1.7329422103748162, 2.9792836017609283, 0.8734116939742954 },
            { 0, 0, 0, 0.4041965241462693, -2.979845241749697 },
        }), Linalg.Hessenberg(b), 1e-14);
        // The identities on random matrices, in a batch, under Vmap and Jit; float32.
        var batch = Random(6, [3, 6, 6]);
        (h, q) = Linalg.HessenbergWithQ(batch);
        Close(batch, Jnp.Matmul(q, Jnp.Matmul(h, Mt(q))), 1e-13);
        for (var i = 0; i < 3; i++) OrthonormalColumns(q[i], 1e-14);
        Close(Jnp.ZerosLike(h), Jnp.Tril(h, -2), 0);
        Close(h, Jax.Vmap(x => Linalg.Hessenberg(x))(batch), 1e-14);
        Close(q, Jax.Jit(x => Linalg.HessenbergWithQ(x).Q)(batch), 1e-14);
        var single = Linalg.Hessenberg(a.Astype(DType.Float32));
        Assert.Equal(DType.Float32, single.DType);
        Close(Linalg.Hessenberg(a), single.Astype(DType.Float64), 1e-5);
    }

    [Fact]
    public void Hessenberg_small_degenerate_and_differentiated()
    {
        // Up to 2x2 a matrix is already Hessenberg: H = a and Q = I.
        var two = Matrix(new double[,] { { 1, 2 }, { 3, 4 } });
        var (h, q) = Linalg.HessenbergWithQ(two);
        Close(two, h, 0);
        Close(Jnp.Eye(2, dtype: DType.Float64), q, 0);
        Assert.Equal([0, 0], Linalg.Hessenberg(Jnp.Zeros([0, 0], DType.Float64)).Shape);
        // A column already zero below the subdiagonal is left alone (no reflection), as LAPACK.
        var done = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 0, 7, 8 } });
        Close(done, Linalg.Hessenberg(done), 1e-15);
        Assert.True(AllNan(Linalg.Hessenberg(Matrix(new double[,] { { 1, 2, 3 }, { 4, double.NaN, 6 }, { 7, 8, 9 } }))));
        GradCheck.Check(x => [Linalg.HessenbergWithQ(x[0]).H, Linalg.HessenbergWithQ(x[0]).Q], [Random(7, 4, 4)], order: 1);
        Assert.Throws<ShapeException>(() => Linalg.Hessenberg(Jnp.Ones([2, 3])));
    }
}
