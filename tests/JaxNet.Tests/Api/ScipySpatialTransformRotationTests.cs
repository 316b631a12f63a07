using static JaxNet.Tests.Api.SpatialChecks;
using Rotation = JaxNet.Jax.Scipy.Spatial.Transform.Rotation;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.spatial.transform.Rotation's quaternions and matrices, composition, inverse, magnitude and application,
/// against float64 matrices from Rodrigues' formula; batch shapes, dtypes, NaN and the errors.
/// </summary>
public class ScipySpatialTransformRotationTests
{
    // Unnormalised quaternions, one led by each component so that every branch of Shepperd's method runs, plus
    // rotations by nearly and exactly π (w = 0).
    private static readonly double[][] Quaternions =
    [
        [1, 2, 3, 4], [5, -1, 0.5, 0.2], [-0.3, 4, 1, -0.5], [0.1, -0.2, -3, 0.4], [1, 0, 0, 0], [0, 1, 1, 0], [0.3, -0.4, 0.5, 1e-9],
    ];

    private static NDArray QuaternionStack() => Jnp.Stack([.. Quaternions.Select(Array64)]);

    [Fact]
    public void FromQuat_normalises_and_AsMatrix_matches_the_axis_angle_rotation()
    {
        var rotation = Rotation.FromQuat(QuaternionStack());
        var norms = Jnp.Sqrt(Jnp.Sum(rotation.Quat * rotation.Quat, axis: -1));
        Close(Jnp.OnesLike(norms), norms, 1e-15);
        Close(Stacked(Quaternions.Select(QuaternionMatrix)), rotation.AsMatrix(), 2e-15);
        var single = Rotation.FromQuat(Jnp.Array(new float[] { 1, 2, 3, 4 }));
        Assert.Equal(DType.Float32, single.Quat.DType);
        Assert.True(single.Single());
        Close(QuaternionMatrix([1, 2, 3, 4]), single.AsMatrix(), 3e-7);
        // Integers become floats; scalar-first reads w first.
        Assert.True(Rotation.FromQuat(Jnp.Array(new[] { 0, 0, 0, 2 })).Quat.DType.IsFloat());
        Close(rotation.Quat[0], Rotation.FromQuat(Array64([4, 1, 2, 3]), scalarFirst: true).Quat, 1e-16);
        Close(Array64([4, 1, 2, 3]) / Math.Sqrt(30), rotation[0].AsQuat(scalarFirst: true), 1e-16);
    }

    [Fact]
    public void Quaternion_matrix_quaternion_round_trips_up_to_sign_for_any_batch_shape()
    {
        var quats = Rotation.FromQuat(Jnp.FromHost<double>(Uniform(1, 2 * 3 * 4), [2, 3, 4], DType.Float64)).Quat;
        var back = Rotation.FromMatrix(new Rotation(quats).AsMatrix());
        Assert.Equal([2, 3, 4], back.Quat.Shape);
        SameRotation(quats, back.Quat, 4e-16 * 8);
        var listed = Rotation.FromQuat(QuaternionStack()).Quat;
        SameRotation(listed, Rotation.FromMatrix(new Rotation(listed).AsMatrix()).Quat, 4e-15);
        var single = listed.Astype(DType.Float32);
        var back32 = Rotation.FromMatrix(new Rotation(single).AsMatrix()).Quat;
        Assert.Equal(DType.Float32, back32.DType);
        SameRotation(single, back32, 1e-6);
    }

    [Fact]
    public void FromMatrix_matches_rodrigues_and_handles_angles_near_pi()
    {
        var rotvecs = new[] { new[] { 0.3, -0.2, 0.9 }, [Math.PI, 0, 0], [0, Math.PI - 1e-7, 0], [1, 1, 1], [0, 0, 0] };
        rotvecs[3] = [.. rotvecs[3].Select(x => x * Math.PI / Math.Sqrt(3))];
        var matrices = Stacked(rotvecs.Select(Rodrigues));
        Close(matrices, Rotation.FromMatrix(matrices).AsMatrix(), 4e-15);
        Assert.Throws<ShapeException>(() => Rotation.FromMatrix(Jnp.Zeros([3, 4])));
        Assert.Throws<ShapeException>(() => Rotation.FromMatrix(Jnp.Zeros([3])));
    }

    [Fact]
    public void AsQuat_canonical_picks_the_positive_cover()
    {
        double[][] cases = [[1, 2, 3, -4], [-1, 2, 0, 0], [0, -1, 2, 0], [0, 0, -1, 0], [1, -2, 3, 4], [0, 1, 0, 0]];
        double[][] expected = [[-1, -2, -3, 4], [1, -2, 0, 0], [0, 1, -2, 0], [0, 0, 1, 0], [1, -2, 3, 4], [0, 1, 0, 0]];
        var rotation = new Rotation(Jnp.Stack([.. cases.Select(Array64)]));
        Close(Jnp.Stack([.. expected.Select(Array64)]), rotation.AsQuat(canonical: true), 0);
        Close(rotation.Quat, rotation.AsQuat(), 0);
    }

