using static JaxNet.Tests.Api.SpatialChecks;
using Rotation = JaxNet.Jax.Scipy.Spatial.Transform.Rotation;

namespace JaxNet.Tests.Api;

/// <summary>Rotation vectors and modified Rodrigues parameters against Rodrigues' formula, near 0 and near π.</summary>
public class ScipySpatialTransformRotvecTests
{
    // Angles from 0 through the series threshold (1e-3) to π, about a fixed unit axis.
    private static readonly double[] Angles = [0, 1e-12, 1e-7, 9e-4, 1e-3, 1.1e-3, 0.5, 2, Math.PI - 1e-6, Math.PI - 1e-9];

    private static readonly double[] Axis = [2.0 / 7, -3.0 / 7, 6.0 / 7];

    private static double[] Rotvec(double angle) => [.. Axis.Select(a => a * angle)];

    private static NDArray Rotvecs() => Jnp.Stack([.. Angles.Select(a => Array64(Rotvec(a)))]);

    [Fact]
    public void FromRotvec_matches_rodrigues_from_zero_to_pi()
    {
        var r = Rotation.FromRotvec(Rotvecs());
        Close(Stacked(Angles.Select(a => Rodrigues(Rotvec(a)))), r.AsMatrix(), 2e-15);
        // The quaternion itself: (sin(θ/2) axis, cos(θ/2)), to the last bits across the series threshold.
        var expected = Angles.Select(a => Array64([.. Axis.Select(x => x * Math.Sin(a / 2)), Math.Cos(a / 2)]));
        Close(Jnp.Stack([.. expected]), r.Quat, 4e-16);
        var random = Jnp.FromHost<double>(Uniform(3, 30, 4), [10, 3], DType.Float64);
        var randomMatrices = Enumerable.Range(0, 10).Select(i => Rodrigues(Host(random[i])));
        Close(Stacked(randomMatrices), Rotation.FromRotvec(random).AsMatrix(), 4e-15);
        // Degrees.
        Close(Rodrigues(Rotvec(Math.PI / 3)), Rotation.FromRotvec(Array64(Rotvec(60)), degrees: true).AsMatrix(), 2e-15);
        var single = Rotation.FromRotvec(Array64(Rotvec(0.5)).Astype(DType.Float32));
        Assert.Equal(DType.Float32, single.Quat.DType);
        Close(Rodrigues(Rotvec(0.5)), single.AsMatrix(), 3e-7);
    }

    [Fact]
    public void AsRotvec_round_trips_near_zero_and_near_pi()
    {
        var rotvecs = Rotvecs();
        Close(rotvecs, Rotation.FromRotvec(rotvecs).AsRotvec(), 3e-15);
        // -q is the same rotation: the angle stays in [0, π].
        Close(rotvecs, new Rotation(-Rotation.FromRotvec(rotvecs).Quat).AsRotvec(), 3e-15);
        // Exactly π: either direction of the axis is right.
        var half = Rotation.FromRotvec(Array64(Rotvec(Math.PI))).AsRotvec();
        Close(Rodrigues(Rotvec(Math.PI)), Rotation.FromRotvec(half).AsMatrix(), 2e-15);
        Close(new[] { Math.PI }, Jnp.Sqrt(Jnp.Sum(half * half))[IndexItem.NewAxis], 2e-15);
        // An angle above π comes back as the shorter rotation the other way.
        var over = Rotation.FromRotvec(Array64(Rotvec(4))).AsRotvec();
        Close(Rotvec(4 - 2 * Math.PI), over, 3e-15);
        Close(Rotvec(30), Rotation.FromRotvec(Array64(Rotvec(30)), degrees: true).AsRotvec(degrees: true), 1e-13);
        var float32 = Rotation.FromRotvec(rotvecs.Astype(DType.Float32)).AsRotvec();
        Assert.Equal(DType.Float32, float32.DType);
        Close(rotvecs, float32, 2e-6);
    }

    [Fact]
    public void Mrp_is_the_axis_times_tan_of_a_quarter_angle()
    {
        var mrps = Jnp.Stack([.. Angles.Select(a => Array64([.. Axis.Select(x => x * Math.Tan(a / 4))]))]);
        var r = Rotation.FromMrp(mrps);
        Close(Stacked(Angles.Select(a => Rodrigues(Rotvec(a)))), r.AsMatrix(), 2e-15);
        Close(mrps, r.AsMrp(), 2e-16);
        Close(mrps, new Rotation(-r.Quat).AsMrp(), 2e-16);
        // A vector longer than 1 turns by more than π and comes back as its shadow p / -|p|², inside the unit ball.
        var outside = Array64([0, 0, 2]);
        Close(Rodrigues([0, 0, 4 * Math.Atan(2)]), Rotation.FromMrp(outside).AsMatrix(), 2e-15);
        Close(new double[] { 0, 0, -0.5 }, Rotation.FromMrp(outside).AsMrp(), 2e-16);
        // Norm 1 is a half turn.
        Close(Rodrigues([Math.PI, 0, 0]), Rotation.FromMrp(Array64([1, 0, 0])).AsMatrix(), 2e-15);
    }

    [Fact]
    public void Bad_shapes_raise_and_nan_propagates()
    {
        Assert.Throws<ShapeException>(() => Rotation.FromRotvec(Jnp.Zeros([4])));
        Assert.Throws<ShapeException>(() => Rotation.FromRotvec(Jnp.Scalar(1.0)));
        Assert.Throws<ShapeException>(() => Rotation.FromMrp(Jnp.Zeros([2, 2])));
        Assert.Throws<ArgumentException>(() => Rotation.FromRotvec(Jnp.Zeros([3], DType.Complex64)));
        Assert.Equal(DType.Float32, Rotation.FromRotvec(Jnp.Array(new[] { 1, 0, 0 })).Quat.DType);
        Assert.All(Host(Rotation.FromRotvec(Array64([double.NaN, 0, 0])).Quat), x => Assert.True(double.IsNaN(x)));
        Assert.All(Host(Rotation.FromMrp(Array64([0, double.NaN, 0])).Quat), x => Assert.True(double.IsNaN(x)));
        Assert.Equal([0, 3], Rotation.FromRotvec(Jnp.Zeros([0, 3])).AsRotvec().Shape);
    }
}
