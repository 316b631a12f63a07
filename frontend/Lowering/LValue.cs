using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>
/// A jaxpr value during lowering: its aval and an expression over its shape. A value in memory is a
/// <see cref="LoadExpr"/> of its buffer; anything else is still fusible into its consumers.
/// </summary>
internal sealed class LValue(ShapedArray aval, Expr expr)
{
    public ShapedArray Aval { get; } = aval;

    public Expr Expr { get; } = expr;

    public int[] Shape => Aval.Shape;

    public DType DType => Aval.DType;
}
