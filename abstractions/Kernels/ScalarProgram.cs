using System.Text;

namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// A DAG of scalar ops in SSA form: node <c>i</c> may use only nodes <c>j &lt; i</c>. It is what an
/// elementwise kernel computes at each point of its index space, and what prologues and epilogues compute.
/// There are no delegates or pointers in it, so a backend can render it to SIMD code, GLSL or PTX.
/// </summary>
public sealed record ScalarProgram(IReadOnlyList<ScalarNode> Nodes, IReadOnlyList<int> Results)
{
    public DType ResultType(int result) => Nodes[Results[result]].DType;

    /// <summary>The program that returns its single input of the given dtype.</summary>
    public static ScalarProgram Identity(DType dtype) => new([new LoadNode(0, dtype)], [0]);

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Nodes.Count; i++)
            text.Append("  %").Append(i).Append(':').Append(Nodes[i].DType.ShortName()).Append(" = ")
                .Append(Nodes[i].Describe()).Append('\n');
        text.Append("  return ").Append(string.Join(", ", Results.Select(r => "%" + r)));
        return text.ToString();
    }
}

/// <summary>A node of a <see cref="ScalarProgram"/>; <see cref="DType"/> is the type of its value.</summary>
public abstract record ScalarNode(DType DType)
{
    /// <summary>The node's operation and operands, as the IR text prints them.</summary>
    public abstract string Describe();

    /// <summary>The indices of the nodes it uses.</summary>
    public virtual IEnumerable<int> Operands() => [];
}

/// <summary>Reads input <see cref="Input"/> of the kernel at the current point, through that input's index map.</summary>
public sealed record LoadNode(int Input, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"load in{Input}";
}

/// <summary>
/// A constant. Integer and Bool values are held exactly in <see cref="Bits"/> (two's complement, zero-extended
/// for unsigned); float values in <see cref="Value"/>.
/// </summary>
public sealed record ConstNode(DType DType, double Value, long Bits) : ScalarNode(DType)
{
    public static ConstNode Of(DType dtype, double value) =>
        dtype.IsFloat() ? new ConstNode(dtype, value, 0) : new ConstNode(dtype, value, checked((long)value));

    public static ConstNode OfBits(DType dtype, long bits) => new(dtype, bits, bits);

    public override string Describe() =>
        DType.IsFloat() ? "const " + Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                        : "const " + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The coordinate of the current point along dimension <see cref="Dimension"/> (iota); Int32 or Int64.</summary>
public sealed record IndexNode(int Dimension, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"index {Dimension}";
}

public sealed record UnaryNode(UnaryOp Op, int X, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"{Op.ToString().ToLowerInvariant()} %{X}";

    public override IEnumerable<int> Operands() => [X];
}

public sealed record BinaryNode(BinaryOp Op, int A, int B, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"{Op.ToString().ToLowerInvariant()} %{A}, %{B}";

    public override IEnumerable<int> Operands() => [A, B];
}

/// <summary>Predicate (Bool) ? OnTrue : OnFalse.</summary>
public sealed record SelectNode(int Predicate, int OnTrue, int OnFalse, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"select %{Predicate}, %{OnTrue}, %{OnFalse}";

    public override IEnumerable<int> Operands() => [Predicate, OnTrue, OnFalse];
}

/// <summary>
/// Numeric conversion. Float to integer truncates toward zero and saturates, NaN gives 0; integer to integer
/// wraps (two's complement); to Bool is "!= 0"; to a narrower float rounds to nearest even.
/// </summary>
public sealed record ConvertNode(int X, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"convert %{X}";

    public override IEnumerable<int> Operands() => [X];
}

/// <summary>Reinterprets the bits of a value as another dtype of the same width.</summary>
public sealed record BitcastNode(int X, DType DType) : ScalarNode(DType)
{
    public override string Describe() => $"bitcast %{X}";

    public override IEnumerable<int> Operands() => [X];
}
