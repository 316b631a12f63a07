using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Elementwise kernels whose short last dimension repeats along the one before it, as the frontend's complex
/// expansion writes them: complex x * y over [N, 2], each pair's parts read with strides [2, 0] at offsets 0 and 1
/// and the real or imaginary formula chosen on index 1; and [N, 4] kernels mixing such repeats with per-row values,
/// per-column tiles, contiguous inputs and both coordinates. A backend may walk them as one flat dimension
/// (cpu-simd does, with permuted loads); the results must not depend on it.
/// </summary>
internal static class ElementwisePairCases
{
    public static IEnumerable<ConformanceCase> All() => ComplexProducts().Concat(Repeats());

    private static IEnumerable<ConformanceCase> ComplexProducts()
    {
        foreach (var (dtype, n) in new[] { (DType.Float32, 1001), (DType.Float32, 7), (DType.Float64, 4099) })
        {
            int[] shape = [n, 2];
            var b = new ScalarProgramBuilder();
            var isReal = b.Binary(BinaryOp.Eq, b.Index(1), b.Const(DType.Int32, 0));
            var (xr, yr, xi, yi) = (b.Load(0, dtype), b.Load(1, dtype), b.Load(2, dtype), b.Load(3, dtype));
            var re = b.Binary(BinaryOp.Sub, b.Binary(BinaryOp.Mul, xr, yr), b.Binary(BinaryOp.Mul, xi, yi));
            var im = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, xr, yi), b.Binary(BinaryOp.Mul, xi, yr));
            var id = $"elementwise/complex-mul/{dtype.ShortName()}/pairs-{n}";
            var m = new ModuleBuilder(ModuleName(id));
            var x = m.Parameter(dtype, shape);
            var y = m.Parameter(dtype, shape);
            var output = m.Result(dtype, shape);
            MappedInput Part(int buffer, int offset) => new(buffer, dtype, new IndexMap(offset, [2, 0]));
            m.Add(new ElementwiseKernel("k0", shape, [Part(x, 0), Part(y, 0), Part(x, 1), Part(y, 1)], b.Build(b.Select(isReal, re, im)), [output]));
            // Products of numbers in [-1, 1] and their difference: a backend that fuses a multiply into the subtraction
            // (GPU compilers may) differs by a few units of 1's last place.
            var tolerance = ToleranceTable.Elementwise(dtype, OpFamily.Basic) with { Absolute = 8 * Tolerance.UnitRoundoff(dtype) };
            yield return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs,
                    g => [g.Floats(dtype, shape, -1, 1, specials: false), g.Floats(dtype, shape, -1, 1, specials: false)], tolerance)
                .Describe($"complex x * y over {n} interleaved pairs: pair broadcasts (strides [2, 0], offsets 0 and 1), select on index 1");
        }
    }

    private static IEnumerable<ConformanceCase> Repeats()
    {
        foreach (var (dtype, index) in new[] { (DType.Float32, DType.Int32), (DType.Float64, DType.Int64) })
        {
            const int rows = 257;
            int[] shape = [rows, 4];
            var b = new ScalarProgramBuilder();
            var sum = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Load(0, dtype), b.Load(1, dtype)), b.Load(2, dtype));
            sum = b.Binary(BinaryOp.Sub, sum, b.Load(3, dtype));
            var coordinates = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Index(0, index), b.Const(index, 8)), b.Index(1, index));
            var program = b.Build(b.Binary(BinaryOp.Add, sum, b.Convert(coordinates, dtype)), coordinates);
            Input[] inputs =
            [
                new(dtype, shape, new IndexMap(3, [4, 0])),                 // the last of every four, repeated
                new(dtype, [rows, 1], IndexMap.Broadcast([rows, 1], shape)), // a value per row
                new(dtype, [4], IndexMap.Broadcast([4], shape)),            // a value per column
                Contiguous(dtype, shape),
            ];
            yield return Case($"elementwise/repeats/{dtype.ShortName()}/rows-{rows}x4", dtype, shape, inputs, program,
                g => inputs.Select(i => g.Floats(dtype, i.BufferShape, -2, 2, specials: false)).ToArray(),
                ToleranceTable.Elementwise(dtype, OpFamily.Basic) with { Absolute = 8 * Tolerance.UnitRoundoff(dtype) },
                "x[:, 3:4] * w[:, None] + v[None, :] - y + (8 i + j), and 8 i + j: repeats, tiles and both coordinates of [N, 4]");
        }
    }
}
