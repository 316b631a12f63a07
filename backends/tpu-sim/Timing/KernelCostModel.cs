using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;
using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Timing;

/// <summary>
/// Simulated time of each kernel kind on a <see cref="TpuMachine"/> (documented in docs/tpu-sim.md):
/// contractions and convolutions (im2col) as GEMMs on the MXUs with <see cref="AnalyticSystolicModel"/>, folds
/// spread over the MXUs, one set of folds per bf16 pass; everything else on the vector unit at a cost per vector
/// register and op; HBM traffic overlapped with compute, the excess being stalls.
/// </summary>
public sealed partial class KernelCostModel(TpuMachine machine)
{
    public TpuMachine Machine { get; } = machine;

    public KernelTiming Estimate(Kernel kernel) => kernel switch
    {
        ContractionKernel k => Contraction(k),
        ConvolutionKernel k => Convolution(k),
        ElementwiseKernel k => Vector(k, Coordinates.Count(k.Shape),
            ProgramCost(k.Program) + k.Outputs.Count * Machine.Vector.LoadStoreCycles,
            k.Inputs.Sum(i => Coordinates.Count(k.Shape) * i.DType.SizeOf())
            + k.Outputs.Select((_, r) => Coordinates.Count(k.Shape) * k.Program.ResultType(r).SizeOf()).Sum()),
        ReductionKernel k => Reduction(k),
        CopyKernel k => Copy(k),
        GatherKernel k => Indexed(k, Coordinates.Count(k.OutputShape),
            k.Indices.ElementCount * k.Indices.DType.SizeOf() + 2 * Coordinates.Count(k.OutputShape) * k.Operand.DType.SizeOf()),
        ScatterKernel k => Indexed(k, k.Updates.ElementCount,
            2 * k.Operand.ElementCount * k.Operand.DType.SizeOf() + k.Indices.ElementCount * k.Indices.DType.SizeOf()
            + k.Updates.ElementCount * k.Updates.DType.SizeOf()),
        SortKernel k => Sort(k),
        ScanKernel k => Scan(k),
        FftKernel k => Fft(k),
        _ => throw new NotSupportedException($"no cost model for {kernel.Kind}"),
    };

    private KernelTiming Contraction(ContractionKernel k)
    {
        var shape = ContractionShape.Of(k);
        return Gemm(k, shape.Batch, shape.M, shape.K, shape.N, k.Precision, k.Lhs, k.Rhs, k.OutputDType, k.Epilogue);
    }

    private KernelTiming Convolution(ConvolutionKernel k)
    {
        var plan = ConvolutionGemm.Of(k);
        return Gemm(k, plan.Groups, plan.M, plan.K, plan.N, k.Precision, k.Lhs, k.Rhs, k.OutputDType, k.Epilogue);
    }

    /// <summary>Bf16 passes of a contraction: 1, 3 or 6 by precision for float operands; 1 for integers.</summary>
    public static int PassesOf(Precision precision, DType lhs, DType rhs) =>
        lhs.IsFloat() || rhs.IsFloat() ? MatrixUnitArithmetic.Passes(precision).Length : 1;

