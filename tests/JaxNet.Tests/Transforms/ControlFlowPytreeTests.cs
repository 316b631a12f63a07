namespace JaxNet.Tests.Transforms;

/// <summary>Cond, Switch, WhileLoop, ForiLoop, Scan and Map over pytrees: tuples and records as carries, operands
/// and results, as JAX's loops are usually written.</summary>
public class ControlFlowPytreeTests
{
    private sealed record State(NDArray Position, NDArray Velocity);

    [Fact]
    public void ScanWithARecordCarryAndTupleXsAndYs()
    {
        // A damped oscillator stepped by Euler's method; the ys are (position, energy) per step.
        var forces = Jnp.Array(new[] { 1f, 0f, -1f, 0.5f });
        var dts = Jnp.Full([4], 0.1f);
        var step = (State s, (NDArray F, NDArray Dt) x) =>
        {
            var v = s.Velocity + x.Dt * (x.F - s.Position);
            var p = s.Position + x.Dt * v;
            return (new State(p, v), (Position: p, Energy: 0.5f * v * v));
        };
        var (final, ys) = Jax.Lax.Scan(step, new State(Jnp.Array(0f), Jnp.Array(0f)), (forces, dts));
        // The same by hand.
        float pos = 0, vel = 0;
        var f = new[] { 1f, 0f, -1f, 0.5f };
        var positions = new float[4];
        for (var i = 0; i < 4; i++)
        {
            vel += 0.1f * (f[i] - pos);
            pos += 0.1f * vel;
            positions[i] = pos;
        }
        Assert.Equal(pos, final.Position.Item<float>(), 1e-6f);
        Assert.Equal(vel, final.Velocity.Item<float>(), 1e-6f);
        Assert.Equal(positions, ys.Position.ToArray<float>());
        Assert.Equal([4], ys.Energy.Shape);
        // Reversed, jitted and differentiated through the record.
        var jitted = Jax.Jit((NDArray v0) => Jax.Lax.Scan(step, new State(Jnp.Array(0f), v0), (forces, dts)).Carry.Position);
        Assert.Equal(Jax.Lax.Scan(step, new State(Jnp.Array(0f), Jnp.Array(0.3f)), (forces, dts)).Carry.Position.Item<float>(),
            jitted(Jnp.Array(0.3f)).Item<float>(), 1e-6f);
        var grad = Jax.Grad((NDArray v0) => Jax.Lax.Scan(step, new State(Jnp.Array(0f), v0), (forces, dts)).Carry.Position)(Jnp.Array(0f));
        var eps = 1e-2f;
        var plus = Jax.Lax.Scan(step, new State(Jnp.Array(0f), Jnp.Array(eps)), (forces, dts)).Carry.Position.Item<float>();
        var minus = Jax.Lax.Scan(step, new State(Jnp.Array(0f), Jnp.Array(-eps)), (forces, dts)).Carry.Position.Item<float>();
        Assert.Equal((plus - minus) / (2 * eps), grad.Item<float>(), 1e-3f);
        Assert.NotEqual(final.Position.Item<float>(), Jax.Lax.Scan(step, new State(Jnp.Array(0f), Jnp.Array(0f)), (forces, dts), reverse: true)
            .Carry.Position.Item<float>());
    }

    [Fact]
    public void WhileAndForiLoopsWithTupleCarries()
    {
        // Collatz steps of 27 counted with a (value, steps) carry.
        var (value, steps) = Jax.Lax.WhileLoop(c => c.N != 1,
            c => (Jnp.Where(c.N % 2 == 0, Jnp.FloorDivide(c.N, 2), 3 * c.N + 1), c.Steps + 1), (N: Jnp.Array(27), Steps: Jnp.Array(0)));
        Assert.Equal(1, value.Item<int>());
        Assert.Equal(111, steps.Item<int>());
        var (a, b) = Jax.Lax.ForiLoop(0, 10, (i, c) => (c.Item2, c.Item1 + c.Item2), (Jnp.Array(0), Jnp.Array(1)));
        Assert.Equal(55, a.Item<int>());
        Assert.Equal(89, b.Item<int>());
    }

    [Fact]
    public void CondSwitchAndMapOfPytrees()
    {
        var operand = (X: Jnp.Array(2f), Y: Jnp.Array(new[] { 1f, 2f }));
        var r = Jax.Lax.Cond(Jnp.Array(true), o => new State(o.X * o.Y, o.Y), o => new State(o.Y, -o.Y), operand);
        Assert.Equal(new[] { 2f, 4f }, r.Position.ToArray<float>());
        var s = Jax.Lax.Switch(Jnp.Array(2), [o => o.X + o.Y, o => o.X * o.Y, o => o.Y - o.X], operand);
        Assert.Equal(new[] { -1f, 0f }, s.ToArray<float>());
        var norms = Jax.Lax.Map((State st) => (Sum: st.Position + st.Velocity, Diff: st.Position - st.Velocity),
            new State(Jnp.Array(new[] { 1f, 2f, 3f }), Jnp.Array(new[] { 1f, 1f, 1f })));
        Assert.Equal(new[] { 2f, 3f, 4f }, norms.Sum.ToArray<float>());
        Assert.Equal(new[] { 0f, 1f, 2f }, norms.Diff.ToArray<float>());
    }

    [Fact]
    public void StructuresThatDoNotMatchAreNamed()
    {
        // Traced, both branches are traced (a concrete predicate may run only the one it picks).
        var e = Assert.Throws<ShapeException>(() => Jax.Jit((NDArray p) => Jax.Lax.Cond(p, (NDArray x) => (object)(x, x), x => new[] { x }, Jnp.Array(1f)) is null
            ? p : p)(Jnp.Array(true)));
        Assert.Contains("cond: the branches must return the structure", e.Message);
        var grown = Assert.Throws<ShapeException>(() => Jax.Lax.WhileLoop(c => c[0] < 3, c => new List<NDArray> { c[0] + 1, c[0] },
            new List<NDArray> { Jnp.Array(0) }));
        Assert.Contains("while_loop: body_fun must return the structure", grown.Message);
        Assert.Throws<ShapeException>(() => Jax.Lax.Scan((NDArray[] c, NDArray x) => (new[] { c[0], x }, x), new[] { Jnp.Array(0f) }, Jnp.Ones([3])));
    }
}
