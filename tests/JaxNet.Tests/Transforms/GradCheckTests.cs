namespace JaxNet.Tests.Transforms;

public class GradCheckTests
{
    [Theory]
    [MemberData(nameof(GradCheckCases.PrimitiveNames), MemberType = typeof(GradCheckCases))]
    public void Primitive(string name)
    {
        var c = GradCheckCases.Primitives[name];
        GradCheck.Check(c.F, c.Args(), c.Order, c.Modes);
    }

    [Theory]
    [MemberData(nameof(GradCheckCases.FunctionNames), MemberType = typeof(GradCheckCases))]
    public void Function(string name)
    {
        var c = GradCheckCases.Functions[name];
        GradCheck.Check(c.F, c.Args(), c.Order, c.Modes);
    }

    [Fact]
    public void CheckerCatchesAWrongDerivative()
    {
        // A custom rule with a wrong tangent must fail the check (the checker is not vacuous).
        var wrong = Jax.CustomJvp(Jnp.Sin, (x, t) => (Jnp.Sin(x), t * Jnp.Sin(x)));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Check(wrong, Jnp.FromHost<double>([0.3, 1.0], [2], DType.Float64), 1));
    }
}
