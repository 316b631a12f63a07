
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.pad: low and high edge padding (negative crops) and interior padding, with a constant value.</summary>
public sealed class PadFuzzOp(double paddingValue, (int Low, int High, int Interior)[] config) : FuzzOp
{
    public static int PaddedSize(int size, (int Low, int High, int Interior) c) =>
        c.Low + c.High + size + Math.Max(size - 1, 0) * c.Interior;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || args[0].Rank != config.Length) throw Mismatch("pad", args);
        var shape = args[0].Shape.Select((s, d) => PaddedSize(s, config[d])).ToArray();
        return shape.Any(s => s < 0) || config.Any(c => c.Interior < 0) ? throw Mismatch("pad", args) : args[0].With(shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Pad(args[0], paddingValue, config);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var type = ResultType([x.Type]);
        var fill = ScalarSemantics.FromConstant(paddingValue, x.DType);
        var point = new int[config.Length];
        var result = x.Gather(type, i =>
        {
            Layout.Unravel(i, type.Shape, point);
            for (var d = 0; d < point.Length; d++)
            {
                var p = point[d] - config[d].Low;
                var step = config[d].Interior + 1;
                if (p < 0 || p % step != 0 || p / step >= x.Shape[d]) return -1;
                point[d] = p / step;
            }
            return Layout.Ravel(point, x.Shape);
        }, fill);
        var fillError = Bounds.OfInput(fill, numerics);
        if (fillError > 0)
        {
            for (var i = 0; i < result.Size; i++)
                if (result.Values[i].Bits == fill.Bits) result.Error[i] = Math.Max(result.Error[i], fillError);
        }
        return result;
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.Pad({args[0]}, {ConstantFuzzOp.Literal(Scalar.FromDouble(DType.Float64, paddingValue))}, [{string.Join(", ", config.Select(c => $"({c.Low}, {c.High}, {c.Interior})"))}])";
}
