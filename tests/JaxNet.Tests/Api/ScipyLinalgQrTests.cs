using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Qr: A = Q R with Q orthogonal and R upper triangular in the full and economic forms, a closed
/// form, batches under Vmap and Jit, and JAX's derivative rule checked by GradCheck on Q and R themselves (the
/// Householder signs are locally constant, so the factors are differentiable functions).
/// </summary>
public class ScipyLinalgQrTests
{
    [Theory]
    [InlineData(4, 4, false)]
    [InlineData(8, 8, true)]
    [InlineData(6, 3, false)]
    [InlineData(6, 3, true)]
    [InlineData(3, 5, false)]
    [InlineData(3, 5, true)]
    public void Factors_rebuild_the_matrix(int m, int n, bool economic)
    {
        var a = Random(100 + 10 * m + n, m, n);
        var (q, r) = Linalg.Qr(a, economic);
        var k = Math.Min(m, n);
        Assert.Equal(economic ? [m, k] : [m, m], q.Shape);
        Assert.Equal(economic ? [k, n] : [m, n], r.Shape);
        Close(a, Jnp.Matmul(q, r), 1e-14);
        OrthonormalColumns(q, 1e-14);
        Assert.Equal(r.ToArray<double>(), Jnp.Triu(r).ToArray<double>());
    }

    [Fact]
    public void Closed_form_of_a_2x2()
    {
        // The first column (3, 4) has norm 5; |R11| is |det A| / 5 = 2 / 5.
        var (q, r) = Linalg.Qr(Matrix(new double[,] { { 3, 1 }, { 4, 2 } }));
        Close(Matrix(new double[,] { { 5, 2.2 }, { 0, 0.4 } }), Jnp.Abs(r), 1e-15);
        Close(Matrix(new double[,] { { 0.6, 0.8 }, { 0.8, 0.6 } }), Jnp.Abs(q), 1e-15);
    }

    [Fact]
    public void Batches_map_over_leading_axes_and_agree_with_vmap_and_jit()
    {
        var a = Random(61, [2, 4, 3]);
        var (q, r) = Linalg.Qr(a, economic: true);
        Assert.Equal([2, 4, 3], q.Shape);
        Assert.Equal([2, 3, 3], r.Shape);
        Close(a, Jnp.Matmul(q, r), 1e-14);
        Close(Linalg.Qr(a[1], economic: true).R, r[1], 1e-14);
        Close(r, Jax.Vmap(x => Linalg.Qr(x, economic: true).R)(a), 1e-14);
        var jitted = Jax.Jit(args => { var (jq, jr) = Linalg.Qr(args[0]); return [jq, jr]; }, 1)([a]);
        Close(Linalg.Qr(a).Q, jitted[0], 1e-14);
        Close(Linalg.Qr(a).R, jitted[1], 1e-14);
    }

    [Theory]
    [InlineData(3, 3, false)]
    [InlineData(5, 3, true)]
    public void Derivatives_follow_the_rule_to_second_order(int m, int n, bool economic)
    {
        GradCheck.Check(x =>
        {
            var (q, r) = Linalg.Qr(x[0], economic);
            return [q, r];
        }, [Random(71 + m, m, n)], order: 2);
    }

    [Fact]
    public void Gradient_of_a_batch_matches_each_matrix_alone_and_jit()
    {
        var a = Random(72, [2, 4, 2]);
        var weights = Random(73, 4, 2);
        Func<NDArray, NDArray> loss = x => Jnp.Sum(Linalg.Qr(x, economic: true).Q * weights);
        var batched = Jax.Grad(x => Jnp.Sum(Jax.Vmap(loss)(x)))(a);
        Close(Jax.Grad(loss)(a[0]), batched[0], 1e-12);
        Close(Jax.Grad(loss)(a[1]), batched[1], 1e-12);
        Close(batched, Jax.Jit(Jax.Grad(x => Jnp.Sum(Jax.Vmap(loss)(x))))(a), 1e-12);
    }

    [Fact]
    public void Cases_jax_does_not_differentiate_say_so()
    {
        // Wide matrices, and the full form of tall ones, as in JAX.
        foreach (var (a, economic) in new[] { (Random(74, 2, 3), true), (Random(75, 4, 2), false) })
        {
            var e = Assert.Throws<NotSupportedException>(() => Jax.Grad(x => Jnp.Sum(Linalg.Qr(x, economic).R))(a));
            Assert.Contains("Qr", e.Message);
        }
    }
}
