namespace JaxNet.Lowering;

/// <summary>Rebuilds an expression DAG with some loads replaced, keeping its sharing (nodes compared by identity).</summary>
internal static class ExprRewrite
{
    /// <summary>
    /// <paramref name="root"/> with each load for which <paramref name="replace"/> gives an expression replaced by
    /// it. <paramref name="memo"/> maps rewritten nodes and may be shared between roots, so that nodes shared by
    /// several roots stay shared; unchanged subtrees are returned as they are.
    /// </summary>
    public static Expr Apply(Expr root, Dictionary<Expr, Expr> memo, Func<LoadExpr, Expr?> replace)
    {
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (memo.ContainsKey(e)) continue;
            memo[e] = e is LoadExpr l ? replace(l) ?? l : WithChildren(e, ExprWalk.Children(e).Select(c => memo[c]).ToArray());
        }
        return memo[root];
    }

    /// <summary>
    /// <paramref name="e"/> over <paramref name="operands"/> (in <see cref="ExprWalk.Children"/>'s order); the node
    /// itself when they are its own, so that unchanged subtrees stay shared.
    /// </summary>
    public static Expr WithChildren(Expr e, IReadOnlyList<Expr> operands)
    {
        if (ExprWalk.Children(e).Select((c, k) => ReferenceEquals(c, operands[k])).All(same => same)) return e;
        return e switch
        {
            UnaryExpr u => new UnaryExpr(u.Op, operands[0]),
            BinaryExpr b => new BinaryExpr(b.Op, operands[0], operands[1]),
            SelectExpr s => new SelectExpr(operands[0], operands[1], operands[2]),
            ConvertExpr c => new ConvertExpr(operands[0], c.DType),
            BitcastExpr c => new BitcastExpr(operands[0], c.DType),
            _ => e,
        };
    }
}
