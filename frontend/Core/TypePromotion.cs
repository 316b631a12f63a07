namespace JaxNet.Core;

/// <summary>
/// JAX's type promotion lattice (jax._src.dtypes; the table of docs.jax.dev/en/latest/type_promotion.html, without
/// the 2- and 4-bit and 8-bit float types, which JaxNet lacks). C# scalar literals are
/// "weak": they join the lattice as the abstract nodes <c>int*</c> and <c>float*</c>, so <c>x * 2f</c> keeps
/// x's dtype. The result of a join is weak only when it is one of those abstract nodes.
/// </summary>
public static class TypePromotion
{
    /// <summary>Nodes of the lattice: the concrete dtypes plus the two weak categories.</summary>
    private enum Node { Bool, U8, U16, U32, U64, I8, I16, I32, I64, WeakInt, WeakFloat, BF16, F16, F32, F64, WeakComplex, C64, C128 }

    // Edges of JAX's lattice: b1 -> i* -> {u8, i8}; u8 -> {u16, i16}; u16 -> {u32, i32}; u32 -> {u64, i64};
    // i8 -> i16 -> i32 -> i64; {i64, u64} -> f* (so uint64 meets any signed integer at f*: a float);
    // f* -> {bf16, f16} -> f32 -> f64; f* -> c* -> c64 -> c128; f32 -> c64; f64 -> c128.
    private static readonly Dictionary<Node, Node[]> Edges = new()
    {
        [Node.Bool] = [Node.WeakInt],
        [Node.WeakInt] = [Node.U8, Node.I8],
        [Node.U8] = [Node.U16, Node.I16],
        [Node.U16] = [Node.U32, Node.I32],
        [Node.U32] = [Node.U64, Node.I64],
        [Node.U64] = [Node.WeakFloat],
        [Node.I8] = [Node.I16],
        [Node.I16] = [Node.I32],
        [Node.I32] = [Node.I64],
        [Node.I64] = [Node.WeakFloat],
        [Node.WeakFloat] = [Node.BF16, Node.F16, Node.WeakComplex],
        [Node.BF16] = [Node.F32],
        [Node.F16] = [Node.F32],
        [Node.F32] = [Node.F64, Node.C64],
        [Node.F64] = [Node.C128],
        [Node.WeakComplex] = [Node.C64],
        [Node.C64] = [Node.C128],
        [Node.C128] = [],
    };

    private static readonly Node[,] JoinTable = BuildJoinTable();

    /// <summary>The dtype and weakness of an operation's result on the given operand types (jnp.result_type).</summary>
    public static (DType DType, bool Weak) ResultType(ReadOnlySpan<(DType DType, bool Weak)> operands)
    {
        if (operands.Length == 0) throw new ArgumentException("result type of no operands");
        var node = NodeOf(operands[0]);
        var wide = node is Node.I64 or Node.U64;
        for (var i = 1; i < operands.Length; i++)
        {
            var next = NodeOf(operands[i]);
            wide |= next is Node.I64 or Node.U64;
            node = JoinTable[(int)node, (int)next];
        }
        return node switch
        {
            Node.WeakInt => (DefaultInt, true),
            Node.WeakFloat => (DefaultFloat, true),
            Node.WeakComplex => (DefaultComplex, true),
            // int32 and uint32 meet at int64, which JAX canonicalizes to int32 when x64 is off; an int64 or uint64
            // operand (asked for explicitly) keeps its width.
            Node.I64 when !wide && !Jax.Config.EnableX64 => (DType.Int32, false),
            _ => (DTypeOf(node), false),
        };
    }

    public static (DType DType, bool Weak) ResultType((DType, bool) a, (DType, bool) b) => ResultType([a, b]);

    /// <summary>
    /// The join of two strong dtypes on the lattice, not canonicalized (jnp.promote_types): int32 and uint32 meet at
    /// int64 whatever the x64 setting, and uint64 meets a signed integer at f*, which promote_types names float64.
    /// </summary>
    public static DType Join(DType a, DType b) => JoinTable[(int)NodeOf((a, false)), (int)NodeOf((b, false))] switch
    {
        Node.WeakFloat => DType.Float64,
        var node => DTypeOf(node),
    };

