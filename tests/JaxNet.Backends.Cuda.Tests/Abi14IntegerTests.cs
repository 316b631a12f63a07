using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Numerics;
using static JaxNet.Backends.Cuda.Tests.Abi14IntegerReference;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// int8, int16, uint16 and uint64 (ABI 1.4) against <see cref="Abi14IntegerReference"/>: every integer op on every
/// pair of edge values and every convert to and from every other dtype, first on the register ops, then in fused
/// kernels on the emulated device (whose loads and stores of 1-, 2- and 8-byte elements are what a GPU would run,
/// and whose PTX the emulated device compiles too); reductions with wraparound and unsigned order; a uint64 sort
/// across 2^63; empty arrays.
/// </summary>
public sealed class Abi14IntegerTests(Emulated emulated) : IClassFixture<Emulated>
{
    public static TheoryData<DType> New() => new(NewIntegers);

    private static readonly DType[] Every = [.. DTypeInfo.InAbi(new AbiVersion(1, 4))];

    [Theory]
    [MemberData(nameof(New))]
    public void Register_ops_match_the_reference_on_every_pair_of_edge_values(DType d)
    {
        var edges = Edges(d);
        foreach (var op in IntegerBinaryOps)
            foreach (var a in edges)
                foreach (var b in edges)
                {
                    var expected = Binary(op, d, a, b);
                    var want = op.IsComparison() ? (long)expected : Register(expected, d);
                    var actual = ScalarOps.Binary(op, d, Register(a, d), Register(b, d));
                    Assert.True(actual == want, $"{d} {op}({a}, {b}): register {actual}, expected {want}");
                }
        foreach (var op in IntegerUnaryOps)
            foreach (var a in edges)
                Assert.True(ScalarOps.Unary(op, d, Register(a, d)) == Register(Unary(op, d, a), d), $"{d} {op}({a})");
    }

    [Theory]
    [MemberData(nameof(New))]
    public void Register_converts_match_the_reference_to_and_from_every_dtype(DType d)
    {
        foreach (var other in Every)
        {
            foreach (var x in Samples(other))
                Assert.True(Registers.Convert(x, other, d) == Convert(x, other, d), $"{other} {x:X} -> {d}");
            foreach (var x in Samples(d))
                Assert.True(Registers.Convert(x, d, other) == Convert(x, d, other), $"{d} {x:X} -> {other}");
        }
    }

    [Fact]
    public void The_edges_cover_what_the_semantics_turn_on()
    {
        // Division by zero and by -1 at INT_MIN, shifts by the width and past it, and uint64 across 2^63.
        Assert.Equal(Register(-1, DType.Int8), ScalarOps.Binary(BinaryOp.Div, DType.Int8, 5, 0));
        Assert.Equal(sbyte.MinValue, ScalarOps.Binary(BinaryOp.Div, DType.Int8, sbyte.MinValue, -1));
        Assert.Equal(0, ScalarOps.Binary(BinaryOp.Rem, DType.Int16, short.MinValue, -1));
        Assert.Equal(7, ScalarOps.Binary(BinaryOp.Rem, DType.UInt16, 7, 0));
        Assert.Equal(0, ScalarOps.Binary(BinaryOp.ShiftLeft, DType.Int16, 1, 16));
        Assert.Equal(-1, ScalarOps.Binary(BinaryOp.ShiftRightArithmetic, DType.Int8, -128, 200));
        Assert.Equal(Register(ushort.MaxValue, DType.UInt16), ScalarOps.Binary(BinaryOp.ShiftRightArithmetic, DType.UInt16, 0x8000, 16));
        Assert.Equal(-1, ScalarOps.Binary(BinaryOp.Div, DType.UInt64, 9, 0));
        Assert.Equal(1, ScalarOps.Binary(BinaryOp.Div, DType.UInt64, -1, -1));
        Assert.Equal(0, ScalarOps.Binary(BinaryOp.Div, DType.UInt64, 5, -1));
        Assert.Equal(1, ScalarOps.Binary(BinaryOp.Gt, DType.UInt64, long.MinValue, long.MaxValue));
        Assert.Equal(long.MinValue, ScalarOps.Binary(BinaryOp.Max, DType.UInt64, long.MinValue, 1));
        Assert.Equal(-1, Registers.Convert(Registers.FromDouble(1e30, DType.Float32), DType.Float32, DType.UInt64));
        Assert.Equal(0, Registers.Convert(Registers.NaN(DType.Float64), DType.Float64, DType.Int16));
        Assert.Equal(BitConverter.DoubleToInt64Bits(9223372036854775808.0), Registers.Convert(long.MinValue, DType.UInt64, DType.Float64));
    }

