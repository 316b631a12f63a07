using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// dot_general as a batched GEMM: the lhs's free dimensions flatten to M, the rhs's to N, the contracting
/// ones to K and the batch ones to B (addressing functions with baked-in strides handle any dimension order,
/// so no transposes are materialised). Each workgroup computes an output tile, 16x16 (one output per invocation)
/// or, where M and N reach 64, 64x64 (4x4 per invocation, held in registers), staging slices of both operands
/// through shared memory; it accumulates in the accumulator dtype and applies the epilogue before the store.
/// </summary>
internal static class ContractionGenerator
{
    private const int Tile = 16;

    /// <summary>Outputs per invocation along each axis on the register-tiled paths, largest first: a 16x16
    /// workgroup computes a 128x128 or 64x64 tile.</summary>
    private static readonly int[] RegisterBlocks = [8, 4];

    /// <summary>The problem as a batched GEMM: sizes and the operand address helpers' dimensions.</summary>
    private sealed record Gemm(long B, long M, long N, long K, int[] OutShape);

    public static IReadOnlyList<KernelPass> Generate(ContractionKernel k, GenerationContext ctx)
    {
        var d = k.Dimensions;
        var lhsFree = Enumerable.Range(0, k.Lhs.Shape.Length).Where(a => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)).ToArray();
        var rhsFree = Enumerable.Range(0, k.Rhs.Shape.Length).Where(a => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)).ToArray();
        var batchSizes = d.LhsBatch.Select(a => k.Lhs.Shape[a]).ToArray();
        var contractSizes = d.LhsContracting.Select(a => k.Lhs.Shape[a]).ToArray();
        var mSizes = lhsFree.Select(a => k.Lhs.Shape[a]).ToArray();
        var nSizes = rhsFree.Select(a => k.Rhs.Shape[a]).ToArray();
        var g = new Gemm(Shapes.Count(batchSizes), Shapes.Count(mSizes), Shapes.Count(nSizes), Shapes.Count(contractSizes), k.OutputShape);
        Shapes.Count(k.Lhs.Shape);
        Shapes.Count(k.Rhs.Shape);
        if (Shapes.Count(g.OutShape) == 0) return [];

        var w = ctx.Writer(Tile * Tile);
        w.Uses(k.AccumulatorDType);
        Address(w, "lhs_at", k.Lhs.Shape, d.LhsBatch, batchSizes, lhsFree, mSizes, d.LhsContracting, contractSizes);
        Address(w, "rhs_at", k.Rhs.Shape, d.RhsBatch, batchSizes, rhsFree, nSizes, d.RhsContracting, contractSizes);
        // An r x r block per invocation reads each staged value r times from registers instead of once per
        // product from shared memory (lavapipe: sgemm 1024 went from 1.0 to 2.6 GFLOP/s with r = 4, 5.5 with
        // r = 8). A tile larger than the output would compute mostly padding, and the staged slices must fit
        // in shared memory (16 KiB is all Vulkan promises).
        var accBytes = k.AccumulatorDType.BitWidth() == 64 ? 8 : 4;
        foreach (var r in RegisterBlocks)
        {
            var edge = Tile * r;
            if (g.M >= edge && g.N >= edge && 2L * Tile * edge * accBytes <= ctx.Target.SharedMemoryBytes)
                return [RegisterTiles(k, w, g, r)];
        }
        return [SharedTiles(k, w, g)];
    }

    /// <summary>Each invocation computes one output of its workgroup's 16x16 tile.</summary>
    private static ShaderPass SharedTiles(ContractionKernel k, ShaderWriter w, Gemm g)
    {
        var acc = k.AccumulatorDType;
        var accType = GlslTypes.Reg(acc);
        w.Global($"shared {accType} tileA[{Tile}][{Tile + 1}];");
        w.Global($"shared {accType} tileB[{Tile}][{Tile + 1}];");

        var (batch, rowBase, colBase, lx, ly, groups) = Place(w, g, Tile);
        var row = w.Let("int", $"{rowBase} + {ly}", "row");
        var col = w.Let("int", $"{colBase} + {lx}", "col");
        var sum = w.Let(accType, Combiners.Identity(ReduceOp.Sum, acc), "sum");
        w.Open($"for (int k0 = 0; k0 < {g.K}; k0 += {Tile})");
        // Reads are clamped in bounds and masked afterwards, so no branch guards a load.
        w.Line($"tileA[{ly}][{lx}] = {LoadLhs(k, w, g, batch, row, $"k0 + {lx}")};");
        w.Line($"tileB[{ly}][{lx}] = {LoadRhs(k, w, g, batch, col, $"k0 + {ly}")};");
        w.Line("barrier();");
        w.Open($"for (int j = 0; j < {Tile}; j++)");
        w.Line($"{sum} = {MultiplyAdd(w, acc, sum, $"tileA[{ly}][j]", $"tileB[j][{lx}]")};");
        w.Close();
        w.Line("barrier();");
        w.Close();
        Store(k, w, g, batch, row, col, sum);
        return ShaderPass.From(w, groups);
    }

    /// <summary>
    /// Each invocation computes r x r outputs of its workgroup's 16r x 16r tile: rows ly + 16i and columns
    /// lx + 16j, so a warp's loads, shared reads and stores stay contiguous. Each step stages a 16r x 16 slice of
    /// the lhs and a 16 x 16r slice of the rhs (r values per invocation each); an invocation then reads 2r staged
    /// values per r^2 products.
    /// </summary>
    private static ShaderPass RegisterTiles(ContractionKernel k, ShaderWriter w, Gemm g, int r)
    {
        var bigTile = Tile * r;
        var acc = k.AccumulatorDType;
        var accType = GlslTypes.Reg(acc);
        w.Global($"shared {accType} tileA[{Tile}][{bigTile}];");
        w.Global($"shared {accType} tileB[{Tile}][{bigTile}];");

        var (batch, rowBase, colBase, lx, ly, groups) = Place(w, g, bigTile);
        w.Line($"{accType} sums[{r * r}];");
        w.Line($"for (int i = 0; i < {r * r}; i++) sums[i] = {Combiners.Identity(ReduceOp.Sum, acc)};");
        w.Line($"{accType} a[{r}], b[{r}];");
        w.Open($"for (int k0 = 0; k0 < {g.K}; k0 += {Tile})");
        // Invocation (lx, ly) stages lhs rows ly + 16i at contraction index k0 + lx, and rhs columns lx + 16i at
        // contraction index k0 + ly; both stored k-major, so the product loop reads rows of the tiles.
        w.Open($"for (int i = 0; i < {r}; i++)");
        w.Line($"tileA[{lx}][{ly} + {Tile} * i] = {LoadLhs(k, w, g, batch, $"{rowBase} + {ly} + {Tile} * i", $"k0 + {lx}")};");
        w.Line($"tileB[{ly}][{lx} + {Tile} * i] = {LoadRhs(k, w, g, batch, $"{colBase} + {lx} + {Tile} * i", $"k0 + {ly}")};");
        w.Close();
        w.Line("barrier();");
        w.Open($"for (int kk = 0; kk < {Tile}; kk++)");
        w.Line($"for (int i = 0; i < {r}; i++) {{ a[i] = tileA[kk][{ly} + {Tile} * i]; b[i] = tileB[kk][{lx} + {Tile} * i]; }}");
        w.Open($"for (int i = 0; i < {r}; i++)");
        w.Line($"for (int j = 0; j < {r}; j++) sums[i * {r} + j] = {MultiplyAdd(w, acc, $"sums[i * {r} + j]", "a[i]", "b[j]")};");
        w.Close();
        w.Close();
        w.Line("barrier();");
        w.Close();
        w.Open($"for (int i = 0; i < {r}; i++)");
        w.Open($"for (int j = 0; j < {r}; j++)");
        Store(k, w, g, batch, $"({rowBase} + {ly} + {Tile} * i)", $"({colBase} + {lx} + {Tile} * j)", $"sums[i * {r} + j]");
        w.Close();
        w.Close();
        return ShaderPass.From(w, groups);
    }

    /// <summary>Declares where the workgroup's output tile (of <paramref name="edge"/> x <paramref name="edge"/>)
    /// starts and the invocation's place (lx, ly) in the 16x16 workgroup; returns them and the group count.</summary>
    private static (string Batch, string Row, string Col, string Lx, string Ly, long Groups) Place(ShaderWriter w, Gemm g, int edge)
    {
        long tilesM = (g.M + edge - 1) / edge, tilesN = (g.N + edge - 1) / edge;
        var group = w.Let("int", "int(jx_group())", "g");
        var row = w.Let("int", $"({group} / {tilesN}) % {tilesM} * {edge}", "row0");
        var col = w.Let("int", $"{group} % {tilesN} * {edge}", "col0");
        var batch = w.Let("int", $"{group} / {tilesN * tilesM}", "bt");
        var lx = w.Let("int", $"int(gl_LocalInvocationID.x) % {Tile}", "lx");
        var ly = w.Let("int", $"int(gl_LocalInvocationID.x) / {Tile}", "ly");
        return (batch, row, col, lx, ly, g.B * tilesM * tilesN);
    }

    private static string MultiplyAdd(ShaderWriter w, DType acc, string sum, string a, string b) =>
        Combiners.Combine(w, ReduceOp.Sum, acc, sum, OpRenderer.Binary(w, BinaryOp.Mul, acc, a, b));

    /// <summary>The lhs value at (row, contraction index) in the accumulator type, or zero outside the operand;
    /// the read itself is clamped in bounds, so no branch guards it.</summary>
    private static string LoadLhs(ContractionKernel k, ShaderWriter w, Gemm g, string batch, string row, string c) =>
        Load(w, k.Lhs, k.AccumulatorDType, "lhs_at", batch, row, g.M, c, g.K);

    private static string LoadRhs(ContractionKernel k, ShaderWriter w, Gemm g, string batch, string col, string c) =>
        Load(w, k.Rhs, k.AccumulatorDType, "rhs_at", batch, col, g.N, c, g.K);

    private static string Load(ShaderWriter w, TensorRef operand, DType acc, string address, string batch, string free, long freeSize,
        string c, long contractSize)
    {
        var array = w.Input(operand.Buffer, operand.DType);
        var read = GlslTypes.FromStorage(operand.DType, $"{array}[{address}({batch}, min({free}, {freeSize - 1}), min({c}, {contractSize - 1}))]");
        var value = OpRenderer.Convert(w, operand.DType, acc, read);
        return $"{free} < {freeSize} && {c} < {contractSize} ? {value} : {GlslTypes.Lit(acc, 0)}";
    }

    /// <summary>Stores one output (with the fused epilogue) where (row, col) lies inside the result.</summary>
    private static void Store(ContractionKernel k, ShaderWriter w, Gemm g, string batch, string row, string col, string sum)
    {
        w.Open($"if ({row} < {g.M} && {col} < {g.N})");
        var o = w.Let("int", $"({batch} * {g.M} + {row}) * {g.N} + {col}", "o");
        var value = sum;
        var valueType = k.AccumulatorDType;
        if (k.Epilogue is { } epilogue)
        {
            var outCoords = IndexEmitter.Split(w, o, g.OutShape, "oc");
            value = Epilogues.Emit(w, epilogue, sum, outCoords, g.OutShape);
            valueType = k.OutputDType;
        }
        var outType = k.OutputDType;
        w.Line($"{w.Output(k.Output, outType)}[{o}] = {Stores.Value(w, outType, OpRenderer.Convert(w, valueType, outType, value))};");
        w.Close();
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
