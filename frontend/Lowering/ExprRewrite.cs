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
            memo[e] = e switch
            {
                LoadExpr l => replace(l) ?? l,
                UnaryExpr u => Same(u.X) ? u : new UnaryExpr(u.Op, memo[u.X]),
                BinaryExpr b => Same(b.A) && Same(b.B) ? b : new BinaryExpr(b.Op, memo[b.A], memo[b.B]),
                SelectExpr s => Same(s.Predicate) && Same(s.OnTrue) && Same(s.OnFalse) ? s
                    : new SelectExpr(memo[s.Predicate], memo[s.OnTrue], memo[s.OnFalse]),
                ConvertExpr c => Same(c.X) ? c : new ConvertExpr(memo[c.X], c.DType),
                BitcastExpr c => Same(c.X) ? c : new BitcastExpr(memo[c.X], c.DType),
                _ => e,
            };
        }
        return memo[root];

        bool Same(Expr child) => ReferenceEquals(memo[child], child);
    }
}
