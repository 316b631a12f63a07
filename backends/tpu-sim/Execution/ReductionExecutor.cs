using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>Runs reduction kernels: prologue over the input points, combine in the accumulator dtype, epilogue.</summary>
internal static class ReductionExecutor
{
    public static void Run(ReductionKernel kernel, LaunchMemory memory)
    {
        var inShape = kernel.InputShape;
        var outShape = kernel.OutputShape;
        var outCount = checked((int)Coordinates.Count(outShape));
        var acc = kernel.AccumulatorDType;
        var accumulator = Identity(kernel.Op, acc, outCount);
        var argIndex = kernel.Op.IsArg() ? new long[outCount] : null;
        var argSeen = kernel.Op.IsArg() ? new bool[outCount] : null;

        // Output index of an input point: the kept dimensions' row-major strides, 0 on reduced axes.
        var outStrides = new long[inShape.Length];
        long stride = 1;
        for (var d = inShape.Length - 1; d >= 0; d--)
        {
            if (kernel.Axes.Contains(d)) continue;
            outStrides[d] = stride;
            stride *= inShape[d];
        }
        var argAxis = kernel.Op.IsArg() ? kernel.Axes[0] : -1;

        var total = Coordinates.Count(inShape);
        for (long start = 0; start < total; start += ProgramEvaluator.ChunkSize)
        {
            var count = (int)Math.Min(ProgramEvaluator.ChunkSize, total - start);
            var chunkStart = start;
            var values = ProgramEvaluator.Evaluate(kernel.Prologue, inShape, start, count,
                k => MappedReader.Read(memory[kernel.Inputs[k].Buffer], kernel.Inputs[k], inShape, chunkStart, count))[0];
            values = ScalarMath.Convert(values, acc);
            var coords = Coordinates.Unravel(start, inShape);
            for (var i = 0; i < count; i++)
            {
                long o = 0;
                for (var d = 0; d < coords.Length; d++) o += outStrides[d] * coords[d];
                if (argIndex is not null)
                    CombineArg(kernel.Op, accumulator, argIndex, argSeen!, (int)o, values, i, coords[argAxis]);
                else
                    Combine(kernel.Op, accumulator, (int)o, values, i);
                Coordinates.Increment(coords, inShape);
            }
        }

        var result = argIndex is null ? accumulator : Column.OfInts(DType.Int32, argIndex);
        EpilogueApplier.Write(result, kernel.Epilogue, outShape, kernel.Output, memory);
    }

    /// <summary>A column of the op's identity (0, 1, -inf or the type's min, +inf or its max, true, false).</summary>
    public static Column Identity(ReduceOp op, DType dtype, int count)
    {
        var column = Column.Create(dtype, count);
        if (column.IsFloat)
        {
            Array.Fill(column.Floats, op switch
            {
                ReduceOp.Sum => 0.0,
                ReduceOp.Prod => 1.0,
                ReduceOp.Max or ReduceOp.ArgMax => double.NegativeInfinity,
                ReduceOp.Min or ReduceOp.ArgMin => double.PositiveInfinity,
                _ => throw new NotSupportedException($"reduction {op} on floats"),
            });
            return column;
        }
        Array.Fill(column.Ints, op switch
        {
            ReduceOp.Sum or ReduceOp.Or => 0L,
            ReduceOp.Prod => 1L,
            ReduceOp.And => DTypeValues.Normalize(-1, dtype),
            ReduceOp.Max or ReduceOp.ArgMax => MinOf(dtype),
            ReduceOp.Min or ReduceOp.ArgMin => MaxOf(dtype),
            _ => throw new NotSupportedException($"reduction {op}"),
        });
        return column;
    }

    private static long MinOf(DType dtype) => dtype switch
    {
        DType.Int32 => int.MinValue,
        DType.Int64 => long.MinValue,
        DType.Int8 => sbyte.MinValue,
        DType.Int16 => short.MinValue,
        _ => 0,
    };

    private static long MaxOf(DType dtype) => dtype switch
    {
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        DType.UInt32 => uint.MaxValue,
        DType.UInt8 => byte.MaxValue,
        DType.Int8 => sbyte.MaxValue,
        DType.Int16 => short.MaxValue,
        DType.UInt16 => ushort.MaxValue,
        DType.UInt64 => -1,
        DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>acc[o] = acc[o] (op) values[i], in the accumulator's dtype.</summary>
    public static void Combine(ReduceOp op, Column acc, int o, Column values, int i)
    {
        var dtype = acc.DType;
        if (acc.IsFloat)
        {
            var a = acc.Floats[o];
            var v = values.Floats[i];
            acc.Floats[o] = op switch
            {
                ReduceOp.Sum => DTypeValues.Round(a + v, dtype),
                ReduceOp.Prod => DTypeValues.Round(a * v, dtype),
                ReduceOp.Max => Math.Max(a, v),
                ReduceOp.Min => Math.Min(a, v),
                _ => throw new NotSupportedException($"reduction {op} on floats"),
            };
            return;
        }
        var x = acc.Ints[o];
        var y = values.Ints[i];
        acc.Ints[o] = DTypeValues.Normalize(op switch
        {
            ReduceOp.Sum => unchecked(x + y),
            ReduceOp.Prod => unchecked(x * y),
            ReduceOp.Max => DTypeValues.OrderKey(x, dtype) >= DTypeValues.OrderKey(y, dtype) ? x : y,
            ReduceOp.Min => DTypeValues.OrderKey(x, dtype) <= DTypeValues.OrderKey(y, dtype) ? x : y,
            ReduceOp.And => x & y,
            ReduceOp.Or => x | y,
            _ => throw new NotSupportedException($"reduction {op}"),
        }, dtype);
    }

    /// <summary>ArgMax/ArgMin step: the first extreme wins ties, and the first NaN wins over everything.</summary>
    private static void CombineArg(ReduceOp op, Column best, long[] index, bool[] seen, int o, Column values, int i, long position)
    {
        bool take;
        if (!seen[o])
        {
            take = true;
        }
        else if (best.IsFloat)
        {
            var b = best.Floats[o];
            var v = values.Floats[i];
            take = !double.IsNaN(b) && (double.IsNaN(v) || (op == ReduceOp.ArgMax ? v > b : v < b));
        }
        else
        {
            var (v, b) = (DTypeValues.OrderKey(values.Ints[i], best.DType), DTypeValues.OrderKey(best.Ints[o], best.DType));
            take = op == ReduceOp.ArgMax ? v > b : v < b;
        }
        if (!take) return;
        seen[o] = true;
        index[o] = position;
        if (best.IsFloat) best.Floats[o] = values.Floats[i];
        else best.Ints[o] = values.Ints[i];
    }
}
