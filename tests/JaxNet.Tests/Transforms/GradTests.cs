namespace JaxNet.Tests.Transforms;

public class GradTests
{
    [Fact]
    public void ThirdDerivativeOfTanh()
    {
        var d3 = Jax.Grad(Jax.Grad(Jax.Grad(Jnp.Tanh)));
        Assert.Equal(0.62162, (float)d3(1f), 4);
        Assert.Equal(0.62162, (float)d3(Jnp.Array(1f)), 4);
    }

    [Fact]
    public void GradOfSumOfTanhIsOneMinusSquare()
    {
        var x = Jnp.Array(new float[] { -1, 0, 0.5f, 2 });
        var g = Jax.Grad(v => Jnp.Sum(Jnp.Tanh(v)))(x).ToArray<float>();
        var expected = new[] { -1f, 0, 0.5f, 2 }.Select(v => 1 - MathF.Tanh(v) * MathF.Tanh(v)).ToArray();
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], g[i], 5);
    }

    [Fact]
    public void CSharpControlFlowOnConcreteValuesWorksUnderGrad()
    {
        static NDArray Abs(NDArray x)
        {
            if (x >= 0) return x;
            else return -x;
        }
        var g = Jax.Grad(Abs);
        Assert.Equal(1f, (float)g(2f));
        Assert.Equal(-1f, (float)g(-2f));
        Assert.Equal(-1f, (float)Jax.Grad(Jax.Grad(x => Abs(x) * x))(-3f) / 2);
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit(Abs)(Jnp.Array(2f)));
    }

    [Fact]
    public void GradOfNonScalarOutputRaisesTheDocumentedError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Jax.Grad(x => Jnp.Sin(x))(Jnp.Zeros([128])));
        Assert.Equal("Grad requires a scalar output; got shape [128]. Use Jax.Vjp or Jax.JacRev for non-scalar outputs.", e.Message);
    }

    [Fact]
    public void ArgnumsAndHasAux()
    {
        var (x, y) = (Jnp.Array(new float[] { 1, 2 }), Jnp.Array(new float[] { 3, 5 }));
        Func<NDArray, NDArray, NDArray> f = (a, b) => Jnp.Sum(a * a * b);
        Assert.Equal(new float[] { 6, 20 }, Jax.Grad(f)(x, y).ToArray<float>());
        Assert.Equal(new float[] { 1, 4 }, Jax.Grad(f, argnums: 1)(x, y).ToArray<float>());
        var both = Jax.Grad(f, argnums: [0, 1])(x, y);
        Assert.Equal(new float[] { 6, 20 }, both[0].ToArray<float>());
        Assert.Equal(new float[] { 1, 4 }, both[1].ToArray<float>());
        var (value, grad) = Jax.ValueAndGrad(f)(x, y);
        Assert.Equal(23f, (float)value);
        Assert.Equal(new float[] { 6, 20 }, grad.ToArray<float>());
        var (g, aux) = Jax.Grad(a => (Jnp.Sum(a * a), Jnp.Max(a)), hasAux: true)(x);
        Assert.Equal(new float[] { 2, 4 }, g.ToArray<float>());
        Assert.Equal(2f, (float)aux);
        Assert.True(aux.IsConcrete);
    }

    [Fact]
    public void JitOfGradAndGradOfJit()
    {
        Func<NDArray, NDArray> f = x => Jnp.Sum(Jnp.Sin(x) * x);
        var x = Jnp.Array(new float[] { 0.1f, 0.7f, -1.3f });
        var eager = Jax.Grad(f)(x).ToArray<float>();
        var jitOfGrad = Jax.Jit(Jax.Grad(f));
        Assert.Equal(eager, jitOfGrad(x).ToArray<float>());
        Assert.Equal(1, jitOfGrad.JitInfo().TraceCount);
        jitOfGrad(x);
        Assert.Equal(1, jitOfGrad.JitInfo().TraceCount);
        var gradOfJit = Jax.Grad(Jax.Jit(f))(x).ToArray<float>();
        for (var i = 0; i < 3; i++)
        {
            var v = new[] { 0.1f, 0.7f, -1.3f }[i];
            Assert.Equal(MathF.Cos(v) * v + MathF.Sin(v), eager[i], 5);
            Assert.Equal(eager[i], gradOfJit[i], 6);
        }
    }

    [Fact]
    public void HessianIsJacFwdOfJacRev()
    {
        Func<NDArray, NDArray> f = x => Jnp.Sum(Jnp.Sin(x) * x[0]);
        var x = Jnp.Array(new float[] { 0.3f, -0.4f, 1.1f });
        var h1 = Jax.JacFwd(Jax.JacRev(f))(x);
        var h2 = Jax.Hessian(f)(x);
        Assert.Equal(new[] { 3, 3 }, h1.Shape);
        Assert.Equal(h1.ToArray<float>(), h2.ToArray<float>());
        var h3 = Jax.JacRev(Jax.JacFwd(f))(x).ToArray<float>();
        // f = x0 * sum(sin x): H[0,0] = 2 cos x0 - x0 sin x0, H[0,j] = H[j,0] = cos xj (j > 0), H[j,j] = -x0 sin xj.
        var v = new[] { 0.3, -0.4, 1.1 };
        var expected = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                expected[i * 3 + j] = i == 0 && j == 0 ? 2 * Math.Cos(v[0]) - v[0] * Math.Sin(v[0])
                    : i == 0 ? Math.Cos(v[j]) : j == 0 ? Math.Cos(v[i]) : i == j ? -v[0] * Math.Sin(v[i]) : 0;
        var a = h1.ToArray<float>();
        for (var k = 0; k < 9; k++)
        {
            Assert.Equal(expected[k], a[k], 4);
            Assert.Equal(expected[k], h3[k], 4);
        }
    }

    [Fact]
    public void JacobiansOfAVectorFunction()
    {
        var w = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Func<NDArray, NDArray> f = x => Jnp.Matmul(w, x);
        var x = Jnp.Array(new float[] { 1, -1, 2 });
        Assert.Equal(w.ToArray<float>(), Jax.JacFwd(f)(x).ToArray<float>());
        Assert.Equal(w.ToArray<float>(), Jax.JacRev(f)(x).ToArray<float>());
    }

    [Fact]
    public void JvpLinearizeAndVjpAgree()
    {
        Func<NDArray, NDArray> f = x => Jnp.Exp(x) * Jnp.Cos(x);
        var x = Jnp.Array(new float[] { 0.5f, 1.5f });
        var t = Jnp.Array(new float[] { 1f, -2f });
        var (y, yDot) = Jax.Jvp(f, [x], [t]);
        var (y2, fLin) = Jax.Linearize(f, x);
        var (y3, pullback) = Jax.Vjp(f, x);
        Assert.Equal(y.ToArray<float>(), y2.ToArray<float>());
        Assert.Equal(y.ToArray<float>(), y3.ToArray<float>());
        Assert.Equal(yDot.ToArray<float>(), fLin(t).ToArray<float>());
        // Elementwise: the pullback of t is J t as well.
        var back = pullback(t).ToArray<float>();
        var forward = yDot.ToArray<float>();
        for (var i = 0; i < 2; i++) Assert.Equal(forward[i], back[i], 5);
    }

    [Fact]
    public void StopGradientBlocksTheTangent()
    {
        var g = Jax.Grad(x => x * Jax.Lax.StopGradient(x * x))(3f);
        Assert.Equal(9f, (float)g);
    }

    [Fact]
    public void CustomJvpRuleIsUsedByBothModes()
    {
        // log1p(exp(x)) with a rule that stays finite for large x.
        var softplus = Jax.CustomJvp(x => Jnp.Log1p(Jnp.Exp(x)), (x, t) => (Jnp.Log1p(Jnp.Exp(x)), t * Jax.Nn.Sigmoid(x)));
        Assert.Equal(1f, (float)Jax.Grad(softplus)(100f));
        var (_, tangent) = Jax.Jvp(softplus, [Jnp.Array(0f)], [Jnp.Array(2f)]);
        Assert.Equal(1f, (float)tangent, 6);
        Assert.Equal(0.25f, (float)Jax.Grad(Jax.Grad(softplus))(0f), 6);
    }

    [Fact]
    public void CustomVjpBackwardIsUsed()
    {
        // Gradient clipping: identity forward, clipped cotangent backward.
        var clip = Jax.CustomVjp(x => x, x => (x, []), (_, ct) => Jnp.Clip(ct, -1, 1));
        Assert.Equal(1f, (float)Jax.Grad(x => clip(x) * 5f)(2f));
        Assert.Equal(-1f, (float)Jax.Grad(x => clip(x) * -5f)(2f));
        Assert.Throws<InvalidOperationException>(() => Jax.Jvp(clip, [Jnp.Array(1f)], [Jnp.Array(1f)]));
    }

    [Fact]
    public void CheckpointGivesTheSameGradients()
    {
        Func<NDArray, NDArray> layer = x => Jnp.Tanh(Jnp.Sin(x) * 2f);
        var x = Jnp.Array(new float[] { 0.1f, -0.5f, 0.9f });
        var plain = Jax.Grad(v => Jnp.Sum(layer(layer(v))))(x).ToArray<float>();
        var remat = Jax.Checkpoint(layer);
        var checkpointed = Jax.Grad(v => Jnp.Sum(remat(remat(v))))(x).ToArray<float>();
        for (var i = 0; i < 3; i++) Assert.Equal(plain[i], checkpointed[i], 6);
        var second = Jax.Grad(Jax.Grad(v => Jnp.Sum(remat(v))))(Jnp.Array(0.3f));
        var reference = Jax.Grad(Jax.Grad(v => Jnp.Sum(layer(v))))(Jnp.Array(0.3f));
        Assert.Equal((float)reference, (float)second, 5);
    }

    [Fact]
    public void NestedGradsDoNotConfuseTheirPerturbations()
    {
        // f(x) = x * d/dy (x + y) = x, so f'(x) = 1 (Siskind and Pearlmutter's perturbation confusion example).
        var g = Jax.Grad(x => x * Jax.Grad(y => x + y)(1f))(3f);
        Assert.Equal(1f, (float)g);
        // d/dx [x * d/dy (x * y)] = d/dx x^2 = 2x.
        Assert.Equal(6f, (float)Jax.Grad(x => x * Jax.Grad(y => x * y)(1f))(3f));
    }

    [Fact]
    public void ReverseModeProgramIsTheTransposedLinearJaxpr()
    {
        // Under MakeJaxpr, grad stages the primal (sin, cos) and the transposed linear part (a multiplication).
        var text = Jax.MakeJaxpr(Jax.Grad(Jnp.Sin))(Jnp.Array(0.5f)).ToString();
        Assert.Contains("cos", text);
        Assert.Contains("mul", text);
        Assert.DoesNotContain("transpose", text);
    }

    [Fact]
    public void FunctionsOfFourArguments()
    {
        Func<NDArray, NDArray, NDArray, NDArray, NDArray> f = (a, b, c, d) => Jnp.Sum(a * b + c * d * d);
        var (x, y, z, w) = (Jnp.Array(new float[] { 1, 2 }), Jnp.Array(new float[] { 3, 4 }), Jnp.Array(new float[] { 5, 6 }),
            Jnp.Array(new float[] { 7, 8 }));
        var grads = Jax.Grad(f, argnums: [0, 3])(x, y, z, w);
        Assert.Equal(new float[] { 3, 4 }, grads[0].ToArray<float>());
        Assert.Equal(new float[] { 70, 96 }, grads[1].ToArray<float>());
        var (value, pullback) = Jax.Vjp(f, x, y, z, w);
        Assert.Equal(11f + 245 + 384, (float)value);
        Assert.Equal(new float[] { 49, 64 }, pullback(Jnp.Array(1f))[2].ToArray<float>());
        var (_, linear) = Jax.Linearize(f, x, y, z, w);
        var one = Jnp.Ones([2]);
        var zero = Jnp.Zeros([2]);
        Assert.Equal(7f, (float)linear(one, zero, zero, zero));
        Assert.Equal(new float[] { 49, 64 }, Jax.JacRev(f, argnums: 2)(x, y, z, w).ToArray<float>());
        Assert.Equal(new float[] { 1, 2 }, Jax.JacFwd(f, argnums: 1)(x, y, z, w).ToArray<float>());
    }
}
