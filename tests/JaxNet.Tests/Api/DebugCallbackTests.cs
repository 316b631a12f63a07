using System.Collections.Concurrent;
using JaxNet.Tests.Parallel;

namespace JaxNet.Tests.Api;

/// <summary>jax.debug.print and jax.debug.callback: they run when the program runs (every call of a jitted function,
/// every loop iteration), with concrete values, and survive the simplifier although nothing reads them.</summary>
public class DebugCallbackTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static string Printed(Action<TextWriter> body)
    {
        var writer = new StringWriter { NewLine = "\n" };
        body(writer);
        return writer.ToString();
    }

    [Fact]
    public void PrintsEagerlyAndOnEveryCallOfAJittedFunction()
    {
        var text = Printed(w =>
        {
            var f = Jax.Jit((NDArray x) =>
            {
                var y = x * 2f;
                Jax.Debug.Print(w, "y = {0}", y);
                return y + 1f;
            });
            f(Jnp.Array(new[] { 1f, 2f }));
            f(Jnp.Array(new[] { 3f, 4f }));
            Jax.Debug.Print(w, "eager {0} and {1}", Jnp.Array(5), Jnp.Array(true));
        });
        Assert.Equal("y = [2. 4.]\ny = [6. 8.]\neager 5 and True\n", text);
    }

    [Fact]
    public void RunsOnEveryIterationOfALoop()
    {
        var seen = new List<int>();
        var result = Jax.Jit((NDArray n) => Jax.Lax.ForiLoop(0, 4, (i, acc) =>
        {
            Jax.Debug.Callback(v => seen.Add(v[0].Item<int>()), i);
            return acc + i;
        }, n))(Jnp.Array(10));
        Assert.Equal(16, result.Item<int>());
        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public void UnderGradSeesThePrimalsAndUnderVmapEachElement()
    {
        var primals = new List<float>();
        var grad = Jax.Grad((NDArray x) =>
        {
            Jax.Debug.Callback(v => primals.Add(v[0].Item<float>()), x);
            return x * x;
        })(Jnp.Array(3f));
        Assert.Equal(6f, grad.Item<float>());
        Assert.Equal([3f], primals);

        var rows = new List<float[]>();
        Jax.Vmap((NDArray x) =>
        {
            Jax.Debug.Callback(v => rows.Add(v[0].ToArray<float>()), x);
            return x;
        })(Jnp.Arange(6).Astype(DType.Float32).Reshape([3, 2]));
        Assert.Equal([[0f, 1f], [2f, 3f], [4f, 5f]], rows);
    }

    [Fact]
    public void EveryPmapMemberCallsWithItsOwnValues()
    {
        var seen = new ConcurrentBag<float>();
        var sums = Jax.Pmap(x =>
        {
            var total = Jax.Lax.Psum(x, "i");
            Jax.Debug.Callback(v => seen.Add(v[0].Item<float>() * 100 + v[1].Item<float>()), x, total);
            return total;
        }, "i", cpu.Devices)(Jnp.Array(new[] { 1f, 2f, 3f, 4f }));
        Assert.Equal([10f, 10f, 10f, 10f], sums.ToArray<float>());
        Assert.Equal([110f, 210f, 310f, 410f], seen.Order());
    }

    [Fact]
    public void TwoIdenticalPrintsBothRun()
    {
        var count = 0;
        Jax.Jit((NDArray x) =>
        {
            Jax.Debug.Callback(_ => count++, x);
            Jax.Debug.Callback(_ => count++, x);
            return x;
        })(Jnp.Array(1f));
        Assert.Equal(2, count);
    }

    [Fact]
    public void PrintsLikeNumPysStr()
    {
        var text = Printed(w => Jax.Debug.Print(w, "{0}|{1}", Jnp.Array(new[,] { { 1.5f, 2f }, { -3f, 4f } }), Jnp.Array(new[] { true, false })));
        Assert.Equal("[[ 1.5  2. ]\n [-3.   4. ]]|[ True False]\n", text);
    }

    [Fact]
    public void ABadFormatFailsAtTheCall()
    {
        Assert.Throws<FormatException>(() => Jax.Debug.Print(TextWriter.Null, "{0} {1}", Jnp.Array(1f)));
    }
}
