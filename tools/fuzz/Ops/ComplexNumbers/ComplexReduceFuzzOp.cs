using System.Numerics;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>
/// lax.reduce_sum or reduce_prod of a complex operand over a set of axes. A sum adds each part as the real reference
/// does (any order); a product (a pairwise tree of complex multiplies in the frontend, in any order a backend likes)
/// is bounded normwise, (1 + c u)^n - 1 times the product of the moduli, and unknown where a partial product may
/// leave the finite range or a factor is not finite.
/// </summary>
public sealed class ComplexReduceFuzzOp(ReduceOp op, int[] axes) : FuzzOp
{
    public override bool MultipliesElements => op == ReduceOp.Prod;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || !args[0].DType.IsComplex() || op is not (ReduceOp.Sum or ReduceOp.Prod)
            || axes.Any(a => a >= args[0].Rank) || axes.Distinct().Count() != axes.Length)
            throw Mismatch($"reduce_{op}", args);
        return args[0].With(args[0].Shape.Where((_, d) => !axes.Contains(d)).ToArray());
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => op == ReduceOp.Sum ? Lax.ReduceSum(args[0], axes) : Lax.ReduceProd(args[0], axes);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var lines = Layout.Lines(x.Shape, axes.Order().ToArray());
        return RefArray.Build(ResultType([x.Type]), l => op == ReduceOp.Sum ? Sum(x, lines[l], numerics) : Product(x, lines[l], numerics));
    }

    private static (Scalar, double) Sum(RefArray x, IEnumerable<int> line, NumericsModel numerics)
    {
        var part = x.DType.RealPart();
        var (re, im) = (LineAccumulator.Create(ReduceOp.Sum, part, numerics), LineAccumulator.Create(ReduceOp.Sum, part, numerics));
        foreach (var i in line)
        {
            re.Add(ComplexElement.Part(x.Values[i], false), x.Error[i]);
            im.Add(ComplexElement.Part(x.Values[i], true), x.Error[i]);
        }
        return ComplexBounds.Join(x.DType, re.Result(), im.Result());
    }

    private static (Scalar, double) Product(RefArray x, IEnumerable<int> line, NumericsModel numerics)
    {
        var part = x.DType.RealPart();
        var product = Complex.One;
        double moduli = 1, widest = 1, narrowest = 1, error = 0;
        var count = 0;
        foreach (var i in line)
        {
            var z = ComplexElement.Value(x.Values[i]);
            if (!ComplexBounds.IsFinite(z) || double.IsPositiveInfinity(x.Error[i])) return (x.Values[i], Bounds.Unknown);
            var m = Complex.Abs(z);
            var reach = m + Math.Sqrt(2) * x.Error[i];
            error = error * reach + moduli * Math.Sqrt(2) * x.Error[i];
            product *= z;
            moduli *= m;
            widest *= Math.Max(reach, 1);
            if (m != 0) narrowest *= Math.Min(m, 1);
            count++;
        }
        if (widest > Bounds.MaxFinite(part) / 4 || (narrowest < Bounds.MinNormal(part) * 1e6 && moduli != 0)) return (ComplexElement.Of(x.DType, product), Bounds.Unknown);
        var roundings = Math.Pow(1 + 2 * ComplexBounds.FunctionUlps * ComplexBounds.UnitRoundoff(x.DType), count) - 1;
        error = error * (1 + 1e-12) + roundings * (moduli + error) + ComplexBounds.Tiny(x.DType, numerics);
        return ComplexBounds.Finish(x.DType, product, error, numerics);
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Reduce{op}({args[0]}, {Ints(axes)})";
}
