using System.Reflection;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// A fused kernel names its registers and buffer slots by type, so in the PTX its values are registers (no local
/// memory) and its loads go straight to one buffer (no indirect branch over the slots); a reduction's op and
/// accumulator are types too, so it compiles one operation, not every op for every dtype. Kernels with more live
/// values than the register fields spill the rest to a local array and still compute the same thing.
/// </summary>
public sealed class FusedKernelRegisterTests(Emulated emulated) : IClassFixture<Emulated>
{
    private const BindingFlags Static = BindingFlags.NonPublic | BindingFlags.Static;

    [Fact]
    public void Registers_and_slots_are_named_by_type()
    {
        Assert.Equal(typeof(R5), Names.Register(5));
        Assert.Equal(typeof(R31), Names.Register(31));
        var spilled = Names.Register(0x2A);
        Assert.Equal(typeof(SpilledRegister<Nat<N2, N10>>), spilled);
        Assert.Equal(0x2A, ((INat)Activator.CreateInstance(spilled.GetGenericArguments()[0])!).Value);
        Assert.Equal(700, ((INat)Activator.CreateInstance(Nats.Of(700))!).Value);
        Assert.Equal(typeof(S15), Names.Slot(15));
        Assert.Throws<ArgumentOutOfRangeException>(() => Names.Slot(Slots.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => Names.Register(-1));
    }

    [Fact]
    public void An_elementwise_kernel_keeps_its_values_in_registers()
    {
        var ptx = CompileElementwise(MultiplyAdd(), 3, "RunSmall");
        Assert.DoesNotContain(".local", ptx);
        Assert.DoesNotContain("brx.idx", ptx);
    }

    [Fact]
    public void Mapped_loads_divide_in_32_bits()
    {
        // Inputs through an index map (MapAt 0, not contiguous): each load divides its point by the map's extents.
        var ptx = CompileElementwise(MultiplyAdd(), 3, "RunSmall", contiguous: false);
        Assert.Contains("div.u32", ptx);
        Assert.DoesNotMatch(@"(div|rem)\.[su]64", ptx);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void A_single_class_kernel_has_no_float64_instruction(DType dtype)
    {
        // The ops of a softmax, a cross-entropy, an MLP's activations (GELU's erf too), an optimizer step, the
        // random normals' erfinv, pow and atan2, in one kernel.
        var p = new ScalarProgramBuilder();
        var x = p.Load(0, dtype);
        var y = p.Load(1, dtype);
        var activations = p.Binary(BinaryOp.Mul, p.Unary(UnaryOp.Logistic, x), p.Unary(UnaryOp.Tanh, y));
        var logs = p.Binary(BinaryOp.Div, p.Unary(UnaryOp.Exp, x), p.Unary(UnaryOp.Log1p, p.Unary(UnaryOp.Abs, y)));
        var steps = p.Binary(BinaryOp.Sub, p.Unary(UnaryOp.Log, p.Unary(UnaryOp.Sqrt, x)), p.Unary(UnaryOp.Expm1, y));
        var rounded = p.Binary(BinaryOp.Add, p.Unary(UnaryOp.Floor, x), p.Unary(UnaryOp.RoundEven, y));
        var special = p.Binary(BinaryOp.Mul, p.Unary(UnaryOp.Erf, x), p.Unary(UnaryOp.ErfInv, y));
        var powers = p.Binary(BinaryOp.Add, p.Binary(BinaryOp.Pow, x, y), p.Binary(BinaryOp.Atan2, y, x));
        // sin and cos beyond |x| = 8192 take the float64 reduction: an encoding's angles stay below, so they are not here.
        var relu = p.Binary(BinaryOp.Max, p.Binary(BinaryOp.Add, activations, logs), p.Const(dtype, 0));
        var program = p.Build(p.Binary(BinaryOp.Add, p.Binary(BinaryOp.Add, p.Binary(BinaryOp.Add, relu, steps), p.Binary(BinaryOp.Add, rounded, special)), powers));
        var ptx = CompileElementwise(program, 2, "RunSmall", dtype: dtype);
        Assert.DoesNotContain(".f64", ptx);
        Assert.Contains("div.rn.f32", ptx); // IEEE division, not the approximate one
    }

    [Fact]
    public void A_float_sum_compiles_one_operation_and_no_local_memory()
    {
        var ptx = FloatSumPartialPtx();
        Assert.DoesNotContain(".local", ptx);
        Assert.DoesNotContain("brx.idx", ptx);
        // With the op and dtype read at run time this kernel was 11,817 lines of PTX: every op for every dtype at
        // each of its combines. One float add per combine is about 500.
        Assert.InRange(ptx.Split('\n').Length, 100, 1500);
        Assert.DoesNotMatch(@"(div|rem)\.[su]64", ptx);
        Assert.DoesNotContain(".f64", ptx); // float32 accumulates in float32, as XLA's reductions do
        // Trailing reduced axes fold four points a round, so each input is loaded in six places: four in the
        // round, one in the remainder loop, one in the strided path (one per input before the unrolling).
        Assert.Equal(18, System.Text.RegularExpressions.Regex.Matches(ptx, @"\bld\.b32\b").Count);
    }

    [SassFact]
    public void A_float_sum_issues_four_points_loads_before_it_waits_to_add()
    {
        var sass = SassOf.Ptx(FloatSumPartialPtx());
        // The most 32-bit loads (the inputs; the metadata is 64-bit) between one add and the next: in the four-point
        // round all twelve (three inputs) come before its first add; one point a round (before the unrolling) gave six at most.
        int most = 0, loads = 0;
        foreach (var instruction in sass)
        {
            var opcode = instruction.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(t => t.StartsWith('@')).First();
            if (opcode is "LD.E" or "LDG.E") loads++;
            if (opcode == "FADD")
            {
                most = Math.Max(most, loads);
                loads = 0;
            }
        }
        Assert.True(most >= 12, $"at most {most} loads between adds");
    }

    [Fact]
    public void Reduction_groups_grow_from_a_warp_with_the_row_length()
    {
        // A GPU: a warp per short row, doubled while there are more points than threads, up to 256.
        var gpu = ReductionShape.Gpu(32, 1024);
        Assert.Equal(32, gpu.GroupFor(1));
        Assert.Equal(32, gpu.GroupFor(32));
        Assert.Equal(64, gpu.GroupFor(33));
        Assert.Equal(256, gpu.GroupFor(1_000_000));
        Assert.Equal(64, ReductionShape.Gpu(32, 64).GroupFor(1_000_000));

        // The emulator: each thread folds 16 points before the group doubles, up to its 64-thread groups.
        var nop = (typeof(NopStep), (object)new NopStep());
        var launcher = (ReductionLauncher<NopStep, NopStep, RSum, DFloat32, R0, R0, S0>)ReductionLauncher<NopStep, NopStep, RSum, DFloat32, R0, R0, S0>
            .Create(emulated.Accelerator, nop, nop, ReduceOp.Sum, DType.Float32, 0, 0, RegisterFile.Small, null);
        var warp = emulated.Accelerator.WarpSize;
        var share = ReductionShape.EmulatedPointsPerThread;
        var largest = Math.Min(ReductionLauncher<NopStep, NopStep, RSum, DFloat32, R0, R0, S0>.MaxGroupSize, emulated.Accelerator.MaxNumThreadsPerGroup);
        Assert.Equal(warp, launcher.GroupFor(1));
        Assert.Equal(warp, launcher.GroupFor(warp * share));
        Assert.Equal(2 * warp, launcher.GroupFor(warp * share + 1));
        Assert.Equal(2 * warp, launcher.GroupFor(2 * warp * share));
        Assert.Equal(largest, launcher.GroupFor(2 * warp * share + 1));
        Assert.Equal(largest, launcher.GroupFor(1_000_000));
        Assert.True(largest > 2 * warp, "the emulated group has more than two warps, so the shared-memory combine runs");
    }

    [Theory]
    [InlineData(ReduceOp.Sum, 200)]
    [InlineData(ReduceOp.Sum, 400)]
    [InlineData(ReduceOp.Sum, 1000)]
    [InlineData(ReduceOp.Max, 1000)]
    [InlineData(ReduceOp.ArgMax, 400)]
    [InlineData(ReduceOp.ArgMax, 1000)]
    public void Rows_reduced_by_one_two_and_four_emulated_warps_match_a_float64_reference(ReduceOp op, int n)
    {
        // Rows of 200, 400 and 1000 take groups of one, two and four warps in emulation: the shuffles alone, then the
        // shared-memory combine across warps. A NaN row checks that NaN survives each combine, a tie row that the
        // first index wins across threads and warps.
        const int rows = 5;
        var values = Enumerable.Range(0, rows * n).Select(i => MathF.Sin(i * 0.37f) * 100f).ToArray();
        values[n + n - 1] = float.NaN;
        values[2 * n + 3] = 500f;
        values[2 * n + n - 2] = 500f;
        values[4 * n + n / 2] = float.PositiveInfinity;
        var kernel = new ReductionKernel("r", [rows, n], [1], [new MappedInput(0, DType.Float32, IndexMap.Identity([rows, n]))],
            ScalarProgram.Identity(DType.Float32), op, DType.Float32, null, 1);
        var module = new KernelModule("m", [new BufferDecl(0, BufferRole.Parameter, 4L * rows * n), new BufferDecl(1, BufferRole.Result, 4 * rows)],
            [kernel], [0], [1]);
        var bytes = emulated.Run(module, Emulated.Bytes(values))[0];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Skip(r * n).Take(n).Select(v => (double)v).ToArray();
            if (op == ReduceOp.ArgMax)
            {
                var best = 0;
                for (var i = 1; i < n; i++)
                    if (!double.IsNaN(row[best]) && (double.IsNaN(row[i]) || row[i] > row[best])) best = i;
                Assert.Equal(best, Emulated.Values<int>(bytes)[r]);
                continue;
            }
            var actual = Emulated.Values<float>(bytes)[r];
            if (row.Any(double.IsNaN))
            {
                Assert.True(float.IsNaN(actual), $"row {r}: {actual}");
                continue;
            }
            var expected = op == ReduceOp.Max ? row.Max() : row.Sum();
            // A float32 sum of n terms of magnitude 100 in any order: within n ulps of the magnitude.
            var bound = op == ReduceOp.Max ? 0 : n * 100.0 * Math.Pow(2, -23);
            Assert.True(Math.Abs(actual - expected) <= bound || actual == expected, $"row {r}: {actual} against {expected} (bound {bound})");
        }
    }

    [Fact]
    public void Forty_live_values_spill_past_the_register_fields_and_compute_the_same()
    {
        // t_i = x * (i + 1) for i < 40, all alive until the sum folds them from the last: 40 + registers live at once.
        var p = new ScalarProgramBuilder();
        var x = p.Load(0, DType.Float32);
        var terms = Enumerable.Range(0, 40).Select(i => p.Binary(BinaryOp.Mul, x, p.Const(DType.Float32, i + 1))).ToList();
        var sum = terms[^1];
        for (var i = terms.Count - 2; i >= 0; i--) sum = p.Binary(BinaryOp.Add, sum, terms[i]);
        var program = p.Build(sum);

        var builder = new StepBuilder();
        builder.Append(program, [new InputBinding.Mapped(0, DType.Float32, 0, 0)], 0);
        Assert.True(builder.RegisterCount > ThreadRegisters.InFields, $"{builder.RegisterCount} registers");
        Assert.Equal(RegisterFile.Medium, RegisterFile.Fit(builder.RegisterCount, "k"));
        Assert.Contains(".visible .entry", CompileElementwise(program, 1, "RunMedium"));

        var shape = new[] { 4 };
        var kernel = new ElementwiseKernel("k", shape, [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))], program, [1]);
        var module = new KernelModule("m", [new BufferDecl(0, BufferRole.Parameter, 16), new BufferDecl(1, BufferRole.Result, 16)],
            [kernel], [0], [1]);
        var result = Emulated.Values<float>(emulated.Run(module, Emulated.Bytes(1f, -2f, 0.5f, 3f))[0]);
        Assert.Equal(new[] { 820f, -1640f, 410f, 2460f }, result);
    }

    // The split reduction's partial kernel of sum(x + y * z) over float32.
    private static string FloatSumPartialPtx()
    {
        var builder = new StepBuilder();
        var inputs = Enumerable.Range(0, 3).Select(i => (InputBinding)new InputBinding.Mapped(i, DType.Float32, 0, 0)).ToList();
        var value = builder.Append(MultiplyAdd(), inputs, 0)[0];
        var prologue = builder.Build();
        var epilogue = builder.Build();
        var launcher = typeof(ReductionLauncher<,,,,,,>).MakeGenericType(prologue.Type, epilogue.Type, typeof(RSum),
            typeof(DFloat32), Names.Register(value), typeof(R0), typeof(S3));
        return PtxOf.Method(launcher.GetMethod("PartialSmall", Static)!, explicitlyGrouped: true);
    }

    private static ScalarProgram MultiplyAdd()
    {
        var p = new ScalarProgramBuilder();
        var product = p.Binary(BinaryOp.Mul, p.Load(1, DType.Float32), p.Load(2, DType.Float32));
        return p.Build(p.Binary(BinaryOp.Add, p.Load(0, DType.Float32), product));
    }

    private static string CompileElementwise(ScalarProgram program, int inputs, string entry, bool contiguous = true,
        DType dtype = DType.Float32)
    {
        var builder = new StepBuilder();
        var bindings = Enumerable.Range(0, inputs)
            .Select(i => (InputBinding)new InputBinding.Mapped(i, dtype, 0, contiguous ? 0 : -1)).ToList();
        var results = builder.Append(program, bindings, 0);
        builder.AppendStore(results[0], new OutputBinding(inputs, dtype));
        var launcher = typeof(ElementwiseLauncher<>).MakeGenericType(builder.Build().Type);
        return PtxOf.Method(launcher.GetMethod(entry, Static)!, explicitlyGrouped: false);
    }
}
