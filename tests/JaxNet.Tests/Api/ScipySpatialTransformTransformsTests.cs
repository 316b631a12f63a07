using static JaxNet.Tests.Api.SpatialChecks;
using Rotation = JaxNet.Jax.Scipy.Spatial.Transform.Rotation;
using Slerp = JaxNet.Jax.Scipy.Spatial.Transform.Slerp;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.spatial.transform under Grad (against float64 central differences), Jit and Vmap (equal to eager), and as
/// a pytree; the x64 default dtype.
/// </summary>
public class ScipySpatialTransformTransformsTests
{
    private static readonly NDArray Vectors = Jnp.FromHost<double>(Uniform(21, 12, 2), [4, 3], DType.Float64);

    private static readonly NDArray Weights = Jnp.FromHost<double>(Uniform(22, 12), [4, 3], DType.Float64);

    /// <summary>The central difference of f at x along every coordinate, step h.</summary>
    private static NDArray FiniteDifference(Func<NDArray, NDArray> f, NDArray x, double h = 1e-6)
    {
        var values = Host(x);
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (plus, minus) = ((double[])values.Clone(), (double[])values.Clone());
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (Host(f(Jnp.FromHost<double>(plus, x.Shape, DType.Float64)))[0] - Host(f(Jnp.FromHost<double>(minus, x.Shape, DType.Float64)))[0]) / (2 * h);
        }
        return Jnp.FromHost<double>(gradient, x.Shape, DType.Float64);
    }

    [Fact]
    public void Grad_through_apply_matches_finite_differences()
    {
        NDArray OfRotvec(NDArray v) => Jnp.Sum(Rotation.FromRotvec(v).Apply(Vectors) * Weights);
        NDArray OfQuat(NDArray q) => Jnp.Sum(Rotation.FromQuat(q).Apply(Vectors, inverse: true) * Weights);
        NDArray OfEuler(NDArray a) => Jnp.Sum(Rotation.FromEuler("ZXZ", a).AsMatrix() * Weights[..3]);
        NDArray OfVectors(NDArray x) => Jnp.Sum(Rotation.FromRotvec(Array64([0.2, -0.4, 1.1])).Apply(x) * Weights);
        var rotvec = Array64([0.4, -1.2, 0.7]);
        Close(FiniteDifference(OfRotvec, rotvec), Jax.Grad(OfRotvec)(rotvec), 1e-8);
        var quat = Array64([0.3, -0.5, 0.2, 0.9]);
        Close(FiniteDifference(OfQuat, quat), Jax.Grad(OfQuat)(quat), 1e-8);
        var euler = Array64([0.3, 1.0, -2.0]);
        Close(FiniteDifference(OfEuler, euler), Jax.Grad(OfEuler)(euler), 1e-8);
        Close(FiniteDifference(OfVectors, Vectors), Jax.Grad(OfVectors)(Vectors), 1e-8);
        // At the zero rotation vector the series branch is used and the derivative is finite (and correct).
        var zero = Array64([0, 0, 0]);
        Close(FiniteDifference(OfRotvec, zero), Jax.Grad(OfRotvec)(zero), 1e-8);
    }

    [Fact]
    public void Grad_of_as_rotvec_and_magnitude_are_finite_at_identity()
    {
        NDArray Angle(NDArray q) => Rotation.FromQuat(q).Magnitude();
        NDArray RotvecSum(NDArray q) => Jnp.Sum(Rotation.FromQuat(q).AsRotvec() * Array64([1, 2, 3]));
        var identity = Array64([0, 0, 0, 1]);
        Assert.All(Host(Jax.Grad(Angle)(identity)), x => Assert.False(double.IsNaN(x)));
        Close(FiniteDifference(RotvecSum, identity), Jax.Grad(RotvecSum)(identity), 1e-8);
        var q = Array64([0.1, 0.7, -0.2, 0.4]);
        Close(FiniteDifference(RotvecSum, q), Jax.Grad(RotvecSum)(q), 1e-7);
    }

    private static Func<NDArray, NDArray> Quats(Func<NDArray, Rotation> f) => x => f(x).Quat;

    [Fact]
    public void Jit_and_vmap_equal_eager()
    {
        var quats = Rotation.Random(Jax.Random.PRNGKey(4), 5, DType.Float64).Quat;
        var vectors = Jnp.FromHost<double>(Uniform(23, 15), [5, 3], DType.Float64);
        // Each conversion on its own, so that a mismatch names the function.
        var pieces = new (string Name, Func<NDArray, NDArray, NDArray> F)[]
        {
            ("from_quat", (q, v) => Rotation.FromQuat(q).Quat),
            ("as_matrix", (q, v) => Rotation.FromQuat(q).AsMatrix()),
            ("from_matrix", (q, v) => Rotation.FromMatrix(Rotation.FromQuat(q).AsMatrix()).Quat),
            ("canonical", (q, v) => Rotation.FromQuat(q).AsQuat(canonical: true)),
            ("as_euler", (q, v) => Rotation.FromQuat(q).AsEuler("xyz")),
            ("as_euler_proper", (q, v) => Rotation.FromQuat(q).AsEuler("ZXZ")),
            ("from_euler", (q, v) => Rotation.FromEuler("xyz", v).Quat),
            ("as_rotvec", (q, v) => Rotation.FromQuat(q).AsRotvec()),
            ("from_rotvec", (q, v) => Rotation.FromRotvec(v).Quat),
            ("mrp", (q, v) => Rotation.FromMrp(Rotation.FromQuat(q).AsMrp()).Quat),
            ("magnitude", (q, v) => Rotation.FromQuat(q).Magnitude()),
            ("compose", (q, v) => (Rotation.FromQuat(q) * Rotation.FromRotvec(v).Inv()).Quat),
            ("apply", (q, v) => Rotation.FromQuat(q).Apply(v)),
            ("apply_inverse", (q, v) => Rotation.FromQuat(q).Apply(v, inverse: true)),
        };
        // float64 under Jit on the default backend and on tpu-sim: this test found cpu-simd's strided-tail bug
        // (JitStridedTranscendentalTests), so it keeps both.
        var mismatches = new List<string>();
        foreach (var (name, f) in pieces)
        {
            foreach (var (how, transformed, dtype, tol) in new[]
            {
                ("vmap", Jax.Vmap(f), DType.Float64, 1e-14),
                ("jit tpu-sim", Jax.Jit(f, backend: "tpu-sim"), DType.Float64, 1e-14),
                ("jit f64", Jax.Jit(f), DType.Float64, 1e-14),
                ("jit", Jax.Jit(f), DType.Float32, 2e-6),
            })
            {
                var (q, v) = (quats.Astype(dtype), vectors.Astype(dtype));
                var error = Host(f(q, v)).Zip(Host(transformed(q, v)), (a, b) => Math.Abs(a - b)).Max();
                if (!(error <= tol)) mismatches.Add($"{how} {name}: {error}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
        // A rotation is a pytree: it goes in and out of a jitted function.
        var inverse = Jax.Jit<Rotation, Rotation>(r => r.Inv() * Rotation.FromEuler("z", Jnp.Scalar(0.3).Astype(DType.Float64)))(new Rotation(quats));
        Close((new Rotation(quats).Inv() * Rotation.FromEuler("z", Jnp.Scalar(0.3).Astype(DType.Float64))).Quat, inverse.Quat, 1e-15);
        // Slerp and the mean under Jit.
        var slerp = Slerp.Init(Array64([0, 1, 2, 3, 4]), new Rotation(quats));
        var times = Array64([0.2, 1.7, 3.9]);
        Close(slerp.Call(times).Quat, Jax.Jit(Quats(t => slerp.Call(t)))(times), 1e-14);
        Close(new Rotation(quats).Mean().AsMatrix(), Jax.Jit((Func<NDArray, NDArray>)(q => new Rotation(q).Mean().AsMatrix()))(quats), 1e-13);
        var built = Jax.Jit(Quats(t => Slerp.Init(t, new Rotation(quats)).Call(Array64([2.5]))))(Array64([0, 1, 2, 3, 4]));
        Close(slerp.Call(Array64([2.5])).Quat, built, 1e-14);
    }
}

/// <summary>With x64 enabled the default float type of new rotations is float64, as in JAX.</summary>
[Collection(nameof(X64Collection))]
public class ScipySpatialTransformX64Tests
{
    [Fact]
    public void Defaults_are_float64_with_x64()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            Assert.Equal(DType.Float64, Rotation.Identity().Quat.DType);
            Assert.Equal(DType.Float64, Rotation.Random(Jax.Random.PRNGKey(1), 2).Quat.DType);
            Assert.Equal(DType.Float64, Rotation.FromEuler("xyz", Jnp.Array(new[] { 1, 2, 3 })).Quat.DType);
            Close(EulerMatrix("xyz", [1, 2, 3]), Rotation.FromEuler("xyz", Jnp.Array(new[] { 1, 2, 3 })).AsMatrix(), 2e-15);
        });
    }
}