    [Theory]
    [MemberData(nameof(New))]
    public void Binary_and_unary_ops_in_a_fused_kernel_match_the_reference(DType d)
    {
        var edges = Edges(d);
        var pairs = edges.SelectMany(a => edges.Select(b => (a, b))).ToArray();
        var xs = pairs.Select(p => Register(p.a, d)).ToArray();
        var ys = pairs.Select(p => Register(p.b, d)).ToArray();
        // Two inputs leave 14 of the 16 buffers for results: the binary ops in two kernels, the unary in a third.
        foreach (var ops in IntegerBinaryOps.Chunk(11))
        {
            var nodes = new List<ScalarNode> { new LoadNode(0, d), new LoadNode(1, d) };
            nodes.AddRange(ops.Select(op => new BinaryNode(op, 0, 1, op.IsComparison() ? DType.Bool : d)));
            var results = Run([d, d], [.. ops.Select(op => op.IsComparison() ? DType.Bool : d)], nodes, [xs, ys]);
            for (var k = 0; k < ops.Length; k++)
            {
                var resultType = ops[k].IsComparison() ? DType.Bool : d;
                var expected = Bytes(pairs.Select(p => Register(Binary(ops[k], d, p.a, p.b), resultType)), resultType);
                Assert.True(expected.SequenceEqual(results[k]), $"{d} {ops[k]} in a kernel");
            }
        }
        var unary = new List<ScalarNode> { new LoadNode(0, d) };
        unary.AddRange(IntegerUnaryOps.Select(op => new UnaryNode(op, 0, d)));
        var unaryResults = Run([d], [.. IntegerUnaryOps.Select(_ => d)], unary, [[.. edges.Select(a => Register(a, d))]]);
        for (var k = 0; k < IntegerUnaryOps.Length; k++)
            Assert.Equal(Bytes(edges.Select(a => Register(Unary(IntegerUnaryOps[k], d, a), d)), d), unaryResults[k]);
    }

    [Theory]
    [MemberData(nameof(New))]
    public void Converts_in_a_fused_kernel_match_the_reference_both_ways(DType d)
    {
        var others = Every.Where(o => o != d).ToArray();
        // From d to every other dtype: one input, twelve results.
        var samples = Samples(d);
        var from = new List<ScalarNode> { new LoadNode(0, d) };
        from.AddRange(others.Select(o => new ConvertNode(0, o)));
        var fromResults = Run([d], others, from, [samples]);
        for (var k = 0; k < others.Length; k++)
            Assert.True(Bytes(samples.Select(x => Convert(x, d, others[k])), others[k]).SequenceEqual(fromResults[k]), $"{d} -> {others[k]} in a kernel");
        // From every other dtype to d: inputs of one length (samples repeated), seven to a kernel.
        foreach (var group in others.Chunk(7))
        {
            var length = group.Max(o => Samples(o).Length);
            var inputs = group.Select(o => Enumerable.Range(0, length).Select(i => Samples(o)[i % Samples(o).Length]).ToArray()).ToArray();
            var nodes = new List<ScalarNode>();
            nodes.AddRange(group.Select((o, i) => new LoadNode(i, o)));
            nodes.AddRange(group.Select((_, i) => new ConvertNode(i, d)));
            var results = Run(group, [.. group.Select(_ => d)], nodes, inputs, firstResult: group.Length);
            for (var k = 0; k < group.Length; k++)
                Assert.True(Bytes(inputs[k].Select(x => Convert(x, group[k], d)), d).SequenceEqual(results[k]), $"{group[k]} -> {d} in a kernel");
        }
    }

