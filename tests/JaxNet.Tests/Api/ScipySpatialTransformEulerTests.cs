using static JaxNet.Tests.Api.SpatialChecks;
using Rotation = JaxNet.Jax.Scipy.Spatial.Transform.Rotation;

namespace JaxNet.Tests.Api;

/// <summary>
/// Euler angles for all 24 three-axis sequences against products of the axis matrices: from_euler, the round trip away
/// from and at gimbal lock (third angle zero), degrees, shorter sequences and the errors.
/// </summary>
public class ScipySpatialTransformEulerTests
{
    // Angles inside the ranges as_euler returns: first and third in (-π, π), middle in (0, π) or (-π/2, π/2).
    private static double[] Inside(string seq, int row)
    {
        double[][] proper = [[0.3, 1.1, -2.5], [-3.0, 0.2, 1.4], [2.9, 2.8, 0.01]];
        double[][] taitBryan = [[0.3, -1.1, -2.5], [-3.0, 0.2, 1.4], [2.9, 1.5, 0.01]];
        return (IsProper(seq) ? proper : taitBryan)[row];
    }

    private static NDArray InsideArray(string seq) => Jnp.Stack([.. Enumerable.Range(0, 3).Select(r => Array64(Inside(seq, r)))]);

    public static TheoryData<string> Sequences() => [.. AllSequences()];

