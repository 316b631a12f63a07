using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// A program's derivatives as one function of arrays, so that Jit and Vmap apply to all of them together:
/// <c>(x..., v..., u..., um...) -> (f(x)..., J v..., u J..., um J..., grad_x sum(um * f(x))...)</c>, where v has one
/// array per differentiated input (<see cref="FiniteDifferences.IsDifferentiable"/>) and u, um one per output. The
/// other inputs (indices, predicates) are closed over: constants of the derivative, traced values of Jit and Vmap.
/// Without <paramref name="reverse"/> only the values and J v: what a program with a while loop allows.
/// </summary>
public sealed class DerivativeFunction(FuzzProgram program, bool reverse = true)
{
    public FuzzProgram Program { get; } = program;

    /// <summary>Whether the VJPs and the gradient are computed too.</summary>
    public bool Reverse { get; } = reverse;

    /// <summary>The inputs that are differentiated.</summary>
    public int[] Differentiated { get; } =
        Enumerable.Range(0, program.Inputs.Count).Where(k => FiniteDifferences.IsDifferentiable(program, k)).ToArray();

    public int Arity => Program.Inputs.Count + Differentiated.Length + 2 * Program.Outputs.Count;

    /// <summary>What the function returns, in order.</summary>
    public enum Part { Value, Tangent, Cotangent, MaskedCotangent, Gradient }

    /// <summary>Each result's part and which output (for values and tangents) or differentiated input it belongs to.</summary>
    public IEnumerable<(Part Part, int Of)> Results =>
        Program.Outputs.Select((_, o) => (Part.Value, o))
            .Concat(Program.Outputs.Select((_, o) => (Part.Tangent, o)))
            .Concat((Reverse ? new[] { Part.Cotangent, Part.MaskedCotangent, Part.Gradient } : []).SelectMany(p => Differentiated.Select((_, j) => (p, j))));

    public NDArray[] Apply(NDArray[] args)
    {
        var n = Program.Inputs.Count;
        var outs = Program.Outputs.Count;
        var xs = args[..n];
        var vs = args[n..(n + Differentiated.Length)];
        var us = args[(n + Differentiated.Length)..(n + Differentiated.Length + outs)];
        var ums = args[(n + Differentiated.Length + outs)..];
        NDArray[] F(NDArray[] differentiated)
        {
            var all = (NDArray[])xs.Clone();
            for (var j = 0; j < Differentiated.Length; j++) all[Differentiated[j]] = differentiated[j];
            return Program.Apply(all);
        }
        var primals = Differentiated.Select(k => xs[k]).ToArray();
        var (ys, ts) = Jax.JvpN(F, primals, vs);
        if (!Reverse) return [.. ys, .. ts];
        var (_, pullback) = Jax.VjpN(F, primals);
        var g = pullback(us);
        var gm = pullback(ums);
        var (_, grads) = Jax.ValueAndGradN(p => F(p).Select((y, o) => Lax.ReduceSum(Lax.Mul(y, ums[o]), Axes(y))).Aggregate(Lax.Add),
            Enumerable.Range(0, primals.Length).ToArray())(primals);
        return [.. ys, .. ts, .. g, .. gm, .. grads];
    }

    private static int[] Axes(NDArray y) => Enumerable.Range(0, y.Ndim).ToArray();

    /// <summary>The function's arguments: the program's inputs, then the direction, the cotangent and the masked one.</summary>
    public RefArray[] Arguments(IReadOnlyList<RefArray> inputs, DerivativeProbe probe) =>
        [.. inputs, .. Differentiated.Select(k => probe.Direction[k]!), .. probe.Cotangent, .. probe.MaskedCotangent];

    /// <summary>The program as C# with the checks applied to it.</summary>
    public string Render() => Program.Render() + (Reverse
        ? "\n// checked: Jax.JvpN(f, x, v), Jax.VjpN(f, x) pulled back along u and um, Jax.ValueAndGradN(x => sum(um * f(x))), " +
            "against central differences of f along v and w"
        : "\n// checked: Jax.JvpN(f, x, v) against central differences of f along v (Jax.VjpN must refuse the while loop)");
}
