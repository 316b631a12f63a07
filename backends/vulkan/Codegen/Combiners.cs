using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>Identities and combining expressions of reductions, scans and scatter combiners, per dtype.</summary>
internal static class Combiners
{
    public static string Identity(ReduceOp op, DType t) => op switch
    {
        ReduceOp.Sum or ReduceOp.Or => GlslTypes.Lit(t, 0),
        ReduceOp.Prod => GlslTypes.Lit(t, 1),
        ReduceOp.Max or ReduceOp.ArgMax => GlslTypes.Lowest(t),
        ReduceOp.Min or ReduceOp.ArgMin => GlslTypes.Highest(t),
        ReduceOp.And => t == DType.Bool ? "true"
            : !t.IsFloat() ? GlslTypes.IntLiteral(t, -1)
            : throw new NotSupportedException($"and-reduction of {t.ShortName()}"),
        _ => throw new NotSupportedException($"reduction {op}"),
    };

    public static string Combine(ShaderWriter w, ReduceOp op, DType t, string a, string b) => op switch
    {
        ReduceOp.Sum => OpRenderer.Binary(w, BinaryOp.Add, t, a, b),
        ReduceOp.Prod => OpRenderer.Binary(w, BinaryOp.Mul, t, a, b),
        ReduceOp.Max => OpRenderer.Binary(w, BinaryOp.Max, t, a, b),
        ReduceOp.Min => OpRenderer.Binary(w, BinaryOp.Min, t, a, b),
        ReduceOp.And => OpRenderer.Binary(w, BinaryOp.And, t, a, b),
        ReduceOp.Or => OpRenderer.Binary(w, BinaryOp.Or, t, a, b),
        _ => throw new NotSupportedException($"reduction {op}"),
    };

    /// <summary>
    /// Whether candidate (vb, ib) beats (va, ia) in an arg reduction: the larger (ArgMax) or smaller (ArgMin) value,
    /// the first NaN over any number, and the smaller index on ties. Symmetric, so tree combination is exact.
    /// </summary>
    public static string ArgBeats(ReduceOp op, DType t, string va, string ia, string vb, string ib)
    {
        var better = op == ReduceOp.ArgMax ? $"{vb} > {va}" : $"{vb} < {va}";
        var tie = $"({vb} == {va} && {ib} < {ia})";
        if (t == DType.Bool) (better, tie) = (op == ReduceOp.ArgMax ? $"int({vb}) > int({va})" : $"int({vb}) < int({va})", $"({vb} == {va} && {ib} < {ia})");
        if (!t.IsFloat()) return $"({better} || {tie})";
        return $"(isnan({vb}) ? (!isnan({va}) || {ib} < {ia}) : (!isnan({va}) && ({better} || {tie})))";
    }
}