    [Theory]
    [MemberData(nameof(Sequences))]
    public void FromEuler_is_the_product_of_axis_rotations(string seq)
    {
        var angles = InsideArray(seq);
        var expected = Stacked(Enumerable.Range(0, 3).Select(r => EulerMatrix(seq, Inside(seq, r))));
        Close(expected, Rotation.FromEuler(seq, angles).AsMatrix(), 3e-15);
        var single = Rotation.FromEuler(seq, Array64(Inside(seq, 0)).Astype(DType.Float32));
        Assert.True(single.Single());
        Close(EulerMatrix(seq, Inside(seq, 0)), single.AsMatrix(), 5e-7);
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void AsEuler_round_trips_away_from_gimbal_lock(string seq)
    {
        var angles = InsideArray(seq);
        Close(angles, Rotation.FromEuler(seq, angles).AsEuler(seq), 2e-14);
        var degrees = angles * (180 / Math.PI);
        Close(degrees, Rotation.FromEuler(seq, degrees, degrees: true).AsEuler(seq, degrees: true), 2e-12);
        var single = Rotation.FromEuler(seq, angles.Astype(DType.Float32)).AsEuler(seq);
        Assert.Equal(DType.Float32, single.DType);
        Close(angles, single, 2e-5);
        // Another sequence of the same rotation: the matrices agree.
        var other = seq.Any(char.IsUpper) ? "ZYX" : "zyx";
        var r = Rotation.FromEuler(seq, angles);
        Close(r.AsMatrix(), Rotation.FromEuler(other, r.AsEuler(other)).AsMatrix(), 4e-15);
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void AsEuler_at_gimbal_lock_sets_the_third_angle_to_zero(string seq)
    {
        // Middle angle 0 or π (proper), ±π/2 (Tait-Bryan): only the first and third angles' sum or difference matter.
        double[] middles = IsProper(seq) ? [0, Math.PI] : [Math.PI / 2, -Math.PI / 2];
        foreach (var middle in middles)
        {
            double[] input = [0.7, middle, -0.4];
            var r = Rotation.FromEuler(seq, Array64(input));
            var angles = r.AsEuler(seq);
            var values = Host(angles);
            Assert.Equal(0, values[2]);
            Assert.True(Math.Abs(values[1] - middle) < 1e-7, $"{seq}: middle angle {values[1]} for {middle}");
            Assert.True(values[0] is >= -Math.PI and <= Math.PI);
            Close(EulerMatrix(seq, input), Rotation.FromEuler(seq, angles).AsMatrix(), 1e-14);
        }
        // In float32 the lock may or may not be detected; either way the angles give back the rotation.
        var locked = Rotation.FromEuler(seq, Array64([0.7, middles[0], -0.4]).Astype(DType.Float32));
        Close(EulerMatrix(seq, [0.7, middles[0], -0.4]), Rotation.FromEuler(seq, locked.AsEuler(seq)).AsMatrix(), 2e-6);
    }

    [Fact]
    public void Euler_angles_of_random_rotations_are_in_range_and_round_trip()
    {
        var r = Rotation.Random(Jax.Random.PRNGKey(11), 64, DType.Float64);
        foreach (var seq in AllSequences())
        {
            var angles = r.AsEuler(seq);
            Close(r.AsMatrix(), Rotation.FromEuler(seq, angles).AsMatrix(), 4e-15);
            var values = Host(angles);
            var (low, high) = IsProper(seq) ? (0.0, Math.PI) : (-Math.PI / 2, Math.PI / 2);
            for (var i = 0; i < values.Length; i++)
                Assert.True(i % 3 == 1 ? values[i] >= low && values[i] <= high : Math.Abs(values[i]) <= Math.PI, $"{seq}: angle {i % 3} = {values[i]}");
        }
    }

    [Fact]
    public void Shorter_sequences_and_batch_shapes()
    {
        Close(AxisMatrix(2, 0.4), Rotation.FromEuler("z", Jnp.Scalar(0.4).Astype(DType.Float64)).AsMatrix(), 1e-16);
        Close(Stacked([AxisMatrix(0, 0.1), AxisMatrix(0, -2)]), Rotation.FromEuler("X", Jnp.Array(new[,] { { 0.1 }, { -2 } }, DType.Float64)).AsMatrix(), 4e-16);
        Close(EulerMatrix("xy", [0.3, 0.5]), Rotation.FromEuler("xy", Array64([0.3, 0.5])).AsMatrix(), 4e-16);
        Close(EulerMatrix("YZ", [0.3, 0.5]), Rotation.FromEuler("YZ", Array64([0.3, 0.5])).AsMatrix(), 4e-16);
        var grid = Jnp.FromHost<double>(Uniform(5, 2 * 4 * 3, 1.5), [2, 4, 3], DType.Float64);
        var r = Rotation.FromEuler("zyx", grid);
        Assert.Equal([2, 4, 4], r.Quat.Shape);
        Close(grid, r.AsEuler("zyx"), 2e-14);
        // Integer angles become floats.
        Assert.True(Rotation.FromEuler("xyz", Jnp.Array(new[] { 0, 90, 0 }), degrees: true).Quat.DType.IsFloat());
    }

    [Theory]
    [InlineData("")]
    [InlineData("xyzx")]
    [InlineData("xYz")]
    [InlineData("abc")]
    [InlineData("xxy")]
    [InlineData("XZZ")]
    public void Bad_sequences_raise(string seq)
    {
        var angles = Jnp.Zeros([Math.Max(1, seq.Length)], DType.Float64);
        Assert.Throws<ArgumentException>(() => Rotation.FromEuler(seq, angles));
        Assert.Throws<ArgumentException>(() => Rotation.Identity().AsEuler(seq));
    }

    [Fact]
    public void Bad_angles_and_short_sequences_for_as_euler_raise()
    {
        Assert.Throws<ArgumentException>(() => Rotation.Identity().AsEuler("xy"));
        Assert.Throws<ShapeException>(() => Rotation.FromEuler("xyz", Jnp.Zeros([2])));
        Assert.Throws<ShapeException>(() => Rotation.FromEuler("xyz", Jnp.Scalar(1.0)));
        Assert.Throws<ShapeException>(() => Rotation.FromEuler("xy", Jnp.Zeros([4, 3])));
        Assert.Throws<ArgumentException>(() => Rotation.FromEuler("x", Jnp.Zeros([1], DType.Complex64)));
        Assert.All(Host(Rotation.FromEuler("xyz", Array64([0.1, double.NaN, 0.2])).Quat), x => Assert.True(double.IsNaN(x)));
    }
}
