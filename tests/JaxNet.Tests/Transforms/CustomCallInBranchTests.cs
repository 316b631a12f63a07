namespace JaxNet.Tests.Transforms;

/// <summary>A custom-derivative function holding control flow (Scipy.Linalg.Solve: an LU loop under a custom JVP)
/// inside a cond branch: vmapped with a batched predicate, and differentiated, where its JVP rule calls it on
/// tangents.</summary>
public class CustomCallInBranchTests
{
    private static NDArray SolveIfPositive(NDArray a) =>
        Jax.Lax.Cond(Jnp.Sum(a) > 0f, x => Jax.Scipy.Linalg.Solve(x, Jnp.Eye(3)), x => x, a);

    private static readonly NDArray A = Jnp.Eye(3) * 2f + 0.1f;

    private static void Close(NDArray expected, NDArray actual)
    {
        var (e, v) = (expected.ToArray<float>(), actual.ToArray<float>());
        Assert.Equal(e.Length, v.Length);
        for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], v[i], 1e-5f);
    }

    [Fact]
    public void VmapWithABatchedPredicateRunsBothBranches()
    {
        // Both branches run eagerly on the batch; the staged solve holds a loop, so it runs equation by equation.
        var result = Jax.Vmap(SolveIfPositive)(Jnp.Stack([A, -A]));
        Close(Jax.Scipy.Linalg.Inv(A), result[0]);
        Close(-A, result[1]);
    }

    [Fact]
    public void GradTransposesTheStagedSolveInTheLinearPart()
    {
        // d/dA sum(inv(A)) = -inv(A)^T 1 1^T inv(A)^T.
        var inv = Jax.Scipy.Linalg.Inv(A);
        var expected = -Jnp.Matmul(Jnp.Matmul(inv.T, Jnp.Ones([3, 3])), inv.T);
        Close(expected, Jax.Grad((NDArray x) => Jnp.Sum(SolveIfPositive(x)))(A));
        Close(expected, Jax.Jit(Jax.Grad((NDArray x) => Jnp.Sum(SolveIfPositive(x))))(A));
        // The other branch: the identity's gradient.
        Close(Jnp.Ones([3, 3]), Jax.Grad((NDArray x) => Jnp.Sum(SolveIfPositive(x)))(-A));
    }
}
