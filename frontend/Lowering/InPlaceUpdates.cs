using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// Lets writes land where their values end up, before temporaries are planned. A copy of a whole temporary into
/// another buffer is dropped by renaming (the temporary's writers write the destination). A scatter whose operand
/// dies at it writes the operand's buffer in place, so a dynamic_update_slice costs its update, not its operand.
/// When that operand is a parameter and the scatter's output a result, the result becomes an alias of the parameter
/// (<see cref="ResultAlias"/>): the host hands it the parameter's buffer when the caller gives the buffer up, which a
/// loop does with the carries of its previous iteration (XLA's input/output aliasing, donated by the loop). A result
/// computed element by element from a parameter the caller donates (jit's donateArgnums: an SGD update
/// <c>p - lr * g</c>) is written over that parameter too.
/// </summary>
internal static class InPlaceUpdates
{
    /// <param name="donated">Buffers of parameters the caller gives up at every call (jit's donateArgnums), or null.</param>
    public static (List<Kernel> Kernels, List<ResultAlias> Aliases) Apply(IReadOnlyList<(BufferRole Role, long Bytes)> buffers,
        IReadOnlyList<Kernel> kernels, IReadOnlyList<int> parameters, IReadOnlyList<int> results, IReadOnlySet<int>? donated = null)
    {
        var list = kernels.ToList();
        var aliases = new List<ResultAlias>();
        ElideCopies(list, buffers);
        UpdateInPlace(list, buffers, parameters, results, aliases);
        if (donated is { Count: > 0 }) WriteOverDonated(list, buffers, parameters, results, donated, aliases);
        ElideCopies(list, buffers);
        return (list, aliases);
    }

    /// <summary>
    /// Aliases a result to a donated parameter when one elementwise kernel writes the result and reads the parameter
    /// only at the element it writes, and nothing reads the parameter later: each element is read before it is
    /// overwritten, in any order the backend runs the points. Only for donated parameters: for any other caller the
    /// host would have to copy the parameter into the result first, a pass the plain kernel does not need.
    /// </summary>
    private static void WriteOverDonated(List<Kernel> list, IReadOnlyList<(BufferRole Role, long Bytes)> buffers,
        IReadOnlyList<int> parameters, IReadOnlyList<int> results, IReadOnlySet<int> donated, List<ResultAlias> aliases)
    {
        for (var s = 0; s < list.Count; s++)
        {
            if (list[s] is not ElementwiseKernel kernel) continue;
            var points = kernel.Shape.Aggregate(1L, (a, b) => a * b);
            foreach (var o in kernel.Outputs)
            {
                if (buffers[o].Role != BufferRole.Result || aliases.Any(a => results[a.Result] == o) || Touches(list, 0, s, o)) continue;
                var u = kernel.Inputs.Select(i => i.Buffer).FirstOrDefault(b => donated.Contains(b) && buffers[b].Bytes == buffers[o].Bytes
                    && !aliases.Any(a => parameters[a.Parameter] == b) && !Touches(list, s + 1, list.Count, b)
                    && kernel.Inputs.Where(i => i.Buffer == b).All(i => i.DType.SizeOf() * points == buffers[b].Bytes && ReadsWhole(i.Map, kernel.Shape)),
                    -1);
                if (u < 0) continue;
                aliases.Add(new ResultAlias(IndexOf(results, o), IndexOf(parameters, u)));
                Rename(list, 0, s + 1, u, o);
            }
        }
    }

    /// <summary>
    /// Drops a copy of a whole temporary <c>t</c> into <c>r</c> when nothing reads <c>t</c> after it and nothing
    /// touches <c>r</c> before it: the kernels that wrote <c>t</c> write <c>r</c>.
    /// </summary>
    private static void ElideCopies(List<Kernel> list, IReadOnlyList<(BufferRole Role, long Bytes)> buffers)
    {
        for (var c = 0; c < list.Count; c++)
        {
            if (list[c] is not CopyKernel copy) continue;
            var (t, r) = (copy.Source.Buffer, copy.Output);
            if (t == r || buffers[t].Role != BufferRole.Temporary || buffers[t].Bytes != buffers[r].Bytes) continue;
            if (!ReadsWhole(copy.Source.Map, copy.Shape) || Touches(list, c + 1, list.Count, t) || Touches(list, 0, c, r)) continue;
            Rename(list, 0, c, t, r);
            list.RemoveAt(c--);
        }
    }