    [Fact]
    public void Identity_and_random()
    {
        Close(new double[] { 0, 0, 0, 1 }, Rotation.Identity().Quat, 0);
        Assert.Equal(DType.Float32, Rotation.Identity().Quat.DType);
        var three = Rotation.Identity(3, DType.Float64);
        Assert.Equal([3, 4], three.Quat.Shape);
        Close(Jnp.BroadcastTo(Jnp.Eye(3, dtype: DType.Float64), [3, 3, 3]), three.AsMatrix(), 0);
        Assert.Equal([0, 4], Rotation.Identity(0).Quat.Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rotation.Identity(-1));

        var key = Jax.Random.PRNGKey(7);
        var random = Rotation.Random(key, 50, DType.Float64);
        Assert.Equal([50, 4], random.Quat.Shape);
        Close(Rotation.Random(key, 50, DType.Float64).Quat, random.Quat, 0);
        var m = random.AsMatrix();
        Close(Jnp.BroadcastTo(Jnp.Eye(3, dtype: DType.Float64), [50, 3, 3]), Jnp.Matmul(m, Jnp.Swapaxes(m, -1, -2)), 1e-14);
        Close(Jnp.OnesLike(random.Quat[.., 0]), Jnp.Linalg.Det(m), 1e-14);
        Assert.Equal([4], Rotation.Random(key).Quat.Shape);
        // Uniform rotations: the mean of w² is 1/4 (each component of a uniform unit 4-vector).
        var many = Rotation.Random(Jax.Random.PRNGKey(3), 4000, DType.Float64).Quat;
        Assert.InRange(Host(Jnp.Mean(many[.., 3] * many[.., 3]))[0], 0.23, 0.27);
    }

    [Fact]
    public void Multiply_is_the_matrix_product_and_broadcasts()
    {
        var p = Rotation.FromQuat(QuaternionStack());
        var q = Rotation.FromQuat(Jnp.Stack([.. Quaternions.Reverse().Select(Array64)]));
        var expected = Quaternions.Zip(Quaternions.Reverse(), (a, b) => Product(QuaternionMatrix(a), QuaternionMatrix(b)));
        Close(Stacked(expected), (p * q).AsMatrix(), 4e-15);
        var single = Rotation.FromRotvec(Array64([0.1, 0.2, -0.3]));
        var left = Quaternions.Select(a => Product(Rodrigues([0.1, 0.2, -0.3]), QuaternionMatrix(a)));
        Close(Stacked(left), single.Multiply(p).AsMatrix(), 4e-15);
        Assert.True((single * single).Single());
        Assert.Throws<ShapeException>(() => p * Rotation.Identity(3, DType.Float64));
    }

    [Fact]
    public void Inv_undoes_and_is_the_transpose()
    {
        var r = Rotation.FromQuat(QuaternionStack());
        Close(Jnp.Swapaxes(r.AsMatrix(), -1, -2), r.Inv().AsMatrix(), 1e-15);
        var composed = (r * r.Inv()).Quat;
        SameRotation(Rotation.Identity(Quaternions.Length, DType.Float64).Quat, composed, 1e-15);
    }

    [Fact]
    public void Magnitude_is_the_angle_in_zero_to_pi()
    {
        var angles = new[] { 0, 1e-9, 0.5, 2, Math.PI - 1e-9, Math.PI };
        var r = Rotation.FromRotvec(Jnp.Stack([.. angles.Select(a => Array64([0, a * 0.6, -a * 0.8]))]));
        Close(angles, r.Magnitude(), 1e-15);
        Close(angles, new Rotation(-r.Quat).Magnitude(), 1e-15);
        Close(new[] { 0.0 }, Rotation.Identity(1, DType.Float64).Magnitude(), 0);
    }

