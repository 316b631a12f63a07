namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// The structural rules of IR v1, checked once so that every backend can trust a module it is given. This
/// checks what can be checked without evaluating: buffer ids, SSA order, operand dtypes and input counts.
/// </summary>
public static class KernelModuleValidator
{
    public static void Validate(KernelModule module)
    {
        for (var i = 0; i < module.Buffers.Count; i++)
        {
            if (module.Buffers[i].Id != i) Fail(module.Name, $"buffer at position {i} has id {module.Buffers[i].Id}");
            if (module.Buffers[i].ByteSize < 0) Fail(module.Name, $"buffer b{i} has a negative size");
        }
        foreach (var p in module.Parameters) CheckRole(module, p, BufferRole.Parameter);
        foreach (var r in module.Results) CheckRole(module, r, BufferRole.Result);
        ValidateAliases(module);
        foreach (var kernel in module.Kernels)
        {
            foreach (var b in kernel.ReadBuffers().Concat(kernel.WrittenBuffers()))
                if (b < 0 || b >= module.Buffers.Count) Fail(kernel.Name, $"uses buffer b{b}, which the module does not declare");
            foreach (var b in kernel.WrittenBuffers())
                if (module.Buffers[b].Role == BufferRole.Parameter) Fail(kernel.Name, $"writes parameter buffer b{b}");
            switch (kernel)
            {
                case ElementwiseKernel e:
                    ValidateProgram(kernel.Name, e.Program, e.Inputs.Select(i => i.DType).ToArray(), e.Shape.Length);
                    if (e.Outputs.Count != e.Program.Results.Count)
                        Fail(kernel.Name, $"has {e.Outputs.Count} output buffers for {e.Program.Results.Count} results");
                    foreach (var input in e.Inputs) ValidateMap(kernel.Name, input.Map, e.Shape);
                    break;
                case ReductionKernel r:
                    ValidateProgram(kernel.Name, r.Prologue, r.Inputs.Select(i => i.DType).ToArray(), r.InputShape.Length);
                    if (r.Axes.Any(a => a < 0 || a >= r.InputShape.Length) || r.Axes.Distinct().Count() != r.Axes.Length)
                        Fail(kernel.Name, $"has invalid reduction axes {Kernel.Dims(r.Axes)} for rank {r.InputShape.Length}");
                    if (r.Op.IsArg() && r.Axes.Length != 1) Fail(kernel.Name, "arg reductions take exactly one axis");
                    foreach (var input in r.Inputs) ValidateMap(kernel.Name, input.Map, r.InputShape);
                    ValidateEpilogue(kernel.Name, r.Epilogue, r.Op.IsArg() ? DType.Int32 : r.AccumulatorDType, r.OutputShape);
                    break;
                case ContractionKernel c:
                    ValidateDot(c);
                    ValidateEpilogue(kernel.Name, c.Epilogue, c.AccumulatorDType, c.OutputShape);
                    break;
                case ConvolutionKernel v:
                    ValidateEpilogue(kernel.Name, v.Epilogue, v.AccumulatorDType, v.OutputShape);
                    break;
                case SortKernel s:
                    if (s.Operands.Count == 0 || s.NumKeys < 1 || s.NumKeys > s.Operands.Count)
                        Fail(kernel.Name, $"sorts {s.Operands.Count} operands by {s.NumKeys} keys");
                    if (s.Outputs.Count != s.Operands.Count) Fail(kernel.Name, "needs one output per operand");
                    if (s.Operands.Any(o => !o.Shape.SequenceEqual(s.Operands[0].Shape))) Fail(kernel.Name, "operands differ in shape");
                    break;
                case ScanKernel sc:
                    if (sc.Op is not (ReduceOp.Sum or ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min))
                        Fail(kernel.Name, $"scan op {sc.Op} is not one of sum, prod, max, min");
                    if (sc.Axis < 0 || sc.Axis >= sc.Input.Shape.Length) Fail(kernel.Name, $"axis {sc.Axis} out of range");
                    break;
                case CopyKernel k:
                    ValidateMap(kernel.Name, k.Source.Map, k.Shape);
                    break;
                case FftKernel f:
                    ValidateFft(f);
                    break;
            }
        }
    }