    private KernelTiming Gemm(Kernel k, int batch, int m, int kk, int n, Precision precision, TensorRef lhs, TensorRef rhs,
        DType outType, FusedEpilogue? epilogue)
    {
        var mxu = Machine.Mxu;
        var array = new SystolicArray(mxu.Rows, mxu.Cols, mxu.Dataflow, mxu.DoubleBufferedWeights);
        var passes = PassesOf(precision, lhs.DType, rhs.DType);
        var (compute, folds, macs) = MxuCycles(array, batch, m, kk, n, passes);
        var outputs = (long)batch * m * n;
        if (epilogue is not null) compute += Vregs(outputs) * (long)Math.Ceiling(ProgramCost(epilogue.Program));

        // HBM: operands in, result out; a working set above VMEM re-streams the streamed operand per column fold.
        long lhsBytes = lhs.ElementCount * lhs.DType.SizeOf(), rhsBytes = rhs.ElementCount * rhs.DType.SizeOf();
        long outBytes = outputs * outType.SizeOf();
        long epilogueBytes = epilogue?.Inputs.Sum(i => outputs * i.DType.SizeOf()) ?? 0;
        var spilled = lhsBytes + rhsBytes + outBytes > Machine.Memory.VmemBytes;
        var (_, sc, _) = array.Map(new GemmProblem(m, kk, n));
        var restream = spilled ? Math.Max(1, (sc + mxu.Cols - 1) / mxu.Cols) : 1;
        var streamedBytes = array.Dataflow == Dataflow.InputStationary ? rhsBytes : lhsBytes;
        var stationaryBytes = array.Dataflow == Dataflow.InputStationary ? lhsBytes : rhsBytes;
        var hbm = streamedBytes * restream + stationaryBytes + outBytes + epilogueBytes;
        var stall = Stall(compute, hbm);
        var util = compute + stall == 0 ? 0 : (double)macs / ((double)(compute + stall) * mxu.Count * mxu.Rows * mxu.Cols);
        return new KernelTiming(k.Name, Kind(k), ExecutionUnit.Mxu, compute, stall, hbm, macs, folds, passes, util, spilled);
    }

    /// <summary>A batched GEMM's bf16 passes on the MXUs: its folds spread round-robin over them, the first weight
    /// load exposed when weights are double-buffered.</summary>
    private (long Compute, long Folds, long Macs) MxuCycles(SystolicArray array, long batch, int m, int kk, int n, int passes)
    {
        var mxu = Machine.Mxu;
        var one = AnalyticSystolicModel.Run(array, new GemmProblem(m, kk, n));
        var folds = one.Folds * batch * passes;
        var foldsPerMxu = (folds + mxu.Count - 1) / mxu.Count;
        var exposedLoad = array.HoldsOperand && array.DoubleBufferedWeights && folds > 0 ? mxu.Rows : 0;
        return (exposedLoad + foldsPerMxu * one.CyclesPerFold, folds, one.Macs * batch * passes);
    }

    private KernelTiming Reduction(ReductionKernel k)
    {
        var points = Coordinates.Count(k.InputShape);
        var outputs = Coordinates.Count(k.OutputShape);
        var v = Machine.Vector;
        // Prologue and combine per input register, then a log2(lanes) cross-lane tree per output register.
        var compute = (long)Math.Ceiling(Vregs(points) * (ProgramCost(k.Prologue) + v.SimpleOpCycles)
            + Vregs(outputs) * (Math.Log2(v.Lanes) * v.CrossLaneStepCycles + v.LoadStoreCycles
                                + (k.Epilogue is null ? 0 : ProgramCost(k.Epilogue.Program))));
        var bytes = k.Inputs.Sum(i => points * i.DType.SizeOf()) + outputs * k.OutputDType.SizeOf();
        return Finish(k, ExecutionUnit.Vpu, compute, bytes);
    }

    private KernelTiming Copy(CopyKernel k)
    {
        var points = Coordinates.Count(k.Shape);
        var bytes = 2 * points * k.Source.DType.SizeOf();
        var contiguous = !k.Source.Map.IsPadded && k.Source.Map.ReshapeTo is null
            && k.Source.Map.Strides.SequenceEqual(IndexMap.RowMajorStrides(k.Shape));
        if (contiguous) return Finish(k, ExecutionUnit.Dma, 0, bytes);
        var compute = (long)Math.Ceiling(Vregs(points) * Machine.Vector.TransposeCyclesPerVreg);
        return Finish(k, ExecutionUnit.Xlu, compute, bytes);
    }

    private KernelTiming Indexed(Kernel k, long elements, long bytes) =>
        Finish(k, ExecutionUnit.Vpu, (long)Math.Ceiling(Vregs(elements) * Machine.Vector.IndexedCyclesPerVreg), bytes);

