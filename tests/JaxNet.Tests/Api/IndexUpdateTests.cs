namespace JaxNet.Tests.Api;

/// <summary>x.At[idx].Set/Add/... (JAX's x.at[idx]): values, repeated and out-of-range indices, broadcasting,
/// dtypes, and the transformations.</summary>
public class IndexUpdateTests
{
    private static readonly NDArray X = Jnp.Arange(6).Astype(DType.Float32).Reshape([2, 3]);

    [Fact]
    public void EveryUpdateGivesTheNumPyValueAndLeavesTheArray()
    {
        Assert.Equal([0f, 1, 2, 3, 100, 5], X.At[1, 1].Set(100f).ToArray<float>());
        Assert.Equal([10f, 1, 20, 10, 4, 20], X.At[.., IndexItem.Slice(null, null, 2)].Set(Jnp.Array(new[,] { { 10f, 20f } })).ToArray<float>());
        Assert.Equal([0f, 1, 2, 13, 14, 15], X.At[1].Add(10f).ToArray<float>());
        Assert.Equal([0f, 1, 2, -7, -6, -5], X.At[1].Subtract(10f).ToArray<float>());
        Assert.Equal([0f, 2, 2, 3, 8, 5], X.At[.., 1].Multiply(2f).ToArray<float>());
        Assert.Equal([0f, 0.5f, 2, 3, 2, 5], X.At[.., 1].Divide(2f).ToArray<float>());
        Assert.Equal([0f, 1, 2, 9, 16, 25], X.At[1].Power(2f).ToArray<float>());
        Assert.Equal([0f, 1, 2, 2, 2, 2], X.At[1].Min(2f).ToArray<float>());
        Assert.Equal([4f, 4, 4, 3, 4, 5], X.At[0].Max(4f).ToArray<float>());
        Assert.Equal([0f, 1, 2, -3, -4, -5], X.At[1].Apply(Jnp.Negative).ToArray<float>());
        Assert.Equal([3f, 4, 5], X.At[1].Get().ToArray<float>());
        Assert.Equal([0f, 1, 2, 3, 4, 5], X.ToArray<float>());
    }

    [Fact]
    public void RepeatedIndicesCombineEveryUpdate()
    {
        Assert.Equal([3f, 0, 0, 0, 0, 3], Jnp.Zeros([6]).At[new[] { 0, 0, 5 }].Add(Jnp.Array(new[] { 1f, 2f, 3f })).ToArray<float>());
        Assert.Equal([8f, 1, 1], Jnp.Ones([3]).At[new[] { 0, 0, 0 }].Multiply(2f).ToArray<float>());
        Assert.Equal([-2f, 0, 0], Jnp.Zeros([3]).At[new[] { 0, 0 }].Min(Jnp.Array(new[] { -1f, -2f })).ToArray<float>());
    }

    [Fact]
    public void ApplyDropsOutOfRangeEntriesLikeTheOtherUpdates()
    {
        // Found by the fuzzer (programs seed 181): Apply read x[idx] by basic indexing, so an integer out of range (here
        // into an empty axis) threw where Set drops the update.
        var empty = Jnp.Zeros([2, 0, 3]);
        Assert.Equal([2, 0, 3], empty.At[.., 0].Apply(Jnp.Exp).Shape);
        Assert.Equal([2, 0, 3], Jax.Jit((NDArray x) => x.At[IndexItem.Ellipsis, 0, IndexItem.Slice(null, null, -1)].Apply(Jnp.Negative))(empty).Shape);
        var x = Jnp.Array(new[] { 1f, 2f, 3f });
        Assert.Equal([1f, 2, 3], x.At[5].Apply(Jnp.Negative).ToArray<float>());
        Assert.Equal([1f, 2, -3], x.At[5].Apply(Jnp.Negative, TakeMode.Clip).ToArray<float>());
        Assert.Equal([-1f, 2, -3], x.At[new[] { 0, 0, 5, -1 }].Apply(Jnp.Negative).ToArray<float>());
        Assert.Equal([-1f, 2, -3], Jax.Jit((NDArray v) => v.At[new[] { 0, 0, 5, -1 }].Apply(Jnp.Negative))(x).ToArray<float>());
    }

    [Fact]
    public void OutOfRangeUpdatesAreDroppedOrClamped()
    {
        Assert.Equal([0f, 0, 7], Jnp.Zeros([3]).At[new[] { 5, -1, -4 }].Set(7f).ToArray<float>());
        Assert.Equal([0f, 0, 0], Jnp.Zeros([3]).At[3].Set(7f).ToArray<float>());
        Assert.Equal([7f, 0, 7], Jnp.Zeros([3]).At[new[] { 5, -4 }].Set(7f, TakeMode.Clip).ToArray<float>());
        Assert.Throws<ArgumentException>(() => Jnp.Zeros([3]).At[0].Set(1f, TakeMode.Wrap));
    }

    [Fact]
    public void ValuesBroadcastAndTakeTheArraysDtype()
    {
        var ints = Jnp.Zeros([2, 3], DType.Int32).At[.., 0].Set(Jnp.Array(new[] { 2.7f, -1.5f }));
        Assert.Equal(DType.Int32, ints.DType);
        Assert.Equal([2, 0, 0, -1, 0, 0], ints.ToArray<int>());
        var error = Assert.Throws<ShapeException>(() => X.At[0].Set(Jnp.Ones([2])));
        Assert.Contains("indexed shape [3]", error.Message);
        Assert.Throws<ArgumentException>(() => X.At[0].Set(Jnp.Array(new System.Numerics.Complex[] { new(1, 1) })));
        Assert.Equal(X.ToArray<float>(), X.At[IndexItem.Slice(0, 0)].Set(9f).ToArray<float>());
        Assert.Equal([0], Jnp.Zeros([0]).At[..].Add(1f).Shape);
    }

    [Fact]
    public void MasksSelectWhatToUpdateOutsideJit()
    {
        Assert.Equal([0f, 1, 2, 0, 0, 0], X.At[X > 2f].Set(0f).ToArray<float>());
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray a) => a.At[a > 2f].Set(0f))(X));
    }

    [Fact]
    public void UpdatesWorkUnderJitVmapAndGrad()
    {
        var add = Jax.Jit((NDArray a, NDArray i) => a.At[i].Add(1f));
        Assert.Equal([0f, 2, 0, 1], add(Jnp.Zeros([4]), Jnp.Array(new[] { 1, 1, 3 })).ToArray<float>());
        var rows = Jax.Vmap((NDArray a, NDArray i, NDArray v) => a.At[i].Set(v))(Jnp.Zeros([2, 3]), Jnp.Array(new[] { 0, 2 }), Jnp.Array(new[] { 5f, 6f }));
        Assert.Equal([5f, 0, 0, 0, 0, 6], rows.ToArray<float>());
        // f(a, v) = sum(a.at[1].set(v) * w): the gradient skips a[1] and reaches v with w[1].
        var w = Jnp.Array(new[] { 1f, 2f, 3f });
        var grads = Jax.Grad((NDArray a, NDArray v) => Jnp.Sum(a.At[1].Set(v) * w), argnums: [0, 1])(Jnp.Ones([3]), Jnp.Array(4f));
        Assert.Equal([1f, 0, 3], grads[0].ToArray<float>());
        Assert.Equal(2f, grads[1].Item<float>());
        var gAdd = Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Zeros([3]).At[new[] { 0, 0, 2 }].Add(v) * w))(Jnp.Ones([3]));
        Assert.Equal([1f, 1, 3], gAdd.ToArray<float>());
    }
}
