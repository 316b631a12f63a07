using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// Folds the elements of one line of a reduction or scan, in order, and gives the result so far with its bound:
/// what a backend may differ by when it adds the same elements in any order (and any grouping) in its accumulator
/// dtype: float16/bfloat16 reductions accumulate in float32 as the frontend lowers them (as jnp.sum does), while a
/// scatter combines in the operand's own dtype, rounding at every update (XLA's scatter, whose combiner is typed).
/// </summary>
public abstract class LineAccumulator
{
    public abstract void Add(Scalar x, double error);

    public abstract (Scalar Value, double Error) Result();

    /// <summary>A fold of <paramref name="dtype"/> elements accumulating in <paramref name="accumulator"/> (by default
    /// <see cref="AccumulatorOf"/> the dtype).</summary>
    public static LineAccumulator Create(ReduceOp op, DType dtype, NumericsModel numerics, DType? accumulator = null)
    {
        if (!dtype.IsFloat() || op is ReduceOp.And or ReduceOp.Or) return new ExactFold(op, dtype);
        var wide = accumulator ?? AccumulatorOf(dtype);
        return op switch
        {
            ReduceOp.Sum => new FloatSum(dtype, wide, numerics),
            ReduceOp.Prod => new FloatProduct(dtype, wide, numerics),
            ReduceOp.Max or ReduceOp.Min => new FloatExtreme(op == ReduceOp.Max, dtype, wide, numerics),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a fold"),
        };
    }

    /// <summary>The dtype a float reduction of <paramref name="dtype"/> accumulates in.</summary>
    public static DType AccumulatorOf(DType dtype) => dtype is DType.Float16 or DType.BFloat16 ? DType.Float32 : dtype;

    /// <summary>Integers and Bool: exact, with wraparound.</summary>
    private sealed class ExactFold(ReduceOp op, DType dtype) : LineAccumulator
    {
        private Scalar value = Identity(op, dtype);
        private bool unknown;

        private static Scalar Identity(ReduceOp op, DType dtype) => op switch
        {
            ReduceOp.Sum or ReduceOp.Or => Scalar.FromInteger(dtype, 0),
            ReduceOp.Prod => Scalar.FromInteger(dtype, 1),
            ReduceOp.And => Scalar.FromInteger(dtype, dtype == DType.Bool ? 1 : -1),
            ReduceOp.Max => Scalar.FromInteger(dtype, dtype == DType.Bool ? 0 : Integers.MinValue(dtype)),
            _ => Scalar.FromInteger(dtype, dtype == DType.Bool ? 1 : Integers.MaxValue(dtype)),
        };

        public override void Add(Scalar x, double error)
        {
            unknown |= error != 0;
            var binary = op switch
            {
                ReduceOp.Sum => BinaryOp.Add,
                ReduceOp.Prod => BinaryOp.Mul,
                ReduceOp.Max => BinaryOp.Max,
                ReduceOp.Min => BinaryOp.Min,
                ReduceOp.And => BinaryOp.And,
                _ => BinaryOp.Or,
            };
            value = ScalarSemantics.Binary(binary, value, x);
        }

        public override (Scalar Value, double Error) Result() => (value, unknown ? Bounds.Unknown : 0);
    }

    /// <summary>Counts of the elements no float arithmetic can change: unknowns, NaNs and infinities.</summary>
    private abstract class FloatFold(DType dtype, DType accumulator, NumericsModel numerics) : LineAccumulator
    {
        protected readonly DType Dtype = dtype;
        protected readonly DType Accumulator = accumulator;
        protected readonly NumericsModel Numerics = numerics;
        protected long Count;
        protected bool Unknown, NaN, PositiveInfinity, NegativeInfinity, AllExact = true;

        /// <summary>Whether an odd number of -inf were folded (the sign they give a product).</summary>
        protected bool OddNegativeInfinities;

        public sealed override void Add(Scalar x, double error)
        {
            Count++;
            if (double.IsPositiveInfinity(error) || double.IsNaN(error)) Unknown = true;
            else if (x.IsNaN) NaN = true;
            else if (double.IsPositiveInfinity(x.Float)) PositiveInfinity = true;
            else if (double.IsNegativeInfinity(x.Float)) (NegativeInfinity, OddNegativeInfinities) = (true, !OddNegativeInfinities);
            else AddFinite(x.Float, error);
            if (error > Bounds.SignOfZero) AllExact = false;
        }

        protected abstract void AddFinite(double x, double error);

        protected (Scalar, double) Finish(double value, double error)
        {
            var r = Scalar.FromDouble(Dtype, value);
            if (r.Float == 0) error = Math.Max(error, Bounds.SignOfZero);
            return (r, Bounds.Finish(r, error, Numerics));
        }

        protected (Scalar, double) Special(double value) => (Scalar.FromDouble(Dtype, value), 0);

        protected (Scalar, double) Unknowable() => (Scalar.FromDouble(Dtype, 0), Bounds.Unknown);
    }

