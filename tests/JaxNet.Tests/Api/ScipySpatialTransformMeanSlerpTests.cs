using static JaxNet.Tests.Api.SpatialChecks;
using Rotation = JaxNet.Jax.Scipy.Spatial.Transform.Rotation;
using Slerp = JaxNet.Jax.Scipy.Spatial.Transform.Slerp;

namespace JaxNet.Tests.Api;

/// <summary>Rotation.Mean and Slerp against float64 axis-angle references; their errors and extrapolation.</summary>
public class ScipySpatialTransformMeanSlerpTests
{
    /// <summary>The rotation vector of a rotation matrix (angle below π), from its trace and skew part.</summary>
    private static double[] Log(double[,] m)
    {
        var angle = Math.Acos(Math.Clamp((m[0, 0] + m[1, 1] + m[2, 2] - 1) / 2, -1, 1));
        if (angle == 0) return [0, 0, 0];
        var scale = angle / (2 * Math.Sin(angle));
        return [scale * (m[2, 1] - m[1, 2]), scale * (m[0, 2] - m[2, 0]), scale * (m[1, 0] - m[0, 1])];
    }

    /// <summary>The rotation a fraction <paramref name="t"/> of the way from a to b along the shortest path.</summary>
    private static double[,] Between(double[,] a, double[,] b, double t) =>
        Product(a, Rodrigues([.. Log(Product(Transpose(a), b)).Select(x => x * t)]));

    [Fact]
    public void Mean_of_rotations_about_one_axis_is_the_mean_angle()
    {
        var angles = new[] { 0.1, 0.5, 0.6, 1.2 };
        var r = Rotation.FromRotvec(Jnp.Stack([.. angles.Select(a => Array64([0, 0, a]))]));
        // The chordal mean is not the plain mean of the angles: it is for two rotations, and otherwise meets the
        // optimality condition below.
        var symmetric = Rotation.FromRotvec(Jnp.Stack([Array64([0, 0, 0.2]), Array64([0, 0, 0.8])]));
        Close(Rodrigues([0, 0, 0.5]), symmetric.Mean().AsMatrix(), 1e-15);
        var mean = r.Mean();
        Assert.True(mean.Single());
        // The quaternion average maximises Σ (q·qᵢ)²: its angle φ solves Σ sin(θᵢ - φ) = 0 for rotations about one axis.
        var phi = Host(mean.Magnitude())[0];
        Assert.True(Math.Abs(angles.Sum(a => Math.Sin(a - phi))) < 1e-14, $"mean angle {phi}");
        Close(Rodrigues([0, 0, phi]), mean.AsMatrix(), 1e-15);
        // Weights: all weight on one rotation gives it back; weights scale freely.
        Close(r[2].AsMatrix(), r.Mean(Array64([0, 0, 1, 0])).AsMatrix(), 1e-15);
        Close(r.Mean(Array64([1, 2, 3, 4])).AsMatrix(), r.Mean(Array64([2, 4, 6, 8])).AsMatrix(), 1e-15);
        Close(Rodrigues([0, 0, 0.3]), Rotation.FromRotvec(Array64([0, 0, 0.3])).Mean().AsMatrix(), 1e-15);
        // q and -q are the same rotation, and so count the same.
        var flipped = new Rotation(r.Quat * Array64([1, -1, 1, -1])[.., IndexItem.NewAxis]);
        Close(mean.AsMatrix(), flipped.Mean().AsMatrix(), 1e-15);
        Assert.Equal(DType.Float32, new Rotation(r.Quat.Astype(DType.Float32)).Mean().Quat.DType);
    }

    [Fact]
    public void Mean_errors()
    {
        var r = Rotation.Identity(3, DType.Float64);
        Assert.Throws<ShapeException>(() => r.Mean(Jnp.Ones([2])));
        Assert.Throws<ShapeException>(() => r.Mean(Jnp.Ones([3, 1])));
        Assert.Throws<ArgumentException>(() => Rotation.Identity(0).Mean());
        Assert.All(Host(Rotation.FromQuat(Jnp.Stack([Array64([0, 0, 0, 1]), Array64([double.NaN, 0, 0, 1])])).Mean().Quat),
            x => Assert.True(double.IsNaN(x)));
    }