    private static void ValidateFft(FftKernel f)
    {
        if (f.Real.DType is not (DType.Float32 or DType.Float64))
            Fail(f.Name, $"transforms float32 or float64 parts, got {f.Real.DType.ShortName()}");
        if (f.InterleavedOperand)
        {
            if (f.Real.Shape.Length < 2 || f.Real.Shape[^1] != 2)
                Fail(f.Name, $"an interleaved operand is S x 2 values with S of rank 1 or more, got {f.Real}");
            if (f.Imag is not null) Fail(f.Name, "an interleaved operand has no separate imaginary part");
        }
        var rank = f.Shape.Length;
        if (f.Axis < 0 || f.Axis >= rank) Fail(f.Name, $"axis {f.Axis} is out of range for rank {rank}");
        if (f.Imag is { } im && (im.DType != f.Real.DType || !im.Shape.SequenceEqual(f.Real.Shape)))
            Fail(f.Name, $"parts differ: real {f.Real}, imaginary {im}");
        if (f.InterleavedResult && f.OutReal != f.OutImag) Fail(f.Name, "an interleaved result names one buffer as both parts");
        if (!f.InterleavedResult && f.OutReal == f.OutImag) Fail(f.Name, "writes both parts to one buffer");
    }

    private static void ValidateAliases(KernelModule module)
    {
        foreach (var alias in module.Aliases)
        {
            if (alias.Result < 0 || alias.Result >= module.Results.Count || alias.Parameter < 0 || alias.Parameter >= module.Parameters.Count)
                Fail(module.Name, $"alias {alias} names a result or parameter the module does not have");
            var (result, parameter) = (module.Buffers[module.Results[alias.Result]], module.Buffers[module.Parameters[alias.Parameter]]);
            if (result.ByteSize != parameter.ByteSize)
                Fail(module.Name, $"alias {alias} joins b{result.Id} of {result.ByteSize}B to b{parameter.Id} of {parameter.ByteSize}B");
        }
        if (module.Aliases.Select(a => a.Result).Distinct().Count() != module.Aliases.Count ||
            module.Aliases.Select(a => a.Parameter).Distinct().Count() != module.Aliases.Count)
            Fail(module.Name, "aliases name a result or a parameter twice");
    }

