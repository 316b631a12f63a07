using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;

namespace JaxNet.Backends.CpuSimd.Collectives;

/// <summary>Elementwise reduction of several arrays of one dtype (Max/Min propagate NaN; Bool sum is or).</summary>
internal abstract class ElementReducer
{
    /// <summary>destination[i] = op over s of sources[s][offset + i], for i in [0, count).</summary>
    public abstract void Run(ReadOnlySpan<nint> sources, long offset, long count, nint destination);

    public static ElementReducer Create(ReduceOp op, DType dtype)
    {
        if (op is not (ReduceOp.Sum or ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min))
            throw new ArgumentException($"collectives reduce with sum, prod, max or min, not {op}", nameof(op));
        return ElementDispatch.Visit(dtype, new Factory(op));
    }

    private sealed class Factory(ReduceOp op) : IElementVisitor<ElementReducer>
    {
        public ElementReducer Visit<TS, TV, TC>() where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV> =>
            CombinerDispatch.Visit(op, new OpFactory<TS, TV, TC>());
    }

    private sealed class OpFactory<TS, TV, TC> : ICombinerVisitor<TV, ElementReducer>
        where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV>
    {
        public ElementReducer Visit<TOp>() where TOp : ICombiner<TV> => new Typed<TS, TV, TC, TOp>();
    }

    private sealed unsafe class Typed<TS, TV, TC, TOp> : ElementReducer
        where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV> where TOp : ICombiner<TV>
    {
        public override void Run(ReadOnlySpan<nint> sources, long offset, long count, nint destination)
        {
            var target = (TS*)destination;
            var first = (TS*)sources[0] + offset;
            for (long i = 0; i < count; i++) target[i] = TC.Store(TC.Load(first[i]));
            for (var s = 1; s < sources.Length; s++)
            {
                var source = (TS*)sources[s] + offset;
                for (long i = 0; i < count; i++) target[i] = TC.Store(TOp.Combine(TC.Load(target[i]), TC.Load(source[i])));
            }
        }
    }
}
