using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// dot_general as a batched GEMM: the lhs's free dimensions flatten to M, the rhs's to N, the contracting
/// ones to K and the batch ones to B (addressing functions with baked-in strides handle any dimension order,
/// so no transposes are materialised). Each workgroup computes a 16x16 output tile, staging 16x16 tiles of
/// both operands through shared memory, accumulates in the accumulator dtype and applies the epilogue before
/// the store.
/// </summary>
internal static class ContractionGenerator
{
    private const int Tile = 16;

    public static IReadOnlyList<KernelPass> Generate(ContractionKernel k, GenerationContext ctx)
    {
        var d = k.Dimensions;
        var lhsFree = Enumerable.Range(0, k.Lhs.Shape.Length).Where(a => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)).ToArray();
        var rhsFree = Enumerable.Range(0, k.Rhs.Shape.Length).Where(a => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)).ToArray();
        var batchSizes = d.LhsBatch.Select(a => k.Lhs.Shape[a]).ToArray();
        var contractSizes = d.LhsContracting.Select(a => k.Lhs.Shape[a]).ToArray();
        var mSizes = lhsFree.Select(a => k.Lhs.Shape[a]).ToArray();
        var nSizes = rhsFree.Select(a => k.Rhs.Shape[a]).ToArray();
        long b = Shapes.Count(batchSizes), m = Shapes.Count(mSizes), n = Shapes.Count(nSizes), kk = Shapes.Count(contractSizes);
        Shapes.Count(k.Lhs.Shape);
        Shapes.Count(k.Rhs.Shape);
        var outShape = k.OutputShape;
        if (Shapes.Count(outShape) == 0) return [];

        var w = ctx.Writer(Tile * Tile);
        var acc = k.AccumulatorDType;
        var accType = GlslTypes.Reg(acc);
        w.Uses(acc);
        Address(w, "lhs_at", k.Lhs.Shape, d.LhsBatch, batchSizes, lhsFree, mSizes, d.LhsContracting, contractSizes);
        Address(w, "rhs_at", k.Rhs.Shape, d.RhsBatch, batchSizes, rhsFree, nSizes, d.RhsContracting, contractSizes);
        w.Global($"shared {accType} tileA[{Tile}][{Tile + 1}];");
        w.Global($"shared {accType} tileB[{Tile}][{Tile + 1}];");

        long tilesM = (m + Tile - 1) / Tile, tilesN = (n + Tile - 1) / Tile;
        var group = w.Let("int", "int(jx_group())", "g");
        var tn = w.Let("int", $"{group} % {tilesN}", "tn");
        var tm = w.Let("int", $"({group} / {tilesN}) % {tilesM}", "tm");
        var batch = w.Let("int", $"{group} / {tilesN * tilesM}", "bt");
        var lx = w.Let("int", $"int(gl_LocalInvocationID.x) % {Tile}", "lx");
        var ly = w.Let("int", $"int(gl_LocalInvocationID.x) / {Tile}", "ly");
        var row = w.Let("int", $"{tm} * {Tile} + {ly}", "row");
        var col = w.Let("int", $"{tn} * {Tile} + {lx}", "col");
        var sum = w.Let(accType, Combiners.Identity(ReduceOp.Sum, acc), "sum");
        var lhs = w.Input(k.Lhs.Buffer, k.Lhs.DType);
        var rhs = w.Input(k.Rhs.Buffer, k.Rhs.DType);
        var zero = GlslTypes.Lit(acc, 0);
        w.Open($"for (int k0 = 0; k0 < {kk}; k0 += {Tile})");
        var lhsValue = OpRenderer.Convert(w, k.Lhs.DType, acc, GlslTypes.FromStorage(k.Lhs.DType, $"{lhs}[lhs_at({batch}, min({row}, {m - 1}), min(k0 + {lx}, {kk - 1}))]"));
        var rhsValue = OpRenderer.Convert(w, k.Rhs.DType, acc, GlslTypes.FromStorage(k.Rhs.DType, $"{rhs}[rhs_at({batch}, min({col}, {n - 1}), min(k0 + {ly}, {kk - 1}))]"));
        // Reads are clamped in bounds and masked afterwards, so no branch guards a load.
        w.Line($"tileA[{ly}][{lx}] = {row} < {m} && k0 + {lx} < {kk} ? {lhsValue} : {zero};");
        w.Line($"tileB[{ly}][{lx}] = {col} < {n} && k0 + {ly} < {kk} ? {rhsValue} : {zero};");
        w.Line("barrier();");
        w.Open($"for (int j = 0; j < {Tile}; j++)");
        w.Line($"{sum} = {Combiners.Combine(w, ReduceOp.Sum, acc, sum, OpRenderer.Binary(w, BinaryOp.Mul, acc, $"tileA[{ly}][j]", $"tileB[j][{lx}]"))};");
        w.Close();
        w.Line("barrier();");
        w.Close();

        w.Open($"if ({row} < {m} && {col} < {n})");
        var o = w.Let("int", $"({batch} * {m} + {row}) * {n} + {col}", "o");
        var value = sum;
        var valueType = acc;
        if (k.Epilogue is { } epilogue)
        {
            var outCoords = IndexEmitter.Split(w, o, outShape, "oc");
            value = Epilogues.Emit(w, epilogue, sum, outCoords, outShape);
            valueType = k.OutputDType;
        }
        var outType = k.OutputDType;
        w.Line($"{w.Output(k.Output, outType)}[{o}] = {Stores.Value(w, outType, OpRenderer.Convert(w, valueType, outType, value))};");
        w.Close();
        return [ShaderPass.From(w, b * tilesM * tilesN)];
    }

    /// <summary>
    /// Emits <c>int name(int batch, int free, int contract)</c>: the element offset in an operand, splitting each
    /// flat index row-major over its dimensions and applying the operand's row-major strides.
    /// </summary>
    private static void Address(ShaderWriter w, string name, int[] shape, int[] batchDims, int[] batchSizes,
        int[] freeDims, int[] freeSizes, int[] contractDims, int[] contractSizes)
    {
        var strides = IndexMap.RowMajorStrides(shape);
        var body = new System.Text.StringBuilder();
        body.Append($"int {name}(int b, int f, int c) {{ int o = 0;");
        Decompose(body, "b", batchDims, batchSizes, strides);
        Decompose(body, "f", freeDims, freeSizes, strides);
        Decompose(body, "c", contractDims, contractSizes, strides);
        body.Append(" return o; }");
        w.Helper(name, () => body.ToString());
    }

    private static void Decompose(System.Text.StringBuilder s, string v, int[] dims, int[] sizes, long[] strides)
    {
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            s.Append($" o += ({v} % {sizes[i]}) * {strides[dims[i]]}; {v} /= {sizes[i]};");
        }
    }
}
