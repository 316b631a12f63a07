using System.Reflection;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// Every primitive's batching rule against a loop of unbatched calls: for each case, random examples are stacked
/// along in axes 0, 1 or not at all (every combination, or a sample of them for many arguments), vmapped with out
/// axes 0 and -1, and compared with the per-example results stacked the same way.
/// </summary>
public class BatchRuleTests
{
    [Theory]
    [MemberData(nameof(BatchRuleCases.Names), MemberType = typeof(BatchRuleCases))]
    public void BatchRuleMatchesALoopOfUnbatchedCalls(string name)
    {
        var rng = new Random(StableSeed(name));
        var c = BatchRuleCases.All[name](rng);
        var size = rng.Next(2, 5);
        var ranks = c.Args.Select(g => g().Ndim).ToArray();
        var combos = InAxesCombinations(ranks, rng);
        for (var k = 0; k < combos.Count; k++)
        {
            var inAxes = combos[k];
            foreach (var outAxis in k == 0 ? new[] { 0, -1 } : [k % 2 == 0 ? 0 : -1])
                CheckOne(c, inAxes, outAxis, size, jit: k == 0 && outAxis == 0);
        }
    }

    /// <summary>
    /// vmap of vmap against a double loop: the outer map takes the first argument and the inner one the others (for
    /// one argument, both levels map it), so both levels see batched and unbatched operands.
    /// </summary>
    [Theory]
    [MemberData(nameof(BatchRuleCases.Names), MemberType = typeof(BatchRuleCases))]
    public void NestedVmapMatchesADoubleLoop(string name)
    {
        var c = BatchRuleCases.All[name](new Random(StableSeed(name) + 1));
        const int outer = 2, inner = 3;
        var k = c.Args.Length;
        // args[i][j]: the arguments of element (i, j) of the 2 x 3 grid.
        NDArray[][][] args;
        int?[] innerAxes, outerAxes;
        if (k == 1)
        {
            args = Grid(outer, inner, (_, _) => [c.Args[0]()]);
            (innerAxes, outerAxes) = ([0], [0]);
        }
        else
        {
            var firsts = Enumerable.Range(0, outer).Select(_ => c.Args[0]()).ToArray();
            var rests = Enumerable.Range(0, inner).Select(_ => c.Args.Skip(1).Select(g => g()).ToArray()).ToArray();
            args = Grid(outer, inner, (i, j) => [firsts[i], .. rests[j]]);
            innerAxes = [null, .. Enumerable.Repeat<int?>(0, k - 1)];
            outerAxes = [0, .. Enumerable.Repeat<int?>(null, k - 1)];
        }
        // A mapped argument is stacked over the levels that map it; an unmapped one is taken from element (0, 0).
        var batched = Enumerable.Range(0, k).Select(a =>
        {
            NDArray Inner(int i) => innerAxes[a] is null ? args[i][0][a] : Jnp.Stack(args[i].Select(e => e[a]).ToArray(), 0);
            return outerAxes[a] is null ? Inner(0) : Jnp.Stack(Enumerable.Range(0, outer).Select(Inner).ToArray(), 0);
        }).ToArray();
        var outs = c.F(args[0][0]).Length;
        var outAxes = new int[outs];
        var actual = Jax.Vmap(Jax.Vmap(c.F, innerAxes, outAxes), outerAxes, outAxes)(batched);
        for (var r = 0; r < outs; r++)
        {
            var expected = Jnp.Stack(args.Select(row => Jnp.Stack(row.Select(e => c.F(e)[r]).ToArray(), 0)).ToArray(), 0);
            AssertClose(expected, actual[r], $"nested vmap, result {r}");
        }
    }

