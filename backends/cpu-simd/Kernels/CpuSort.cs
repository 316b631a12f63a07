using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Multi-operand sort along one dimension: for each line, the keys (the first NumKeys operands) are read in the
/// total order, a permutation is sorted (ties broken by position, so every sort is stable), and every operand's
/// line is written permuted. Lines are spread over the cores when there are many.
/// </summary>
internal static class CpuSort
{
    public static CompiledKernel Compile(SortKernel k)
    {
        var shape = k.Operands[0].Shape;
        if (k.Dimension < 0 || k.Dimension >= shape.Length)
            throw new KernelCompilationException(k.Name, $"dimension {k.Dimension} out of range for rank {shape.Length}");
        var readers = k.Operands.Take(k.NumKeys).Select(o => SortKeyReader.Create(o.DType)).ToArray();
        var code = new Code(k, readers);
        var n = (double)shape[k.Dimension];
        return new CompiledKernel(k, code,
            $"comparison sort of {k.Operands.Count} operand(s) by {k.NumKeys} key(s), stable, NaN last",
            k.Operands[0].ElementCount * Math.Log2(n + 1) * k.Operands.Count);
    }

    private sealed unsafe class Code(SortKernel kernel, SortKeyReader[] readers) : ICpuKernel
    {
        public void Run(BufferTable buffers)
        {
            var shape = kernel.Operands[0].Shape;
            var length = shape[kernel.Dimension];
            long inner = 1;
            for (var a = kernel.Dimension + 1; a < shape.Length; a++) inner *= shape[a];
            var lines = length == 0 ? 0 : kernel.Operands[0].ElementCount / length;
            if (lines == 0) return;
            if (lines > 1 && kernel.Operands[0].ElementCount >= 1 << 16)
                Parallel.For(0, lines, CpuParallel.Options, () => new Workspace(readers.Length, length), (line, _, w) =>
                {
                    SortLine(buffers, line, inner, length, w);
                    return w;
                }, _ => { });
            else
            {
                var workspace = new Workspace(readers.Length, length);
                for (long line = 0; line < lines; line++) SortLine(buffers, line, inner, length, workspace);
            }
        }

        private void SortLine(BufferTable buffers, long line, long inner, int length, Workspace w)
        {
            var offset = line / inner * inner * length + line % inner;
            for (var k = 0; k < readers.Length; k++)
                readers[k].Read(buffers[kernel.Operands[k].Buffer], offset, inner, w.Keys[k]);
            for (var i = 0; i < length; i++) w.Order[i] = i;
            w.Order.AsSpan().Sort(new LineOrder(w.Keys, kernel.Descending));
            for (var o = 0; o < kernel.Operands.Count; o++)
            {
                var size = kernel.Operands[o].DType.SizeOf();
                var source = (byte*)buffers[kernel.Operands[o].Buffer];
                var target = (byte*)buffers[kernel.Outputs[o]];
                // Gather into the workspace first: the output may be the operand itself.
                fixed (byte* staged = w.Staging)
                {
                    for (var i = 0; i < length; i++)
                        Buffer.MemoryCopy(source + (offset + w.Order[i] * inner) * size, staged + i * size, size, size);
                    for (var i = 0; i < length; i++)
                        Buffer.MemoryCopy(staged + i * size, target + (offset + i * inner) * size, size, size);
                }
            }
        }
    }

    private sealed class Workspace(int keys, int length)
    {
        public long[][] Keys { get; } = Enumerable.Range(0, keys).Select(_ => new long[length]).ToArray();

        public int[] Order { get; } = new int[length];

        public byte[] Staging { get; } = new byte[length * 8];
    }
}
