using System.Numerics;

namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>
/// jnp.fft.fft or ifft of a complex operand along one axis, cropped or zero-padded to <paramref name="length"/> when
/// given. The reference is the direct DFT in float64 (twiddles from cospi/sinpi of an exactly reduced angle, terms
/// summed pairwise), and an output element's bound c u (log2 n + 2) sum|x|: what an FFT of any radix, or Bluestein's
/// for awkward lengths, rounds to. A line holding a value that is not finite, or whose sum|x| passes the largest
/// finite value (a partial sum may overflow), is unknown.
/// </summary>
public sealed class FftFuzzOp(bool inverse, int axis, int? length) : FuzzOp
{
    public override bool MultipliesElements => true;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || !args[0].DType.IsComplex() || axis >= args[0].Rank || (length ?? args[0].Shape[axis]) <= 0)
            throw Mismatch(inverse ? "ifft" : "fft", args);
        var shape = (int[])args[0].Shape.Clone();
        shape[axis] = length ?? shape[axis];
        return args[0].With(shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        inverse ? Jnp.FFT.Ifft(args[0], length, axis) : Jnp.FFT.Fft(args[0], length, axis);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var type = ResultType([x.Type]);
        var n = type.Shape[axis];
        var kept = Math.Min(n, x.Shape[axis]);
        var stride = Layout.Strides(x.Shape)[axis];
        var outStride = Layout.Strides(type.Shape)[axis];
        var point = new int[type.Rank];
        var terms = new Complex[kept];
        var u = Math.Max(ComplexBounds.UnitRoundoff(x.DType), numerics.ContractionInput is { } narrow ? Bounds.UnitRoundoff(narrow) : 0);
        return RefArray.Build(type, i =>
        {
            Layout.Unravel(i, type.Shape, point);
            var k = point[axis];
            point[axis] = 0;
            var first = Layout.Ravel(point, x.Shape);
            if (x.Shape[axis] == 0) return (ComplexElement.Of(type.DType, Complex.Zero), 0);
            double magnitude = 0, carried = 0;
            for (var j = 0; j < kept; j++)
            {
                var at = first + j * stride;
                var z = ComplexElement.Value(x.Values[at]);
                if (!ComplexBounds.IsFinite(z) || double.IsPositiveInfinity(x.Error[at])) return (x.Values[at], Bounds.Unknown);
                var turn = 2.0 * ((long)j * k % n) / n;
                terms[j] = z * new Complex(double.CosPi(turn), inverse ? double.SinPi(turn) : -double.SinPi(turn));
                magnitude += Complex.Abs(z);
                carried += Math.Sqrt(2) * x.Error[at];
            }
            // A butterfly's partial sums reach sum|x|: past the largest finite value a correct FFT may overflow.
            if (Math.Sqrt(2) * (magnitude + carried) >= Bounds.MaxFinite(type.DType.RealPart())) return (ComplexElement.Of(type.DType, Complex.Zero), Bounds.Unknown);
            var scale = inverse ? 1.0 / n : 1.0;
            var error = (carried + 32 * u * (Math.Log2(n) + 2) * magnitude) * scale + ComplexBounds.Tiny(type.DType, numerics) * kept;
            return ComplexBounds.Finish(type.DType, PairwiseSum(terms, 0, kept) * scale, error, numerics);
        });
    }

    private static Complex PairwiseSum(Complex[] terms, int from, int count) => count switch
    {
        0 => Complex.Zero,
        1 => terms[from],
        _ => PairwiseSum(terms, from, count / 2) + PairwiseSum(terms, from + count / 2, count - count / 2),
    };

    public override string Render(IReadOnlyList<string> args) =>
        $"Jnp.FFT.{(inverse ? "Ifft" : "Fft")}({args[0]}{(length is { } n ? $", n: {n}" : ", n: null")}, axis: {axis})";
}
