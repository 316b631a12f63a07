using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// Turns an epilogue's scalar program into an <see cref="ITileExpression"/> type with MakeGenericType, node by
/// node from the result down. Inputs and constants get slots in order of first use. A node used twice appears
/// twice in the type (the JIT evaluates it twice; <see cref="TreeNodes"/> counts the expansion).
/// </summary>
internal sealed class ExpressionBuilder(ScalarProgram program, DType compute)
{
    private static readonly Type[] Slots =
        [typeof(Slot0), typeof(Slot1), typeof(Slot2), typeof(Slot3), typeof(Slot4), typeof(Slot5), typeof(Slot6), typeof(Slot7)];

    private readonly Dictionary<int, Type> built = [];
    private readonly Dictionary<int, long> treeSizes = [];
    private readonly List<int> operandInputs = [];
    private readonly List<double> constants = [];
    private string? failure;

    /// <summary>The epilogue input (1-based, as LoadNode numbers them) behind each operand slot.</summary>
    public IReadOnlyList<int> OperandInputs => operandInputs;

    /// <summary>The value of each constant slot.</summary>
    public IReadOnlyList<double> Constants => constants;

    /// <summary>Nodes of the program expanded to a tree.</summary>
    public long TreeNodes { get; private set; }

    public Type? Build(out string reason)
    {
        if (program.Results.Count != 1)
        {
            reason = $"the program has {program.Results.Count} results";
            return null;
        }
        var result = program.Results[0];
        var type = program.Nodes[result].DType == compute ? Node(result) : Fail($"its result is {program.Nodes[result].DType.ShortName()}");
        TreeNodes = TreeSize(result);
        reason = failure ?? "";
        return failure is null ? type : null;
    }

    private long TreeSize(int node)
    {
        if (treeSizes.TryGetValue(node, out var size)) return size;
        size = 1 + program.Nodes[node].Operands().Sum(TreeSize);
        treeSizes[node] = Math.Min(size, int.MaxValue);
        return treeSizes[node];
    }

    private Type Node(int index)
    {
        if (failure is not null) return typeof(NoEpilogue);
        if (built.TryGetValue(index, out var type)) return type;
        type = program.Nodes[index] switch
        {
            LoadNode { Input: 0 } load => load.DType == compute ? typeof(Accumulator) : Fail("the accumulator is read as another dtype"),
            LoadNode load => Operand(load.Input),
            ConstNode c when c.DType == compute => Constant(c.Value),
            UnaryNode u when u.DType == compute => Unary(u),
            BinaryNode b => Binary(b),
            SelectNode s when s.DType == compute && program.Nodes[s.Predicate].DType == DType.Bool =>
                typeof(Select<,,>).MakeGenericType(Node(s.Predicate), Node(s.OnTrue), Node(s.OnFalse)),
            ConvertNode c when c.DType == compute && program.Nodes[c.X].DType == DType.Bool =>
                typeof(Unary<,>).MakeGenericType(typeof(MaskToOneOp), Node(c.X)),
            ConvertNode c when c.DType == compute && program.Nodes[c.X].DType == compute => Node(c.X),
            var node => Fail($"'{node.Describe()}' ({node.DType.ShortName()}) has no inlined form"),
        };
        built[index] = type;
        return type;
    }

    private Type Operand(int input)
    {
        var slot = operandInputs.IndexOf(input);
        if (slot < 0)
        {
            if (operandInputs.Count == TileOperands.MaxOperands) return Fail($"more than {TileOperands.MaxOperands} inputs");
            operandInputs.Add(input);
            slot = operandInputs.Count - 1;
        }
        return typeof(Operand<>).MakeGenericType(Slots[slot]);
    }

    private Type Constant(double value)
    {
        // By bits: 0.0 and -0.0 (and NaN payloads) are different constants.
        var bits = BitConverter.DoubleToInt64Bits(value);
        var slot = constants.FindIndex(c => BitConverter.DoubleToInt64Bits(c) == bits);
        if (slot < 0)
        {
            if (constants.Count == TileOperands.MaxConstants) return Fail($"more than {TileOperands.MaxConstants} constants");
            constants.Add(value);
            slot = constants.Count - 1;
        }
        return typeof(Constant<>).MakeGenericType(Slots[slot]);
    }

    private Type Unary(UnaryNode node)
    {
        Type? op = node.Op switch
        {
            UnaryOp.Neg => typeof(NegateOp),
            UnaryOp.Abs => typeof(AbsOp),
            UnaryOp.Sqrt => typeof(SqrtOp),
            UnaryOp.Rsqrt => typeof(RsqrtOp),
            UnaryOp.Exp => typeof(ExpOp),
            UnaryOp.Log => typeof(LogOp),
            UnaryOp.Tanh => typeof(TanhOp),
            UnaryOp.Logistic => typeof(LogisticOp),
            _ => null,
        };
        return op is null ? Fail($"unary {node.Op} has no inlined form") : typeof(Unary<,>).MakeGenericType(op, Node(node.X));
    }

    private Type Binary(BinaryNode node)
    {
        var operandType = program.Nodes[node.A].DType;
        if (operandType != compute || program.Nodes[node.B].DType != compute)
            return Fail($"binary {node.Op} on {operandType.ShortName()}");
        var comparison = node.Op.IsComparison();
        if (node.DType != (comparison ? DType.Bool : compute)) return Fail($"binary {node.Op} gives {node.DType.ShortName()}");
        Type? op = node.Op switch
        {
            BinaryOp.Add => typeof(AddOp),
            BinaryOp.Sub => typeof(SubtractOp),
            BinaryOp.Mul => typeof(MultiplyOp),
            BinaryOp.Div => typeof(DivideOp),
            BinaryOp.Max => typeof(MaxOp),
            BinaryOp.Min => typeof(MinOp),
            BinaryOp.Eq => typeof(EqualOp),
            BinaryOp.Ne => typeof(NotEqualOp),
            BinaryOp.Lt => typeof(LessThanOp),
            BinaryOp.Le => typeof(LessThanOrEqualOp),
            BinaryOp.Gt => typeof(GreaterThanOp),
            BinaryOp.Ge => typeof(GreaterThanOrEqualOp),
            _ => null,
        };
        return op is null ? Fail($"binary {node.Op} has no inlined form") : typeof(Binary<,,>).MakeGenericType(op, Node(node.A), Node(node.B));
    }

    private Type Fail(string why)
    {
        failure ??= why;
        return typeof(NoEpilogue);
    }
}