    /// <summary>A float sum: |error| ≤ n u Σ|x| in any order (doubled), exact for data on a coarse enough grid.</summary>
    private sealed class FloatSum(DType dtype, DType accumulator, NumericsModel numerics) : FloatFold(dtype, accumulator, numerics)
    {
        private double sum, compensation, absSum, errorSum, quantum = double.PositiveInfinity;

        protected override void AddFinite(double x, double error)
        {
            // Neumaier's compensated sum: the reference's own error stays far below the float32 bounds.
            var t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? sum - t + x : x - t + sum;
            sum = t;
            absSum += Math.Abs(x);
            errorSum += error;
            quantum = Math.Min(quantum, Quantum.Of(x));
        }

        public override (Scalar Value, double Error) Result()
        {
            if (Unknown) return Unknowable();
            if (NaN || (PositiveInfinity && NegativeInfinity)) return Special(double.NaN);
            // Partial sums may overflow in some order (to an infinity of either sign).
            if (absSum + errorSum >= Bounds.MaxFinite(Accumulator)) return Unknowable();
            if (PositiveInfinity) return Special(double.PositiveInfinity);
            if (NegativeInfinity) return Special(double.NegativeInfinity);
            var value = sum + compensation;
            var bits = Bounds.SignificandBits(Accumulator);
            var exact = AllExact && (absSum == 0 || absSum < Math.ScaleB(quantum, bits));
            var error = errorSum;
            if (!exact)
            {
                error += 2 * Count * Bounds.UnitRoundoff(Accumulator) * absSum + Bounds.Allowance(Dtype, OpFamily.Basic, Math.Abs(value));
                if (Numerics.Flushes(Accumulator)) error += Count * Bounds.MinNormal(Accumulator);
            }
            else if (!Bounds.IsRepresentable(value, Dtype))
            {
                error += Bounds.Allowance(Dtype, OpFamily.Basic, Math.Abs(value));
            }
            return Finish(value, error);
        }
    }

    /// <summary>A float product: the bound from the products of the intervals' far ends, and n u per rounding.</summary>
    private sealed class FloatProduct(DType dtype, DType accumulator, NumericsModel numerics) : FloatFold(dtype, accumulator, numerics)
    {
        private double product = 1, upper = 1, large = 1, small = 1, odd = 1;
        private bool zero, mayBeZero;

        protected override void AddFinite(double x, double error)
        {
            var magnitude = Math.Abs(x);
            product *= x;
            upper *= magnitude + error;
            if (magnitude + error >= 1) large *= magnitude + error;
            else if (magnitude > 0) small *= magnitude;
            if (x == 0) zero = true;
            if (magnitude <= error) mayBeZero = true;
            odd *= Quantum.OddSignificand(x);
        }

        public override (Scalar Value, double Error) Result()
        {
            if (Unknown) return Unknowable();
            if (NaN) return Special(double.NaN);
            var infinite = PositiveInfinity || NegativeInfinity;
            // Partial products that may overflow, or underflow and lose digits, have no useful bound.
            if (large >= Bounds.MaxFinite(Accumulator)) return Unknowable();
            var underflows = small < Math.ScaleB(Bounds.MinNormal(Accumulator), Bounds.SignificandBits(Accumulator));
            if (infinite)
            {
                if (zero) return Special(double.NaN);
                if (mayBeZero || underflows) return Unknowable();
                var negative = OddNegativeInfinities ^ (product < 0);
                return Special(negative ? double.NegativeInfinity : double.PositiveInfinity);
            }
            if (zero) return Finish(0, Bounds.SignOfZero);
            if (underflows) return Unknowable();
            var exact = AllExact && odd < Math.ScaleB(1.0, Bounds.SignificandBits(Accumulator));
            var magnitude = Math.Abs(product);
            var error = (upper - magnitude) * (1 + 1e-12);
            if (!exact) error += 2 * Count * Bounds.UnitRoundoff(Accumulator) * upper + Bounds.Allowance(Dtype, OpFamily.Basic, magnitude);
            else if (!Bounds.IsRepresentable(product, Dtype)) error += Bounds.Allowance(Dtype, OpFamily.Basic, magnitude);
            return Finish(product, error);
        }
    }

    /// <summary>Max or min: 1-Lipschitz, so the largest operand bound; NaN wins.</summary>
    private sealed class FloatExtreme(bool max, DType dtype, DType accumulator, NumericsModel numerics) : FloatFold(dtype, accumulator, numerics)
    {
        private double best = double.NaN, error;

        protected override void AddFinite(double x, double e)
        {
            error = Math.Max(error, e);
            if (double.IsNaN(best) || (max ? x > best : x < best)) best = x;
        }

        public override (Scalar Value, double Error) Result()
        {
            if (Unknown) return Unknowable();
            if (NaN) return Special(double.NaN);
            if (max && PositiveInfinity || !max && NegativeInfinity) return Special(max ? double.PositiveInfinity : double.NegativeInfinity);
            if (double.IsNaN(best)) return Special(max ? double.NegativeInfinity : double.PositiveInfinity); // empty, or only the other infinity
            return Finish(best, error);
        }
    }
}
