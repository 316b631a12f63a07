using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.closure_convert: closed-over values a transformation may perturb become explicit arguments.</summary>
public class ClosureConvertTests
{
    [Fact]
    public void OutsideTransformationsNothingIsHoistedAndValuesAgree()
    {
        var w = F(2, 3);
        var (converted, hoisted) = Jax.ClosureConvert((NDArray x) => Jnp.Sin(x) * w, F(0, 0));
        Assert.Empty(hoisted);
        Values([Math.Sin(0.5) * 2, Math.Sin(1) * 3], converted(F(0.5f, 1), []));
    }

    [Fact]
    public void ACustomVjpGetsTheGradientOfAClosedOverTracer()
    {
        // d/dw sum(sin(x) * w) through a CustomVjp that only sees w because closure_convert made it an argument.
        NDArray Loss(NDArray w)
        {
            var x = F(0.5f, 1);
            var (g, consts) = Jax.ClosureConvert((NDArray v) => Jnp.Sum(Jnp.Sin(v) * w), x);
            Assert.Single(consts);
            var custom = Jax.CustomVjp(
                (NDArray v, NDArray c) => g(v, [c]),
                (v, c) => (g(v, [c]), [v, c]),
                (r, ct) => (ct * Jnp.Cos(r[0]) * r[1], ct * Jnp.Sin(r[0])));
            return custom(x, consts[0]);
        }
        var grad = Jax.Grad(Loss)(F(2, 3));
        Values([Math.Sin(0.5), Math.Sin(1)], grad);
        Values([Math.Sin(0.5), Math.Sin(1)], Jax.Jit(Jax.Grad(Loss))(F(2, 3)));
    }

    [Fact]
    public void ArgumentsComeFirstThenTheHoistedValues()
    {
        NDArray[]? seen = null;
        Jax.Vmap((NDArray s) =>
        {
            var (f, consts) = Jax.ClosureConvert(a => [a[0] - s], F(0, 0));
            seen = consts;
            return f([F(10, 20), .. consts])[0];
        })(F(1, 2, 3));
        Assert.Single(seen!);
        var batched = Jax.Vmap((NDArray s) =>
        {
            var (f, consts) = Jax.ClosureConvert(a => [a[0] - s], F(0, 0));
            return f([F(10, 20), .. consts])[0];
        })(F(1, 2, 3));
        Values([9, 19, 8, 18, 7, 17], batched, shape: [3, 2]);
    }

    [Fact]
    public void WrongCountsShapesAndDtypesAreRefused()
    {
        var (f, _) = Jax.ClosureConvert(a => [a[0] * 2f], F(1, 2));
        Assert.Throws<ArgumentException>(() => f([]));
        Assert.Throws<ArgumentException>(() => f([F(1, 2), F(1)]));
        Assert.Throws<ShapeException>(() => f([F(1, 2, 3)]));
        Assert.Throws<ShapeException>(() => f([I(1, 2)]));
        Assert.Throws<ArgumentNullException>(() => Jax.ClosureConvert((Func<NDArray[], NDArray[]>)null!, F(1)));
    }
}
