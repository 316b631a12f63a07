using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// The fft kernel (IR 1.2, and 1.3's interleaved operand and result) on the simulated core, the way a TPU computes
/// transforms: DFTs of small radices as matrix products on the MXU between twiddle products on the vector unit
/// (<see cref="StockhamStep"/>), or Bluestein's convolution (<see cref="BluesteinSteps"/>) for a large prime factor;
/// the plan is <see cref="FftPlan"/>, timed by <see cref="Timing.KernelCostModel"/>. The inverse uses the conjugate
/// roots and a last vector-unit scale by 1/n. Interleaved values are read and written as stored: the layout only
/// changes where the first gather reads and the last store writes.
/// </summary>
internal static class FftExecutor
{
    public static void Run(FftKernel k, LaunchMemory memory)
    {
        var dtype = k.Real.DType;
        var count = checked((int)k.ComplexCount);
        if (count == 0) return;
        var x = Operand(k, memory, count);
        var rows = new FftRows(k.Outer, k.Length, k.Inner);
        var plan = FftPlan.Of(k.Length);
        var sign = k.Inverse ? 1 : -1;
        var y = plan.Padded is null ? StockhamStep.Transform(x, rows, plan.Radices, sign, dtype) : BluesteinSteps.Run(x, rows, plan, sign, dtype);
        if (k.Inverse && k.Length > 1) VectorUnitComplex.Scale(y, 1.0 / k.Length, dtype);
        if (k.InterleavedResult)
        {
            var pairs = new double[2 * count];
            for (var i = 0; i < count; i++) (pairs[2 * i], pairs[2 * i + 1]) = (y.Re[i], y.Im[i]);
            Write(memory, k.OutReal, dtype, pairs);
            return;
        }
        Write(memory, k.OutReal, dtype, y.Re);
        Write(memory, k.OutImag, dtype, y.Im);
    }

    private static ComplexArray Operand(FftKernel k, LaunchMemory memory, int count)
    {
        var dtype = k.Real.DType;
        if (k.InterleavedOperand)
        {
            var pairs = ElementIO.ReadAll(memory[k.Real.Buffer], dtype, 2L * count).Floats;
            var z = ComplexArray.Zeros(count);
            for (var i = 0; i < count; i++) (z.Re[i], z.Im[i]) = (pairs[2 * i], pairs[2 * i + 1]);
            return z;
        }
        var re = ElementIO.ReadAll(memory[k.Real.Buffer], dtype, count).Floats;
        var im = k.Imag is { } imag ? ElementIO.ReadAll(memory[imag.Buffer], dtype, count).Floats : new double[count];
        return new ComplexArray(re, im);
    }

    private static void Write(LaunchMemory memory, int buffer, DType dtype, double[] values)
    {
        var scratch = memory.Scratch(buffer);
        ElementIO.WriteContiguous(scratch, dtype, 0, Column.OfFloats(dtype, values));
        memory.Commit(buffer, scratch, (long)values.Length * dtype.SizeOf());
    }
}