    /// <summary>
    /// Makes a scatter write its operand's buffer <c>u</c> when nothing reads <c>u</c> after it and nothing touches
    /// its output <c>o</c> before it: the two values then share one buffer. A result keeps its id (the module hands it
    /// back), a parameter is never written, so a parameter operand only joins a result output, as an alias.
    /// </summary>
    private static void UpdateInPlace(List<Kernel> list, IReadOnlyList<(BufferRole Role, long Bytes)> buffers,
        IReadOnlyList<int> parameters, IReadOnlyList<int> results, List<ResultAlias> aliases)
    {
        for (var s = 0; s < list.Count; s++)
        {
            if (list[s] is not ScatterKernel scatter || scatter.InPlace) continue;
            var (u, o) = (scatter.Operand.Buffer, scatter.Output);
            if (scatter.Indices.Buffer == u || scatter.Updates.Buffer == u || buffers[u].Bytes != buffers[o].Bytes) continue;
            if (Touches(list, s + 1, list.Count, u) || Touches(list, 0, s, o)) continue;
            switch (buffers[u].Role, buffers[o].Role)
            {
                case (BufferRole.Temporary, BufferRole.Temporary):
                    Rename(list, s, list.Count, o, u);
                    break;
                case (BufferRole.Temporary, BufferRole.Result):
                    Rename(list, 0, s + 1, u, o);
                    break;
                case (BufferRole.Parameter, BufferRole.Result):
                    aliases.Add(new ResultAlias(IndexOf(results, o), IndexOf(parameters, u)));
                    Rename(list, 0, s + 1, u, o);
                    break;
            }
        }
    }

    /// <summary>
    /// The module a backend without <see cref="BackendCapabilities.InPlaceScatter"/> can run: each in-place scatter
    /// writes a fresh temporary, copied back over its operand.
    /// </summary>
    public static KernelModule OutOfPlace(KernelModule module)
    {
        var buffers = module.Buffers.ToList();
        var kernels = new List<Kernel>();
        foreach (var kernel in module.Kernels)
        {
            if (kernel is not ScatterKernel { InPlace: true } scatter)
            {
                kernels.Add(kernel);
                continue;
            }
            var fresh = new BufferDecl(buffers.Count, BufferRole.Temporary, buffers[scatter.Output].ByteSize);
            buffers.Add(fresh);
            kernels.Add(scatter with { Output = fresh.Id });
            var source = new MappedInput(fresh.Id, scatter.Operand.DType, IndexMap.Identity(scatter.Operand.Shape));
            kernels.Add(new CopyKernel(scatter.Name + "_back", source, scatter.Operand.Shape, scatter.Output));
        }
        return module with { Buffers = buffers, Kernels = kernels };
    }

    /// <summary>True when the map reads a contiguous buffer of exactly <paramref name="shape"/>'s elements in order.</summary>
    private static bool ReadsWhole(IndexMap map, int[] shape)
    {
        if (map.Offset != 0 || map.IsPadded) return false;
        var dims = map.ReshapeTo ?? shape;
        if (dims.Length != map.Strides.Length) return false;
        var expected = IndexMap.RowMajorStrides(dims);
        for (var d = 0; d < dims.Length; d++)
            if (dims[d] > 1 && map.Strides[d] != expected[d]) return false;
        return true;
    }

    private static bool Touches(List<Kernel> list, int from, int to, int buffer)
    {
        for (var k = from; k < to; k++)
            if (list[k].ReadBuffers().Contains(buffer) || list[k].WrittenBuffers().Contains(buffer)) return true;
        return false;
    }

    private static void Rename(List<Kernel> list, int from, int to, int buffer, int into)
    {
        for (var k = from; k < to; k++) list[k] = KernelRemap.Apply(list[k], b => b == buffer ? into : b);
    }

    private static int IndexOf(IReadOnlyList<int> ids, int id)
    {
        for (var i = 0; i < ids.Count; i++)
            if (ids[i] == id) return i;
        throw new InvalidOperationException($"buffer b{id} is not in the module's list");
    }
}
