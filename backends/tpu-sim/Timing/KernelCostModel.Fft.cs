using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;
using JaxNet.Backends.TpuSim.Execution.Fft;

namespace JaxNet.Backends.TpuSim.Timing;

public sealed partial class KernelCostModel
{
    /// <summary>
    /// The fft kernel as <see cref="FftPlan"/> runs it. Each Stockham pass: the butterflies' gather and their
    /// Stockham-ordered store through the transpose unit, the twiddles' complex products on the vector unit, and the
    /// GEMM [butterflies, 2r] x [2r, 2r] on the MXUs at Precision.Highest (six bf16 passes; float64 is charged alike,
    /// though the simulator computes it exactly). Bluestein runs two transforms of the padded length and three complex
    /// products (chirp in, spectrum, chirp out); an inverse adds its scale. HBM: the operand in and the result out
    /// once while the two work arrays fit in vector memory, else each pass writes and reads them back (spilled).
    /// </summary>
    private KernelTiming Fft(FftKernel k)
    {
        var plan = FftPlan.Of(k.Length);
        var size = k.Real.DType.SizeOf();
        var points = k.ComplexCount;
        var work = k.Length == 0 ? 0 : points / k.Length * plan.PassLength;
        var v = Machine.Vector;
        var mxu = Machine.Mxu;
        var array = new SystolicArray(mxu.Rows, mxu.Cols, mxu.Dataflow, mxu.DoubleBufferedWeights);
        var passes = MatrixUnitArithmetic.Passes(Precision.Highest).Length;
        var transforms = plan.Padded is null ? 1 : 2;
        var spilled = 2 * 2 * work * size > Machine.Memory.VmemBytes;
        long compute = 0, folds = 0, macs = 0, hbm = 0;
        double vector = 0;
        foreach (var radix in plan.Radices)
        {
            if (work == 0) break;
            var gemm = MxuCycles(array, 1, checked((int)(work / radix)), 2 * radix, 2 * radix, passes);
            compute += transforms * gemm.Compute;
            folds += transforms * gemm.Folds;
            macs += transforms * gemm.Macs;
            vector += transforms * (2 * Vregs(2 * work) * v.TransposeCyclesPerVreg + Vregs(work) * VectorUnitComplex.OpsPerProduct * v.SimpleOpCycles);
            if (spilled) hbm += transforms * 2 * 2 * work * size;
        }
        if (plan.Padded is not null) vector += 3 * Vregs(work) * VectorUnitComplex.OpsPerProduct * v.SimpleOpCycles;
        if (k.Inverse) vector += 2 * Vregs(points) * v.SimpleOpCycles;
        compute += (long)Math.Ceiling(vector);
        hbm += (k.InterleavedOperand || k.Imag is not null ? 2 : 1) * points * size + 2 * points * size;
        var stall = Stall(compute, hbm);
        var util = compute + stall == 0 ? 0 : (double)macs / ((double)(compute + stall) * mxu.Count * mxu.Rows * mxu.Cols);
        return new KernelTiming(k.Name, Kind(k), ExecutionUnit.Mxu, compute, stall, hbm, macs, folds, passes, util, spilled);
    }
}
