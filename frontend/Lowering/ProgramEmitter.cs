using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// Turns an expression DAG into a <see cref="ScalarProgram"/> and the mapped inputs it loads. Shared nodes are
/// emitted once; identical loads (same buffer, same map) become one input. In epilogue mode, input 0 is the
/// kernel's own value and the open kernel's node loads it.
/// </summary>
internal sealed class ProgramEmitter
{
    private readonly ScalarProgramBuilder builder = new();
    private readonly Dictionary<Expr, int> nodes = new(ReferenceEqualityComparer.Instance);
    private readonly List<MappedInput> inputs = [];
    private readonly OpenKernel? epilogueOf;
    private readonly int[] shape;

    public ProgramEmitter(int[] shape, OpenKernel? epilogueOf = null)
    {
        this.shape = shape;
        this.epilogueOf = epilogueOf;
        if (epilogueOf is not null) builder.Load(0, epilogueOf.ValueDType);
    }

    /// <summary>The inputs loaded (for an epilogue, those after the kernel's own value).</summary>
    public IReadOnlyList<MappedInput> Inputs => inputs;

    public ScalarProgram Build(params int[] results) => builder.Build(results);

    public int Emit(Expr root)
    {
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (nodes.ContainsKey(e)) continue;
            nodes[e] = e switch
            {
                LoadExpr l => LoadOf(l.Buffer, l.DType, l.Map),
                ConstExpr c => ConstOf(new ConstNode(c.DType, c.Value.AsDouble, c.Value.Bits)),
                IotaExpr i => Iota(i),
                PendingExpr p when p.Kernel == epilogueOf && !p.Kernel.IsClosed => 0,
                PendingExpr p => LoadOf(p.Kernel is { IsClosed: true, HoldsRawValue: true }
                        ? p.Kernel.Buffer!.Value : throw new InvalidOperationException("open kernel in a program"),
                    p.DType, IndexMap.Identity(p.Kernel.OutputShape)),
                UnaryExpr u => builder.Unary(u.Op, nodes[u.X]),
                BinaryExpr b => builder.Binary(b.Op, nodes[b.A], nodes[b.B]),
                SelectExpr s => builder.Select(nodes[s.Predicate], nodes[s.OnTrue], nodes[s.OnFalse]),
                ConvertExpr c => builder.Convert(nodes[c.X], c.DType),
                BitcastExpr c => builder.Bitcast(nodes[c.X], c.DType),
                _ => throw new InvalidOperationException($"unknown expression {e.GetType().Name}"),
            };
        }
        return nodes[root];
    }

    private int LoadOf(int buffer, DType dtype, IndexMap map)
    {
        var offset = epilogueOf is null ? 0 : 1;
        for (var i = 0; i < inputs.Count; i++)
            if (inputs[i].Buffer == buffer && inputs[i].DType == dtype && MapsEqual(inputs[i].Map, map))
                return LoadNodeOf(i + offset, dtype);
        inputs.Add(new MappedInput(buffer, dtype, map));
        return LoadNodeOf(inputs.Count - 1 + offset, dtype);
    }

    private readonly Dictionary<int, int> loadNodes = [];

    // Literals are fresh expression nodes at every use; constants with the same bits become one node (by bits,
    // so that 0.0 and -0.0 stay apart).
    private readonly Dictionary<(DType, long, long), int> constNodes = [];

    private int ConstOf(ConstNode node)
    {
        var key = (node.DType, BitConverter.DoubleToInt64Bits(node.Value), node.Bits);
        if (!constNodes.TryGetValue(key, out var index)) constNodes[key] = index = builder.Add(node);
        return index;
    }

    private int LoadNodeOf(int input, DType dtype)
    {
        if (!loadNodes.TryGetValue(input, out var node)) loadNodes[input] = node = builder.Load(input, dtype);
        return node;
    }

    private int Iota(IotaExpr i)
    {
        var index = builder.Index(i.Dimension, i.DType == DType.Int64 ? DType.Int64 : DType.Int32);
        var value = builder.Convert(index, i.DType);
        if (i.Scale != 1) value = builder.Binary(BinaryOp.Mul, value, builder.Add(ConstOf(i.DType, i.Scale)));
        if (i.Offset != 0) value = builder.Binary(BinaryOp.Add, value, builder.Add(ConstOf(i.DType, i.Offset)));
        return value;
    }

    private static ConstNode ConstOf(DType dtype, long v) => dtype.IsFloat() ? ConstNode.Of(dtype, v) : ConstNode.OfBits(dtype, v);

    public static bool MapsEqual(IndexMap a, IndexMap b) =>
        a.Offset == b.Offset && a.Strides.AsSpan().SequenceEqual(b.Strides) && SameBits(a.PadValue, b.PadValue) &&
        ArraysEqual(a.ReshapeTo, b.ReshapeTo) && ArraysEqual(a.ValidLo, b.ValidLo) && ArraysEqual(a.ValidHi, b.ValidHi);

    /// <summary>Pad values by their bits: padding with -0.0 is not padding with 0.0.</summary>
    public static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static bool ArraysEqual<T>(T[]? a, T[]? b) where T : IEquatable<T> =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    public int[] Shape => shape;
}