    /// <summary>The dtype of a C# integer literal: int32, or int64 with x64 enabled.</summary>
    public static DType DefaultInt => Jax.Config.EnableX64 ? DType.Int64 : DType.Int32;

    /// <summary>The dtype of a C# floating literal: float32, or float64 with x64 enabled.</summary>
    public static DType DefaultFloat => Jax.Config.EnableX64 ? DType.Float64 : DType.Float32;

    /// <summary>The dtype of a C# complex literal: complex64, or complex128 with x64 enabled.</summary>
    public static DType DefaultComplex => Jax.Config.EnableX64 ? DType.Complex128 : DType.Complex64;

    /// <summary>
    /// The dtype a host array of <paramref name="dtype"/> becomes when no dtype is requested: with x64 off, 64-bit
    /// types narrow to their 32-bit counterparts (jax.dtypes.canonicalize_dtype).
    /// </summary>
    public static DType Canonicalize(DType dtype) => Jax.Config.EnableX64
        ? dtype
        : dtype switch
        {
            DType.Float64 => DType.Float32,
            DType.Int64 => DType.Int32,
            DType.UInt64 => DType.UInt32,
            DType.Complex128 => DType.Complex64,
            _ => dtype,
        };

    /// <summary>The inexact type of an operation such as sin or mean on <paramref name="dtype"/> (integers become the default float).</summary>
    public static DType ToInexact(DType dtype) => dtype.IsInexact() ? dtype : DefaultFloat;

    private static Node NodeOf((DType DType, bool Weak) t)
    {
        if (t.Weak)
        {
            if (t.DType.IsComplex()) return Node.WeakComplex;
            if (t.DType.IsFloat()) return Node.WeakFloat;
            if (t.DType.IsInteger()) return Node.WeakInt;
        }
        return t.DType switch
        {
            DType.Bool => Node.Bool,
            DType.UInt8 => Node.U8,
            DType.UInt16 => Node.U16,
            DType.UInt32 => Node.U32,
            DType.UInt64 => Node.U64,
            DType.Int8 => Node.I8,
            DType.Int16 => Node.I16,
            DType.Int32 => Node.I32,
            DType.Int64 => Node.I64,
            DType.BFloat16 => Node.BF16,
            DType.Float16 => Node.F16,
            DType.Float32 => Node.F32,
            DType.Float64 => Node.F64,
            DType.Complex64 => Node.C64,
            DType.Complex128 => Node.C128,
            _ => throw new ArgumentOutOfRangeException(nameof(t), t.DType, "unknown dtype"),
        };
    }

    private static DType DTypeOf(Node node) => node switch
    {
        Node.Bool => DType.Bool,
        Node.U8 => DType.UInt8,
        Node.U16 => DType.UInt16,
        Node.U32 => DType.UInt32,
        Node.U64 => DType.UInt64,
        Node.I8 => DType.Int8,
        Node.I16 => DType.Int16,
        Node.I32 => DType.Int32,
        Node.I64 => DType.Int64,
        Node.BF16 => DType.BFloat16,
        Node.F16 => DType.Float16,
        Node.F32 => DType.Float32,
        Node.F64 => DType.Float64,
        Node.C64 => DType.Complex64,
        Node.C128 => DType.Complex128,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "a weak node has no dtype of its own"),
    };

    private static Node[,] BuildJoinTable()
    {
        var nodes = Enum.GetValues<Node>();
        var upper = nodes.ToDictionary(n => n, UpperBounds);
        var table = new Node[nodes.Length, nodes.Length];
        foreach (var a in nodes)
            foreach (var b in nodes)
            {
                var common = upper[a].Intersect(upper[b]).ToArray();
                // The least upper bound: the common bound that every other common bound lies above.
                table[(int)a, (int)b] = common.Single(c => common.All(o => upper[c].Contains(o)));
            }
        return table;
    }

    private static HashSet<Node> UpperBounds(Node node)
    {
        var seen = new HashSet<Node> { node };
        var work = new Stack<Node>([node]);
        while (work.Count > 0)
            foreach (var next in Edges[work.Pop()])
                if (seen.Add(next)) work.Push(next);
        return seen;
    }
}
