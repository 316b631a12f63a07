using System.Text;
using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Programs;

/// <summary>One operation of a program: its op, the values it reads (ids) and its result type.</summary>
public sealed record FuzzNode(FuzzOp Op, int[] Args, TensorType Type);

/// <summary>
/// A random program in SSA form: values 0..I-1 are the inputs (with their data), I.. are the nodes in order, each
/// reading earlier values; <see cref="Outputs"/> lists the values the function returns.
/// </summary>
public sealed class FuzzProgram(IReadOnlyList<RefArray> inputs, IReadOnlyList<FuzzNode> nodes, IReadOnlyList<int> outputs)
{
    public IReadOnlyList<RefArray> Inputs { get; } = inputs;

    public IReadOnlyList<FuzzNode> Nodes { get; } = nodes;

    public IReadOnlyList<int> Outputs { get; } = outputs;

    public int ValueCount => Inputs.Count + Nodes.Count;

    public TensorType TypeOf(int value) => value < Inputs.Count ? Inputs[value].Type : Nodes[value - Inputs.Count].Type;

    /// <summary>The values in order of definition: each an input (with its data) or a node.</summary>
    public IEnumerable<(RefArray? Input, FuzzNode? Node)> Entries =>
        Inputs.Select(i => ((RefArray?)i, (FuzzNode?)null)).Concat(Nodes.Select(n => ((RefArray?)null, (FuzzNode?)n)));

    /// <summary>Every op of the program, those of the bodies of its control flow included.</summary>
    public IEnumerable<FuzzOp> Ops => Nodes.SelectMany(n => n.Op.Bodies.SelectMany(b => b.Program.Ops).Prepend(n.Op));

    /// <summary>
    /// A program from entries in any order where nodes read only earlier entries (inputs may come after nodes),
    /// keeping only what <paramref name="outputs"/> need (and the first <paramref name="kept"/> entries, a body's
    /// parameters, whose outputs are kept as they are: a scan's body may return one value as its carry and as y):
    /// inputs are renumbered first, then the nodes in order.
    /// </summary>
    public static FuzzProgram Compose(IReadOnlyList<(RefArray? Input, FuzzNode? Node)> entries, IReadOnlyList<int> outputs, int kept = 0)
    {
        var live = new bool[entries.Count];
        for (var e = 0; e < kept; e++) live[e] = true;
        foreach (var o in outputs) live[o] = true;
        for (var e = entries.Count - 1; e >= 0; e--)
            if (live[e] && entries[e].Node is { } node)
                foreach (var a in node.Args) live[a] = true;
        var id = new int[entries.Count];
        var inputs = new List<RefArray>();
        var nodes = new List<FuzzNode>();
        for (var e = 0; e < entries.Count; e++)
            if (live[e] && entries[e].Input is { } data)
            {
                id[e] = inputs.Count;
                inputs.Add(data);
            }
        for (var e = 0; e < entries.Count; e++)
            if (live[e] && entries[e].Node is { } node)
            {
                id[e] = inputs.Count + nodes.Count;
                nodes.Add(node with { Args = node.Args.Select(a => id[a]).ToArray() });
            }
        var renumbered = outputs.Select(o => id[o]);
        return new FuzzProgram(inputs, nodes, (kept > 0 ? renumbered : renumbered.Distinct()).ToArray());
    }

    /// <summary>
    /// The program with every dtype mapped by <paramref name="retype"/>: inputs (float values widened exactly), the
    /// nodes' types and the dtypes ops name. A float32 program's float64 twin computes the same function without
    /// float32's rounding, so that finite differences of it are a reference for the float32 derivatives.
    /// </summary>
    public FuzzProgram Retyped(Func<DType, DType> retype) => new(
        Inputs.Select(x => RefArray.Exact(x.Type.With(retype(x.DType)), x.Values.Select(v => ConstantFuzzOp.Retype(v, retype(v.DType))).ToArray())).ToArray(),
        Nodes.Select(n => n with { Op = n.Op.Retyped(retype), Type = n.Type.With(retype(n.Type.DType)) }).ToArray(),
        Outputs);

    /// <summary>The program as a function of NDArrays (what Jax.Jit traces).</summary>
    public NDArray[] Apply(NDArray[] inputs)
    {
        var values = new List<NDArray>(inputs);
        foreach (var node in Nodes) values.Add(node.Op.Apply(node.Args.Select(a => values[a]).ToArray()));
        return Outputs.Select(o => values[o]).ToArray();
    }

    /// <summary>Every value's name in the rendered program.</summary>
    public string NameOf(int value) => value < Inputs.Count ? $"x{value}" : $"v{value}";

    /// <summary>The program as C#: a jitted lambda, with the inputs' types.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        var parameters = string.Join(", ", Enumerable.Range(0, Inputs.Count).Select(NameOf));
        text.AppendLine($"// inputs: {string.Join(", ", Enumerable.Range(0, Inputs.Count).Select(i => $"{NameOf(i)}: {Inputs[i].Type}"))}");
        text.AppendLine($"var f = Jax.Jit((NDArray[] xs) => {{");
        for (var i = 0; i < Inputs.Count; i++) text.AppendLine($"    var {NameOf(i)} = xs[{i}];");
        for (var n = 0; n < Nodes.Count; n++)
        {
            var node = Nodes[n];
            var id = Inputs.Count + n;
            text.AppendLine($"    var {NameOf(id)} = {node.Op.Render(node.Args.Select(NameOf).ToArray())}; // {node.Type}");
        }
        text.AppendLine($"    return [{string.Join(", ", Outputs.Select(NameOf))}];");
        text.Append($"}}, arity: {Inputs.Count}); // ({parameters})");
        return text.ToString();
    }
}
