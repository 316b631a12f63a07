using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// Assigns the module's temporaries to slots: a temporary's lifetime runs from the kernel that first writes it to
/// the last kernel that reads it, and temporaries with disjoint lifetimes share a slot (sized for the largest).
/// Parameters and results keep their own buffers. Numbering: parameters, then results, then slots.
/// </summary>
internal static class BufferPlanner
{
    public static KernelModule Plan(string name, IReadOnlyList<(BufferRole Role, long Bytes)> buffers, IReadOnlyList<Kernel> kernels,
        IReadOnlyList<int> parameters, IReadOnlyList<int> results)
    {
        var map = new int[buffers.Count];
        Array.Fill(map, -1);
        var decls = new List<BufferDecl>();
        foreach (var p in parameters) map[p] = Declare(decls, BufferRole.Parameter, buffers[p].Bytes);
        foreach (var r in results) map[r] = Declare(decls, BufferRole.Result, buffers[r].Bytes);

        var lastUse = new Dictionary<int, int>();
        for (var k = 0; k < kernels.Count; k++)
            foreach (var b in kernels[k].ReadBuffers().Concat(kernels[k].WrittenBuffers()))
                lastUse[b] = k;

        var slotSizes = new List<long>();
        var freeSlots = new List<int>();
        var releaseAt = new List<(int Kernel, int Slot)>();
        for (var k = 0; k < kernels.Count; k++)
        {
            foreach (var b in kernels[k].WrittenBuffers())
            {
                if (map[b] >= 0 || buffers[b].Role != BufferRole.Temporary) continue;
                var slot = TakeSlot(freeSlots, slotSizes, buffers[b].Bytes);
                map[b] = slot;
                releaseAt.Add((lastUse[b], slot));
            }
            // Slots whose last reader is this kernel become free for the kernels after it.
            for (var i = releaseAt.Count - 1; i >= 0; i--)
            {
                if (releaseAt[i].Kernel != k) continue;
                freeSlots.Add(releaseAt[i].Slot);
                releaseAt.RemoveAt(i);
            }
        }
        var first = decls.Count;
        for (var s = 0; s < slotSizes.Count; s++) decls.Add(new BufferDecl(first + s, BufferRole.Temporary, slotSizes[s]));
        int Remap(int b) => buffers[b].Role == BufferRole.Temporary ? first + map[b] : map[b];
        var remapped = kernels.Select(k => KernelRemap.Apply(k, Remap)).ToArray();
        return new KernelModule(name, decls, remapped, parameters.Select(Remap).ToArray(), results.Select(Remap).ToArray());
    }

    private static int Declare(List<BufferDecl> decls, BufferRole role, long bytes)
    {
        decls.Add(new BufferDecl(decls.Count, role, bytes));
        return decls.Count - 1;
    }

    private static int TakeSlot(List<int> free, List<long> sizes, long bytes)
    {
        var best = -1;
        foreach (var s in free)
            if (best < 0 || Math.Abs(sizes[s] - bytes) < Math.Abs(sizes[best] - bytes)) best = s;
        if (best < 0)
        {
            sizes.Add(bytes);
            return sizes.Count - 1;
        }
        free.Remove(best);
        sizes[best] = Math.Max(sizes[best], bytes);
        return best;
    }
}

/// <summary>Rewrites the buffer ids of a kernel.</summary>
internal static class KernelRemap
{
    public static Kernel Apply(Kernel kernel, Func<int, int> f)
    {
        MappedInput M(MappedInput i) => i with { Buffer = f(i.Buffer) };
        TensorRef T(TensorRef t) => t with { Buffer = f(t.Buffer) };
        FusedEpilogue? E(FusedEpilogue? e) => e is null ? null : e with { Inputs = e.Inputs.Select(M).ToArray() };
        return kernel switch
        {
            ElementwiseKernel e => e with { Inputs = e.Inputs.Select(M).ToArray(), Outputs = e.Outputs.Select(f).ToArray() },
            ReductionKernel r => r with { Inputs = r.Inputs.Select(M).ToArray(), Epilogue = E(r.Epilogue), Output = f(r.Output) },
            ContractionKernel c => c with { Lhs = T(c.Lhs), Rhs = T(c.Rhs), Epilogue = E(c.Epilogue), Output = f(c.Output) },
            ConvolutionKernel v => v with { Lhs = T(v.Lhs), Rhs = T(v.Rhs), Epilogue = E(v.Epilogue), Output = f(v.Output) },
            CopyKernel k => k with { Source = M(k.Source), Output = f(k.Output) },
            GatherKernel g => g with { Operand = T(g.Operand), Indices = T(g.Indices), Output = f(g.Output) },
            ScatterKernel s => s with { Operand = T(s.Operand), Indices = T(s.Indices), Updates = T(s.Updates), Output = f(s.Output) },
            SortKernel s => s with { Operands = s.Operands.Select(T).ToArray(), Outputs = s.Outputs.Select(f).ToArray() },
            ScanKernel s => s with { Input = T(s.Input), Output = f(s.Output) },
            FftKernel t => t with { Real = T(t.Real), Imag = t.Imag is { } im ? T(im) : null, OutReal = f(t.OutReal), OutImag = f(t.OutImag) },
            _ => throw new InvalidOperationException($"unknown kernel kind {kernel.Kind}"),
        };
    }
}
