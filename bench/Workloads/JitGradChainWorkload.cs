namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(Jax.Grad(f))</c> of a 126-op elementwise chain (42 times: tanh, *0.9, +0.1) summed, on 1,000 floats:
/// the whole forward and backward pass fuses into a few kernels, where autograd runs ~250 small ops.
/// </summary>
internal sealed class JitGradChainWorkload : FrontendWorkload
{
    private const int Blocks = 42;
    private const int Size = 1000;

    public override string Title => "grad of a 126-op elementwise chain, 1000";

    public override string PeerKey => "grad_chain_126";

    public override Unit Unit => Unit.Microseconds;

    protected override string Implementation => "JaxNet (jit)";

    private static NDArray Chain(NDArray x)
    {
        var y = x;
        for (var i = 0; i < Blocks; i++) y = Jnp.Tanh(y) * 0.9f + 0.1f;
        return Jnp.Sum(y);
    }

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var data = Uniform(Size, 31);
        var x = Jnp.Array(data);
        var grad = Jax.Jit(Jax.Grad(Chain));
        return (() => Disposed(grad(x)), () =>
        {
            var got = grad(x).ToArray<float>();
            for (var i = 0; i < Size; i++)
            {
                // d/dx of the chain: the product over blocks of 0.9 (1 - tanh(y_k)^2).
                double y = data[i], derivative = 1;
                for (var k = 0; k < Blocks; k++)
                {
                    var t = Math.Tanh(y);
                    derivative *= 0.9 * (1 - t * t);
                    y = t * 0.9 + 0.1;
                }
                if (Math.Abs(got[i] - derivative) > 1e-4 * Math.Max(1, Math.Abs(derivative)))
                    throw new ResultMismatchException($"grad[{i}] = {got[i]}, float64 reference {derivative}");
            }
            return $"gradient matches float64; {KernelCount(grad.Lower(x))}";
        }, [x]);
    }
}
