using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Inclusive cumulative sum, product, max or min along an axis (from the end when reversed). The input is seen as
/// [outer, axis, inner]; a row of inner accumulators walks the axis, so memory is read in order. Each step is
/// rounded to the accumulator dtype (f16 accumulators round like f16 arithmetic, Bool stays 0/1); a result in
/// another dtype is converted at the end.
/// </summary>
internal static class CpuScan
{
    public static CompiledKernel Compile(ScanKernel k, CompileContext context)
    {
        var convertOut = k.OutputDType == k.AccumulatorDType ? null : StridedConverter.Create(k.AccumulatorDType, k.OutputDType);
        var code = ElementDispatch.Visit(k.Input.DType, new InputVisitor(k, convertOut));
        return new CompiledKernel(k, code,
            $"{k.Op.ToString().ToLowerInvariant()} scan in {k.AccumulatorDType.ShortName()}" + (convertOut is null ? "" : $", stored as {k.OutputDType.ShortName()}"),
            k.Input.ElementCount);
    }

    private sealed class InputVisitor(ScanKernel k, StridedConverter? convertOut) : IElementVisitor<ICpuKernel>
    {
        public ICpuKernel Visit<TI, TIV, TIC>() where TI : unmanaged where TIV : unmanaged, INumber<TIV> where TIC : IElementCodec<TI, TIV> =>
            ElementDispatch.Visit(k.AccumulatorDType, new AccumulatorVisitor<TI, TIV, TIC>(k, convertOut));
    }

    private sealed class AccumulatorVisitor<TI, TIV, TIC>(ScanKernel k, StridedConverter? convertOut) : IElementVisitor<ICpuKernel>
        where TI : unmanaged where TIV : unmanaged, INumber<TIV> where TIC : IElementCodec<TI, TIV>
    {
        public ICpuKernel Visit<TA, TAV, TAC>() where TA : unmanaged where TAV : unmanaged, INumber<TAV> where TAC : IElementCodec<TA, TAV> =>
            CombinerDispatch.Visit(k.Op, new OpVisitor<TI, TIV, TIC, TA, TAV, TAC>(k, convertOut));
    }

    private sealed class OpVisitor<TI, TIV, TIC, TA, TAV, TAC>(ScanKernel k, StridedConverter? convertOut) : ICombinerVisitor<TAV, ICpuKernel>
        where TI : unmanaged where TIV : unmanaged, INumber<TIV> where TIC : IElementCodec<TI, TIV>
        where TA : unmanaged where TAV : unmanaged, INumber<TAV> where TAC : IElementCodec<TA, TAV>
    {
        public ICpuKernel Visit<TOp>() where TOp : ICombiner<TAV> => new Typed<TI, TIV, TIC, TA, TAV, TAC, TOp>(k, convertOut);
    }

    private sealed unsafe class Typed<TI, TIV, TIC, TA, TAV, TAC, TOp>(ScanKernel k, StridedConverter? convertOut) : ICpuKernel
        where TI : unmanaged where TIV : unmanaged, INumber<TIV> where TIC : IElementCodec<TI, TIV>
        where TA : unmanaged where TAV : unmanaged, INumber<TAV> where TAC : IElementCodec<TA, TAV>
        where TOp : ICombiner<TAV>
    {
        public void Run(BufferTable buffers)
        {
            var shape = k.Input.Shape;
            var length = shape[k.Axis];
            long inner = 1, outer = 1;
            for (var a = k.Axis + 1; a < shape.Length; a++) inner *= shape[a];
            for (var a = 0; a < k.Axis; a++) outer *= shape[a];
            var count = k.Input.ElementCount;
            if (count == 0) return;
            nint temp = 0;
            try
            {
                var target = convertOut is null ? (TA*)buffers[k.Output] : (TA*)(temp = NativeBlock.Allocate(count * sizeof(TA)));
                var source = (TI*)buffers[k.Input.Buffer];
                var accumulators = new TAV[inner];
                for (long o = 0; o < outer; o++)
                {
                    Array.Fill(accumulators, TOp.Identity);
                    for (var step = 0; step < length; step++)
                    {
                        var position = k.Reverse ? length - 1 - step : step;
                        var offset = (o * length + position) * inner;
                        for (long i = 0; i < inner; i++)
                        {
                            var value = TAV.CreateTruncating(TIC.Load(source[offset + i]));
                            var stored = TAC.Store(TOp.Combine(accumulators[i], value));
                            accumulators[i] = TAC.Load(stored);
                            target[offset + i] = stored;
                        }
                    }
                }
                convertOut?.Run((nint)target, 0, [1], [checked((int)count)], buffers[k.Output]);
            }
            finally
            {
                if (temp != 0) NativeBlock.Free(temp);
            }
        }
    }
}