    private KernelTiming Sort(SortKernel k)
    {
        var shape = k.Operands[0].Shape;
        var length = shape.Length == 0 ? 1 : shape[k.Dimension];
        var slices = length == 0 ? 0 : Coordinates.Count(shape) / length;
        var log = length <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(length));
        var padded = slices * (1L << log);
        // A bitonic network: log(log+1)/2 compare-exchange stages over every (padded) element.
        var stages = log * (log + 1) / 2;
        var compute = (long)Math.Ceiling(stages * Vregs(padded) * Machine.Vector.SortStageCyclesPerVreg * k.Operands.Count);
        var bytes = 2 * k.Operands.Sum(o => o.ElementCount * o.DType.SizeOf());
        // Operands larger than vector memory are sorted in VMEM-sized runs and merged: one more HBM round trip
        // per doubling of the run length.
        var spilled = bytes > Machine.Memory.VmemBytes;
        if (spilled) bytes *= 1 + (long)Math.Ceiling(Math.Log2((double)bytes / Machine.Memory.VmemBytes));
        return Finish(k, ExecutionUnit.Vpu, compute, bytes, spilled);
    }

    private KernelTiming Scan(ScanKernel k)
    {
        var points = k.Input.ElementCount;
        var length = k.Input.Shape.Length == 0 ? 1 : k.Input.Shape[k.Axis];
        // Hillis-Steele: ceil(log2 length) shifted combines over every register.
        var steps = length <= 1 ? 1 : (int)Math.Ceiling(Math.Log2(length));
        var compute = (long)Math.Ceiling(Vregs(points) * steps * (Machine.Vector.SimpleOpCycles + Machine.Vector.TransposeCyclesPerVreg));
        var bytes = points * (k.Input.DType.SizeOf() + k.OutputDType.SizeOf());
        return Finish(k, ExecutionUnit.Vpu, compute, bytes);
    }

    private KernelTiming Vector(Kernel k, long points, double costPerVreg, long bytes) =>
        Finish(k, ExecutionUnit.Vpu, (long)Math.Ceiling(Vregs(points) * costPerVreg), bytes);

    /// <summary>A vector-unit or DMA kernel: its operands stream through vector memory, so only sorts spill.</summary>
    private KernelTiming Finish(Kernel k, ExecutionUnit unit, long compute, long bytes, bool spilled = false) =>
        new(k.Name, Kind(k), unit, compute, Stall(compute, bytes), bytes, 0, 0, 0, 0, spilled);

    /// <summary>HBM time (latency + bytes / bandwidth) that compute does not hide.</summary>
    private long Stall(long compute, long bytes)
    {
        if (bytes == 0) return 0;
        var memory = Machine.Memory.HbmLatencyCycles + (long)Math.Ceiling(bytes / Machine.Memory.HbmBytesPerCycle);
        return Math.Max(0, memory - compute);
    }

    private long Vregs(long elements) => (elements + Machine.Vector.ElementsPerVreg - 1) / Machine.Vector.ElementsPerVreg;

    /// <summary>Vector-unit cycles per register of a scalar program: loads, arithmetic, divides, transcendentals.</summary>
    public double ProgramCost(ScalarProgram program)
    {
        var v = Machine.Vector;
        double cost = 0;
        foreach (var node in program.Nodes)
        {
            cost += node switch
            {
                LoadNode => v.LoadStoreCycles,
                ConstNode or IndexNode => 0,
                UnaryNode u => UnaryCost(u.Op),
                BinaryNode b => b.Op switch
                {
                    BinaryOp.Div or BinaryOp.Rem => v.DivideOpCycles,
                    BinaryOp.Pow or BinaryOp.Atan2 => v.TranscendentalOpCycles,
                    _ => v.SimpleOpCycles,
                },
                _ => v.SimpleOpCycles,
            };
        }
        return cost;
    }

    private double UnaryCost(UnaryOp op) => op switch
    {
        UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign or UnaryOp.Floor or UnaryOp.Ceil or UnaryOp.Round or UnaryOp.RoundEven
            or UnaryOp.IsFinite or UnaryOp.Not or UnaryOp.PopCount or UnaryOp.Clz => Machine.Vector.SimpleOpCycles,
        UnaryOp.Sqrt or UnaryOp.Rsqrt => Machine.Vector.DivideOpCycles,
        _ => Machine.Vector.TranscendentalOpCycles,
    };

    private static string Kind(Kernel k) => k.Kind.ToString().ToLowerInvariant();
}