    [Fact]
    public void Slerp_hits_the_keys_and_interpolates_along_the_shortest_path()
    {
        var keys = new[] { Rodrigues([0.3, -0.2, 0.1]), Rodrigues([1.5, 0.4, -0.7]), Rodrigues([-0.6, 2.2, 0.3]) };
        var rotations = Rotation.FromMatrix(Stacked(keys));
        var slerp = Slerp.Init(Array64([0, 1, 3]), rotations);
        Close(Stacked(keys), slerp.Call(Array64([0, 1, 3])).AsMatrix(), 2e-15);
        var times = new[] { 0.5, 0.25, 2, 2.9 };
        var expected = new[] { Between(keys[0], keys[1], 0.5), Between(keys[0], keys[1], 0.25), Between(keys[1], keys[2], 0.5), Between(keys[1], keys[2], 0.95) };
        Close(Stacked(expected), slerp.Call(Array64(times)).AsMatrix(), 4e-15);
        // A scalar time gives a single rotation; times of any shape give that batch shape.
        var single = slerp.Call(Jnp.Scalar(0.5).Astype(DType.Float64));
        Assert.True(single.Single());
        Close(expected[0], single.AsMatrix(), 4e-15);
        Assert.Equal([2, 2, 4], slerp.Call(Array64(times).Reshape(2, 2)).Quat.Shape);
        // The midpoint of rotations about one axis is the mean angle, with constant angular velocity.
        var axis = Slerp.Init(Array64([0, 2]), Rotation.FromRotvec(Jnp.Stack([Array64([0, 0.2, 0]), Array64([0, 1.4, 0])])));
        Close(Rodrigues([0, 0.8, 0]), axis.Call(Jnp.Scalar(1.0).Astype(DType.Float64)).AsMatrix(), 1e-15);
        Close(new[] { 0.5 }, axis.Call(Array64([0.5])).Magnitude(), 1e-15);
        // The two-argument constructor is Init.
        Close(slerp.Rotvecs, new Slerp(Array64([0, 1, 3]), rotations).Rotvecs, 0);
        Close(Array64([1, 2]), slerp.Timedelta, 0);
    }

    [Fact]
    public void Slerp_matches_jax_documented_example()
    {
        // JAX's docstring: keys zxy (90, 0, 0), (0, 45, 0), (0, 0, -30) degrees at times 0, 1, 2, in float32.
        var keys = Rotation.FromEuler("zxy", Jnp.Array(new[,] { { 90, 0, 0 }, { 0, 45, 0 }, { 0, 0, -30 } }).Astype(DType.Float32), degrees: true);
        var slerp = Slerp.Init(Jnp.Array(new[] { 0, 1, 2 }), keys);
        var angles = slerp.Call(Jnp.Array(new[] { 0, 0.5f, 1, 1.5f, 2 })).AsEuler("zxy");
        Assert.Equal(DType.Float32, angles.DType);
        Close(Jnp.Array(new[,]
        {
            { 1.5707963, 0, 0 }, { 0.85309029, 0.38711953, 0.17768645 }, { 0, 0.78539824, 0 },
            { -0.056668043, 0.39213133, -0.2834754 }, { 0, 0, -0.52359891 },
        }, DType.Float64), angles, 2e-6);
        // The same in float64 against the axis-angle reference.
        var keys64 = Enumerable.Range(0, 3).Select(i => Host(keys.Quat.Astype(DType.Float64)[i])).Select(QuaternionMatrix).ToArray();
        Close(Between(keys64[1], keys64[2], 0.5),
            Slerp.Init(Array64([0, 1, 2]), new Rotation(Rotation.FromQuat(keys.Quat.Astype(DType.Float64)).Quat)).Call(Array64([1.5])).AsMatrix()[0], 2e-15);
    }

    [Fact]
    public void Slerp_extrapolates_outside_the_keys_as_jax()
    {
        var slerp = Slerp.Init(Array64([0, 1, 2]), Rotation.FromRotvec(Jnp.Stack([Array64([0, 0, 0]), Array64([0, 0, 0.5]), Array64([0, 0, 0.7])])));
        Close(Stacked([Rodrigues([0, 0, -0.25]), Rodrigues([0, 0, 0.9])]), slerp.Call(Array64([-0.5, 3])).AsMatrix(), 1e-15);
        Assert.All(Host(slerp.Call(Array64([double.NaN])).Quat), x => Assert.True(double.IsNaN(x)));
    }

    [Fact]
    public void Slerp_errors()
    {
        var rotations = Rotation.Identity(3, DType.Float64);
        Assert.Throws<ArgumentException>(() => Slerp.Init(Array64([0, 2, 1]), rotations));
        Assert.Throws<ArgumentException>(() => Slerp.Init(Array64([0, 1, 1]), rotations));
        Assert.Throws<ShapeException>(() => Slerp.Init(Array64([0, 1]), rotations));
        Assert.Throws<ShapeException>(() => Slerp.Init(Jnp.Zeros([3, 1]), rotations));
        Assert.Throws<ShapeException>(() => Slerp.Init(Array64([0]), Rotation.Identity()));
        Assert.Throws<ArgumentException>(() => Slerp.Init(Array64([0]), Rotation.Identity(1)));
        Assert.Throws<ShapeException>(() => Slerp.Init(Array64([0, 1]), new Rotation(Jnp.Zeros([2, 2, 4]))));
        Assert.Throws<ArgumentException>(() => Slerp.Init(Array64([0, 1, 2]), rotations).Call(Jnp.Zeros([1], DType.Complex64)));
    }
}
