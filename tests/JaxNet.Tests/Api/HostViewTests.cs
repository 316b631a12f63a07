using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.typeof and jax.device_get: an array's abstract value, and host copies of its values.</summary>
public class HostViewTests
{
    [Fact]
    public void TypeOfGivesShapeDtypeAndWeakTypeForValuesAndTracers()
    {
        var t = Jax.TypeOf(Jnp.Zeros([2, 3], DType.Int32));
        Assert.Equal([2, 3], t.Shape);
        Assert.Equal(DType.Int32, t.DType);
        Assert.False(t.Weak);
        Assert.True(Jax.TypeOf(2f).Weak); // a C# literal is weakly typed
        Assert.Equal("f32[]", Jax.TypeOf(2f).Str());
        JaxNet.Core.ShapedArray? traced = null;
        Jax.Jit((NDArray x) =>
        {
            traced = Jax.TypeOf(x);
            return x;
        })(F(1, 2, 3));
        Assert.Equal("f32[3]", traced!.Str());
        Assert.Throws<ArgumentNullException>(() => Jax.TypeOf(null!));
    }

    [Fact]
    public void DeviceGetCopiesValuesThatOutliveTheArray()
    {
        var x = Jnp.Array(new float[,] { { 1, float.NaN }, { float.PositiveInfinity, -0f } });
        var host = Jax.DeviceGet(x);
        x.Dispose();
        Assert.Equal([2, 2], host.Shape);
        Assert.Equal(DType.Float32, host.DType);
        var v = host.ToArray<float>();
        Assert.Equal(1f, v[0]);
        Assert.True(float.IsNaN(v[1]));
        Assert.True(float.IsPositiveInfinity(v[2]));
        Assert.True(float.IsNegative(v[3]));
        Assert.Equal([1.0, double.NaN, double.PositiveInfinity, 0.0], host.ToArray<double>());
        Assert.Throws<InvalidOperationException>(() => host.Item<float>());
    }

    [Fact]
    public void DeviceGetOfAPytreeFollowsTheLeafOrder()
    {
        var tree = (I(1, 2, 3), new[] { F(0.5f), Jnp.Zeros([0]) }, Jnp.Scalar(true));
        var hosts = Jax.DeviceGet(tree);
        Assert.Equal(4, hosts.Count);
        Assert.Equal([1, 2, 3], hosts[0].ToArray<int>());
        Assert.Equal(0.5f, hosts[1].Item<float>());
        Assert.Empty(hosts[2].ToArray<float>());
        Assert.Equal(0, hosts[2].Size);
        Assert.True(hosts[3].Item<bool>());
        Assert.Empty(Jax.DeviceGet((object?)null));
    }

    [Fact]
    public void DeviceGetOfATracerIsAConcretizationError() =>
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) =>
        {
            Jax.DeviceGet(x);
            return x;
        })(F(1)));
}