    [Fact]
    public void Apply_is_the_matrix_vector_product_and_broadcasts()
    {
        var r = Rotation.FromQuat(QuaternionStack());
        var vectors = Enumerable.Range(0, Quaternions.Length).Select(i => Uniform(10 + i, 3, 5)).ToArray();
        var vectorArray = Jnp.Stack([.. vectors.Select(Array64)]);
        var expected = Quaternions.Zip(vectors, (q, v) => Times(QuaternionMatrix(q), v));
        Close(Jnp.Stack([.. expected.Select(Array64)]), r.Apply(vectorArray), 1e-14);
        var inverse = Quaternions.Zip(vectors, (q, v) => Times(Transpose(QuaternionMatrix(q)), v));
        Close(Jnp.Stack([.. inverse.Select(Array64)]), r.Apply(vectorArray, inverse: true), 1e-14);
        // One rotation to many vectors, many rotations to one vector.
        var one = Rotation.FromRotvec(Array64([0.4, -1, 0.2]));
        Close(Jnp.Stack([.. vectors.Select(v => Array64(Times(Rodrigues([0.4, -1, 0.2]), v)))]), one.Apply(vectorArray), 1e-14);
        Close(Jnp.Stack([.. Quaternions.Select(q => Array64(Times(QuaternionMatrix(q), vectors[0])))]), r.Apply(Array64(vectors[0])), 1e-14);
        Assert.Equal([3], one.Apply(Array64(vectors[0])).Shape);
        // float32 rotations applied to float64 vectors compute in float64.
        Assert.Equal(DType.Float64, new Rotation(r.Quat.Astype(DType.Float32)).Apply(vectorArray).DType);
        Assert.Throws<ShapeException>(() => r.Apply(Jnp.Zeros([Quaternions.Length, 2])));
        Assert.Throws<ShapeException>(() => r.Apply(Jnp.Zeros([2, 3])));
        Assert.Equal([0, 3], Rotation.Identity(0).Apply(Jnp.Zeros([0, 3])).Shape);
    }

    [Fact]
    public void Len_indexing_single_and_concatenate()
    {
        var r = Rotation.FromQuat(QuaternionStack());
        Assert.Equal(Quaternions.Length, r.Len());
        Assert.False(r.Single());
        Assert.True(r[2].Single());
        Close(r.Quat[2], r[2].Quat, 0);
        Assert.Equal(3, r[1..4].Len());
        Close(r.Quat[Jnp.Array(new[] { 4, 0 })], r[Jnp.Array(new[] { 4, 0 })].Quat, 0);
        Assert.Throws<InvalidOperationException>(() => r[0].Len());
        Assert.Throws<InvalidOperationException>(() => r[0][0]);
        var joined = Rotation.Concatenate([r[0], r, r[1..3]]);
        Assert.Equal(Quaternions.Length + 3, joined.Len());
        Close(Jnp.Concatenate([r.Quat[..1], r.Quat, r.Quat[1..3]]), joined.Quat, 0);
        Assert.Throws<ArgumentException>(() => Rotation.Concatenate([]));
        var grid = new Rotation(Rotation.Identity(6).Quat.Reshape(2, 3, 4));
        Assert.Equal(2, grid.Len());
        Assert.Equal([3, 4], grid[1].Quat.Shape);
        Assert.False(grid[1].Single());
    }

    [Fact]
    public void Bad_input_raises_and_nan_propagates()
    {
        Assert.Throws<ShapeException>(() => Rotation.FromQuat(Jnp.Zeros([3])));
        Assert.Throws<ShapeException>(() => Rotation.FromQuat(Jnp.Zeros([2, 5])));
        Assert.Throws<ShapeException>(() => Rotation.FromQuat(Jnp.Scalar(1.0)));
        Assert.Throws<ShapeException>(() => new Rotation(Jnp.Zeros([3])));
        Assert.Throws<ArgumentException>(() => new Rotation(Jnp.Zeros([4], DType.Int32)));
        Assert.Throws<ArgumentException>(() => Rotation.FromQuat(Jnp.Zeros([4], DType.Complex64)));
        // A zero quaternion is no rotation: JAX normalises it to NaN rather than raising, and so does this.
        Assert.All(Host(Rotation.FromQuat(Jnp.Zeros([4])).AsMatrix()), x => Assert.True(double.IsNaN(x)));
        var nan = Rotation.FromQuat(Jnp.Stack([Array64([1, 2, double.NaN, 4]), Array64([0, 0, 0, 1])]));
        Assert.All(Host(nan.Quat[0]), x => Assert.True(double.IsNaN(x)));
        Close(new double[] { 0, 0, 0, 1 }, nan.Quat[1], 0);
        Assert.All(Host(nan.Apply(Array64([1, 0, 0]))[0]), x => Assert.True(double.IsNaN(x)));
        Assert.All(Host(nan.AsRotvec()[0]), x => Assert.True(double.IsNaN(x)));
        Assert.All(Host(nan.AsEuler("xyz")[0]), x => Assert.True(double.IsNaN(x)));
        Assert.True(double.IsNaN(Host(nan.Magnitude())[0]));
        Assert.All(Host(Rotation.FromMatrix(Jnp.Full([3, 3], double.NaN, DType.Float64)).Quat), x => Assert.True(double.IsNaN(x)));
    }
}