    [Theory]
    [MemberData(nameof(New))]
    public void Reductions_wrap_and_order_as_the_dtype_does(DType d)
    {
        // Rows of edge values (repeated so that each row spans several of a group's threads): sums and products wrap,
        // max and min use the dtype's order (uint64 across 2^63), argmax takes the first of equal maxima.
        var edges = Edges(d);
        var columns = edges.Length * 5;
        var rows = 3;
        var values = new Int128[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                values[r, c] = edges[(c * (r + 2) + r) % edges.Length];
        var input = Bytes(Enumerable.Range(0, rows * columns).Select(i => Register(values[i / columns, i % columns], d)), d);
        foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min, ReduceOp.ArgMax })
        {
            var kernel = new ReductionKernel("r", [rows, columns], [1], [new MappedInput(0, d, IndexMap.Identity([rows, columns]))],
                ScalarProgram.Identity(d), op, d, null, 1);
            var output = op.IsArg() ? DType.Int32 : d;
            var result = emulated.Run(Module([input.Length], [rows * output.SizeOf()], kernel), input)[0];
            var expected = Enumerable.Range(0, rows).Select(r =>
            {
                var row = Enumerable.Range(0, columns).Select(c => values[r, c]).ToArray();
                return op switch
                {
                    ReduceOp.Sum => Register(row.Aggregate((Int128)0, (a, b) => Wrap(a + b, d)), d),
                    ReduceOp.Prod => Register(row.Aggregate((Int128)1, (a, b) => Wrap(a * b, d)), d),
                    ReduceOp.Max => Register(row.Max(), d),
                    ReduceOp.Min => Register(row.Min(), d),
                    _ => (long)Array.IndexOf(row, row.Max()),
                };
            });
            Assert.True(Bytes(expected, output).SequenceEqual(result), $"{op} of {d}");
        }
    }

    [Theory]
    [MemberData(nameof(New))]
    public void A_sort_orders_by_the_dtype_and_an_empty_array_issues_nothing(DType d)
    {
        var edges = Edges(d);
        var values = Enumerable.Range(0, 3 * edges.Length).Select(i => edges[(i * 7) % edges.Length]).ToArray();
        var input = Bytes(values.Select(v => Register(v, d)), d);
        var sort = new SortKernel("s", [new TensorRef(0, d, [values.Length])], 0, 1, Descending: true, Stable: true, [1]);
        var sorted = emulated.Run(Module([input.Length], [input.Length], sort), input)[0];
        Assert.Equal(Bytes(values.OrderByDescending(v => v).Select(v => Register(v, d)), d), sorted);

        // A [0]-shaped elementwise kernel and a reduction over an empty axis (the identity: 0 for a sum).
        var empty = Run([d], [d], [new LoadNode(0, d), new UnaryNode(UnaryOp.Neg, 0, d)], [[]]);
        Assert.Empty(empty[0]);
        var none = new ReductionKernel("r", [2, 0], [1], [new MappedInput(0, d, IndexMap.Identity([2, 0]))],
            ScalarProgram.Identity(d), ReduceOp.Max, d, null, 1);
        var identities = emulated.Run(Module([0], [2 * d.SizeOf()], none), Array.Empty<byte>())[0];
        Assert.Equal(Bytes([Register(Min(d), d), Register(Min(d), d)], d), identities);
    }

    // An elementwise kernel over the given inputs' length: loads, then the nodes, results from node firstResult on.
    private byte[][] Run(DType[] inputs, DType[] outputs, List<ScalarNode> nodes, long[][] values, int? firstResult = null)
    {
        var n = values[0].Length;
        var first = firstResult ?? inputs.Length;
        var program = new ScalarProgram(nodes, [.. Enumerable.Range(first, outputs.Length)]);
        var kernel = new ElementwiseKernel("k", [n],
            [.. inputs.Select((t, i) => new MappedInput(i, t, IndexMap.Identity([n])))], program,
            [.. Enumerable.Range(inputs.Length, outputs.Length)]);
        var module = Module([.. inputs.Select(t => (long)n * t.SizeOf())], [.. outputs.Select(t => (long)n * t.SizeOf())], kernel);
        return emulated.Run(module, [.. values.Select((v, i) => Bytes(v, inputs[i]))]);
    }

    private static KernelModule Module(long[] parameterBytes, long[] resultBytes, Kernel kernel)
    {
        var buffers = parameterBytes.Select((b, i) => new BufferDecl(i, BufferRole.Parameter, b))
            .Concat(resultBytes.Select((b, i) => new BufferDecl(parameterBytes.Length + i, BufferRole.Result, b))).ToList();
        return new KernelModule("m", buffers, [kernel], [.. Enumerable.Range(0, parameterBytes.Length)],
            [.. Enumerable.Range(parameterBytes.Length, resultBytes.Length)]);
    }
}