    private static NDArray[][][] Grid(int rows, int columns, Func<int, int, NDArray[]> element) =>
        Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, columns).Select(j => element(i, j)).ToArray()).ToArray();

    private static void CheckOne(BatchCase c, int?[] inAxes, int outAxis, int size, bool jit)
    {
        // Per-argument examples: one per batch element for mapped arguments, one shared otherwise.
        var examples = c.Args.Select((g, j) => inAxes[j] is null ? [g()] : Enumerable.Range(0, size).Select(_ => g()).ToArray()).ToArray();
        var batched = examples.Select((e, j) => inAxes[j] is { } axis ? Jnp.Stack(e, axis) : e[0]).ToArray();
        var outAxes = Enumerable.Repeat(outAxis, c.F(examples.Select(e => e[0]).ToArray()).Length).ToArray();
        var vmapped = Jax.Vmap(c.F, inAxes, outAxes);
        var actual = vmapped(batched);
        var perExample = Enumerable.Range(0, size)
            .Select(i => c.F(examples.Select(e => e.Length == 1 ? e[0] : e[i]).ToArray())).ToArray();
        var what = $"in_axes ({string.Join(", ", inAxes.Select(a => a?.ToString() ?? "null"))}), out_axes {outAxis}";
        for (var r = 0; r < actual.Length; r++)
            AssertClose(Jnp.Stack(perExample.Select(o => o[r]).ToArray(), outAxis), actual[r], $"result {r}, {what}");
        if (!jit) return;
        var jitted = Jax.Jit(vmapped, batched.Length)(batched);
        for (var r = 0; r < actual.Length; r++) AssertClose(actual[r], jitted[r], $"jit of vmap, result {r}, {what}");
    }

    /// <summary>In axes 0, 1 (for arguments of rank at least 1) or null, never all null; at most 12, always including all-0.</summary>
    private static List<int?[]> InAxesCombinations(int[] ranks, Random rng)
    {
        IEnumerable<int?[]> all = [[]];
        foreach (var rank in ranks)
        {
            int?[] choices = rank >= 1 ? [0, 1, null] : [0, null];
            all = all.SelectMany(prefix => choices.Select(ch => (int?[])[.. prefix, ch]));
        }
        var list = all.Where(a => a.Any(x => x is not null)).ToList();
        if (list.Count <= 12) return list;
        return list.Take(1).Concat(list.Skip(1).OrderBy(_ => rng.Next()).Take(11)).ToList();
    }

    private static void AssertClose(NDArray expected, NDArray actual, string what)
    {
        Assert.True(Shapes.Equal(expected.Shape, actual.Shape),
            $"{what}: shape {Shapes.Format(actual.Shape)}, expected {Shapes.Format(expected.Shape)}");
        Assert.Equal(expected.DType, actual.DType);
        var e = Jnp.Astype(expected, DType.Float32).ToArray<float>();
        var a = Jnp.Astype(actual, DType.Float32).ToArray<float>();
        for (var i = 0; i < e.Length; i++)
        {
            var close = (float.IsNaN(e[i]) && float.IsNaN(a[i])) || e[i] == a[i] || Math.Abs(e[i] - a[i]) <= 1e-5f * (1 + Math.Abs(e[i]));
            Assert.True(close, $"{what}: element {i} is {a[i]}, expected {e[i]}");
        }
    }

    private static int StableSeed(string name) => name.Aggregate(17, (h, ch) => unchecked(h * 31 + ch));

    private static IEnumerable<Primitive> Registry() =>
        typeof(Prims).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null)).OfType<Primitive>();

    [Fact]
    public void EveryPrimitiveHasABatchRule()
    {
        var missing = Registry()
            .Where(p => p.GetType().GetMethod(nameof(Primitive.Batch))!.DeclaringType == typeof(Primitive))
            .Select(p => p.Name).ToList();
        Assert.True(missing.Count == 0, "primitives without a batching rule: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryPrimitiveIsExercisedByABatchRuleCase()
    {
        var bound = new HashSet<string>();
        foreach (var (name, build) in BatchRuleCases.All)
        {
            var c = build(new Random(StableSeed(name)));
            var avals = c.Args.Select(g => g().Aval).ToArray();
            var jaxpr = Tracing.ToJaxpr(c.F, avals, "make_jaxpr", name);
            foreach (var eqn in jaxpr.Jaxpr.Eqns) bound.Add(eqn.Primitive.Name);
        }
        var untested = Registry().Select(p => p.Name).Where(n => !bound.Contains(n)).ToList();
        Assert.True(untested.Count == 0, "primitives no batching case binds: " + string.Join(", ", untested));
    }
}