    /// <summary>Checks SSA order, input numbers and that each op is applied to dtypes it is defined on.</summary>
    public static void ValidateProgram(string kernel, ScalarProgram program, IReadOnlyList<DType> inputs, int rank)
    {
        var nodes = program.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            foreach (var operand in node.Operands())
                if (operand < 0 || operand >= i) Fail(kernel, $"node %{i} uses %{operand}, which is not an earlier node");
            switch (node)
            {
                case LoadNode load:
                    if (load.Input < 0 || load.Input >= inputs.Count) Fail(kernel, $"node %{i} loads input {load.Input} of {inputs.Count}");
                    if (inputs[load.Input] != load.DType) Fail(kernel, $"node %{i} loads input {load.Input} as {load.DType.ShortName()}, but it is {inputs[load.Input].ShortName()}");
                    break;
                case IndexNode index:
                    if (index.Dimension < 0 || index.Dimension >= rank) Fail(kernel, $"node %{i} reads index dimension {index.Dimension} of rank {rank}");
                    if (index.DType is not (DType.Int32 or DType.Int64)) Fail(kernel, $"node %{i}: an index is i32 or i64");
                    break;
                case UnaryNode u:
                    var x = nodes[u.X].DType;
                    if (u.Op.IsFloatOnly() && !x.IsFloat()) Fail(kernel, $"node %{i}: {u.Op} is defined on floats, got {x.ShortName()}");
                    if (u.Op is UnaryOp.PopCount or UnaryOp.Clz && !x.IsInteger()) Fail(kernel, $"node %{i}: {u.Op} is defined on integers");
                    if (u.ResultTypeMismatch(x)) Fail(kernel, $"node %{i}: {u.Op} of {x.ShortName()} gives {u.Op.ResultType(x).ShortName()}, not {u.DType.ShortName()}");
                    break;
                case BinaryNode b:
                    var a = nodes[b.A].DType;
                    if (nodes[b.B].DType != a) Fail(kernel, $"node %{i}: {b.Op} operands differ: {a.ShortName()} and {nodes[b.B].DType.ShortName()}");
                    if (b.Op.IsFloatOnly() && !a.IsFloat()) Fail(kernel, $"node %{i}: {b.Op} is defined on floats, got {a.ShortName()}");
                    if (b.Op.IsBitwise() && a.IsFloat()) Fail(kernel, $"node %{i}: {b.Op} is not defined on floats");
                    if (b.Op.ResultType(a) != b.DType) Fail(kernel, $"node %{i}: {b.Op} of {a.ShortName()} gives {b.Op.ResultType(a).ShortName()}, not {b.DType.ShortName()}");
                    break;
                case SelectNode s:
                    if (nodes[s.Predicate].DType != DType.Bool) Fail(kernel, $"node %{i}: select's predicate must be bool");
                    if (nodes[s.OnTrue].DType != s.DType || nodes[s.OnFalse].DType != s.DType) Fail(kernel, $"node %{i}: select's branches must be {s.DType.ShortName()}");
                    break;
                case BitcastNode c:
                    if (nodes[c.X].DType.SizeOf() != c.DType.SizeOf()) Fail(kernel, $"node %{i}: bitcast between widths {nodes[c.X].DType.ShortName()} and {c.DType.ShortName()}");
                    break;
            }
        }
        foreach (var r in program.Results)
            if (r < 0 || r >= nodes.Count) Fail(kernel, $"returns %{r}, which does not exist");
    }

    private static bool ResultTypeMismatch(this UnaryNode u, DType operand) => u.Op.ResultType(operand) != u.DType;

    private static void ValidateEpilogue(string kernel, FusedEpilogue? epilogue, DType value, int[] outputShape)
    {
        if (epilogue is null) return;
        var inputs = epilogue.Inputs.Select(i => i.DType).Prepend(value).ToArray();
        ValidateProgram(kernel, epilogue.Program, inputs, outputShape.Length);
        if (epilogue.Program.Results.Count != 1) Fail(kernel, "an epilogue has exactly one result");
        foreach (var input in epilogue.Inputs) ValidateMap(kernel, input.Map, outputShape);
    }

    private static void ValidateMap(string kernel, IndexMap map, int[] shape)
    {
        var rank = map.ReshapeTo?.Length ?? shape.Length;
        if (map.Strides.Length != rank) Fail(kernel, $"an index map has {map.Strides.Length} strides for rank {rank}");
        if (map.ReshapeTo is not null &&
            map.ReshapeTo.Aggregate(1L, (p, s) => p * s) != shape.Aggregate(1L, (p, s) => p * s))
            Fail(kernel, $"an index map reshapes {Kernel.Dims(shape)} to {Kernel.Dims(map.ReshapeTo)}: sizes differ");
        if ((map.ValidLo is null) != (map.ValidHi is null) || (map.ValidLo is not null && (map.ValidLo.Length != rank || map.ValidHi!.Length != rank)))
            Fail(kernel, "an index map's valid region must give lo and hi for every dimension");
    }

    private static void ValidateDot(ContractionKernel c)
    {
        var d = c.Dimensions;
        if (d.LhsBatch.Length != d.RhsBatch.Length || d.LhsContracting.Length != d.RhsContracting.Length)
            Fail(c.Name, $"dimension numbers pair up unequal lists: {d}");
        for (var i = 0; i < d.LhsBatch.Length; i++)
            if (c.Lhs.Shape[d.LhsBatch[i]] != c.Rhs.Shape[d.RhsBatch[i]]) Fail(c.Name, $"batch dimensions differ in size: {d}");
        for (var i = 0; i < d.LhsContracting.Length; i++)
            if (c.Lhs.Shape[d.LhsContracting[i]] != c.Rhs.Shape[d.RhsContracting[i]])
                Fail(c.Name, $"contracting dimensions differ in size: lhs{Kernel.Dims(c.Lhs.Shape)} rhs{Kernel.Dims(c.Rhs.Shape)} {d}");
    }

    private static void CheckRole(KernelModule module, int id, BufferRole role)
    {
        if (id < 0 || id >= module.Buffers.Count) Fail(module.Name, $"lists buffer b{id}, which it does not declare");
        if (module.Buffers[id].Role != role) Fail(module.Name, $"lists b{id} as a {role.ToString().ToLowerInvariant()}, but it is a {module.Buffers[id].Role.ToString().ToLowerInvariant()}");
    }

    private static void Fail(string where, string what) => throw new InvalidKernelModuleException($"{where}: {what}");
}
