namespace JaxNet.Abstractions.Kernels;

/// <summary>Builds a <see cref="ScalarProgram"/> node by node; each method returns the new node's index.</summary>
public sealed class ScalarProgramBuilder
{
    private readonly List<ScalarNode> nodes = [];

    public IReadOnlyList<ScalarNode> Nodes => nodes;

    public DType TypeOf(int node) => nodes[node].DType;

    public int Add(ScalarNode node)
    {
        nodes.Add(node);
        return nodes.Count - 1;
    }

    public int Load(int input, DType dtype) => Add(new LoadNode(input, dtype));

    public int Const(DType dtype, double value) => Add(ConstNode.Of(dtype, value));

    public int ConstBits(DType dtype, long bits) => Add(ConstNode.OfBits(dtype, bits));

    public int Index(int dimension, DType dtype = DType.Int32) => Add(new IndexNode(dimension, dtype));

    public int Unary(UnaryOp op, int x) => Add(new UnaryNode(op, x, op.ResultType(TypeOf(x))));

    public int Binary(BinaryOp op, int a, int b) => Add(new BinaryNode(op, a, b, op.ResultType(TypeOf(a))));

    public int Select(int predicate, int onTrue, int onFalse) =>
        Add(new SelectNode(predicate, onTrue, onFalse, TypeOf(onTrue)));

    public int Convert(int x, DType dtype) => TypeOf(x) == dtype ? x : Add(new ConvertNode(x, dtype));

    public int Bitcast(int x, DType dtype) => Add(new BitcastNode(x, dtype));

    public ScalarProgram Build(params int[] results) => new(nodes.ToArray(), results);
}
