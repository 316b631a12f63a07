using System.Numerics;
using System.Runtime.InteropServices;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>
/// Concatenate, stack and constant pad, eager and jitted, equal a host reference byte for byte (NaN payloads and -0.0
/// included) along every axis, for float32, float64, int32, uint8 and bool, with empty and one-element pieces, odd
/// lengths, cropping and interior padding, and sizes large enough to be split over the cores. The cpu backend writes
/// these as block copies; a fused scale after the join keeps the generated code and must agree too.
/// </summary>
public class JoinAndPadExactTests
{
    public static TheoryData<DType> DTypes => new() { DType.Float32, DType.Float64, DType.Int32, DType.UInt8, DType.Bool };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void ConcatenationAlongEveryAxis(DType dtype)
    {
        foreach (var (shapes, axis) in new (int[][], int)[]
        {
            ([[3, 5], [3, 7]], 1),
            ([[4, 3], [1, 3], [0, 3], [5, 3]], 0),
            ([[2, 3, 4], [2, 1, 4], [2, 0, 4], [2, 5, 4]], 1),
            ([[2, 3, 1], [2, 3, 4]], 2),
            ([[1], [1], [1]], 0),
            ([[300, 301], [300, 200]], 1), // past the parallel threshold: split by rows
            ([[2, 40001], [2, 3]], 1), // two long rows: split within them
            ([[300, 301], [201, 301]], 0), // one merged row
        })
        {
            var pieces = shapes.Select((s, i) => Values(dtype, s, i)).ToArray();
            var expected = ConcatenateOnHost(pieces, axis);
            var arrays = pieces.Select(p => p.Array).ToArray();
            AssertSame(expected, Jnp.Concatenate(arrays, axis));
            AssertSame(expected, Jax.Jit(xs => [Jnp.Concatenate(xs, axis)], arrays.Length)(arrays)[0]);
        }
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void StackingAlongEveryAxis(DType dtype)
    {
        foreach (var axis in new[] { 0, 1, 2 })
        {
            var pieces = Enumerable.Range(0, 3).Select(i => Values(dtype, [3, 5], i)).ToArray();
            var expanded = pieces.Select(p => p with { Shape = p.Shape.Take(axis).Append(1).Concat(p.Shape.Skip(axis)).ToArray() }).ToArray();
            var expected = ConcatenateOnHost(expanded, axis);
            var arrays = pieces.Select(p => p.Array).ToArray();
            AssertSame(expected, Jnp.Stack(arrays, axis));
            AssertSame(expected, Jax.Jit(xs => [Jnp.Stack(xs, axis)], arrays.Length)(arrays)[0]);
        }
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void StackingAlongANewLastAxisInterleavesTheMembers(DType dtype)
    {
        foreach (var (shape, members) in new (int[], int)[] { ([301, 257], 3), ([7, 33], 2), ([0, 5], 3), ([1], 4) })
        {
            var pieces = Enumerable.Range(0, members).Select(i => Values(dtype, shape, i)).ToArray();
            var expanded = pieces.Select(p => p with { Shape = [.. p.Shape, 1] }).ToArray();
            var expected = ConcatenateOnHost(expanded, shape.Length);
            var arrays = pieces.Select(p => p.Array).ToArray();
            AssertSame(expected, Jnp.Stack(arrays, -1));
            AssertSame(expected, Jax.Jit(xs => [Jnp.Stack(xs, -1)], arrays.Length)(arrays)[0]);
        }
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void ConcatenatingATransposedMember(DType dtype)
    {
        // concatenate([x.T, y], 1) with x stored [cols, rows]: odd sizes (ragged tiles), then past the parallel threshold.
        foreach (var (rows, cols, tail) in new[] { (37, 45, 6), (1, 9, 2), (9, 1, 3), (0, 4, 2), (600, 333, 7) })
        {
            var x = Values(dtype, [cols, rows], 1);
            var y = Values(dtype, [rows, tail], 2);
            var expected = ConcatenateOnHost([TransposeOnHost(x), y], 1);
            AssertSame(expected, Jax.Jit((NDArray a, NDArray b) => Jnp.Concatenate([Jnp.Transpose(a), b], 1))(x.Array, y.Array));
        }
    }

    [Fact]
    public void ComplexMembersStackOnALastAxisAndJoinTransposed()
    {
        // complex64 is planar inside kernels: each part is stacked and transposed as a float32 array.
        var (rows, cols) = (37, 45);
        Complex Value(int seed, int i) => new(i * 0.5 + seed, -i - seed * 0.25);
        var x = Jnp.Reshape(Jnp.Array(Enumerable.Range(0, rows * cols).Select(i => Value(1, i)).ToArray()), cols, rows);
        var y = Jnp.Reshape(Jnp.Array(Enumerable.Range(0, rows * cols).Select(i => Value(2, i)).ToArray()), cols, rows);
        var stacked = Enumerable.Range(0, rows * cols).SelectMany(i => new[] { Value(1, i), Value(2, i) }).ToArray();
        Near(stacked, Jax.Jit((NDArray a, NDArray b) => Jnp.Stack([a, b], -1))(x, y), shape: [cols, rows, 2], tol: 0);
        var joined = Enumerable.Range(0, rows).SelectMany(r =>
            Enumerable.Range(0, cols).Select(c => Value(1, c * rows + r)).Concat(Enumerable.Range(0, rows).Select(c => Value(2, r * rows + c)))).ToArray();
        var square = Jnp.Reshape(y.Reshape(-1)[..(rows * rows)], rows, rows);
        Near(joined, Jax.Jit((NDArray a, NDArray b) => Jnp.Concatenate([Jnp.Transpose(a), b], 1))(x, square), shape: [rows, cols + rows], tol: 0);
    }

    [Theory]
    [InlineData(DType.Float32, double.NaN)]
    [InlineData(DType.Float32, -0.0)]
    [InlineData(DType.Float64, 2.5)]
    [InlineData(DType.Int32, -7)]
    [InlineData(DType.UInt8, 200)]
    [InlineData(DType.Bool, 1)]
    public void ConstantPaddingCroppingAndInteriorPadding(DType dtype, double value)
    {
        foreach (var (shape, config) in new (int[], (int, int, int)[])[]
        {
            ([6, 9], [(-1, 3, 0), (2, -4, 0)]),
            ([6, 9], [(2, 0, 0), (0, 0, 0)]),
            ([4, 3, 5], [(0, 0, 0), (4, 2, 0), (0, 0, 0)]),
            ([5, 4], [(1, -2, 2), (0, 1, 1)]),
            ([0, 3], [(2, 1, 0), (1, 0, 0)]),
            ([500, 300], [(3, 1, 0), (0, 5, 0)]),
        })
        {
            var x = Values(dtype, shape, 7);
            var expected = PadOnHost(x, config, value);
            AssertSame(expected, Jax.Lax.Pad(x.Array, value, config));
            AssertSame(expected, Jax.Jit((NDArray a) => Jax.Lax.Pad(a, value, config))(x.Array));
        }
    }

    [Fact]
    public void ArithmeticFusedAfterAJoinStillAgrees()
    {
        var (x, y) = (Values(DType.Float32, [300, 301], 1), Values(DType.Float32, [300, 200], 2));
        var joined = ConcatenateOnHost([x, y], 1);
        var scaled = MemoryMarshal.Cast<byte, float>(joined.Bytes).ToArray().Select(v => v * 2).ToArray();
        var got = Jax.Jit((NDArray a, NDArray b) => Jnp.Concatenate([a, b], 1) * 2)(x.Array, y.Array).ToArray<float>();
        Assert.Equal(MemoryMarshal.AsBytes(scaled.AsSpan()).ToArray(), MemoryMarshal.AsBytes(got.AsSpan()).ToArray());
    }

    [Fact]
    public void BadInput()
    {
        Assert.Throws<ArgumentException>(() => Jnp.Concatenate(Array.Empty<NDArray>()));
        Assert.Throws<ArgumentException>(() => Jnp.Stack(Array.Empty<NDArray>()));
        Assert.Throws<ShapeException>(() => Jnp.Concatenate([Jnp.Zeros([2, 3]), Jnp.Zeros([3, 3])], 1));
        Assert.Throws<ShapeException>(() => Jnp.Stack([Jnp.Zeros([2, 3]), Jnp.Zeros([2, 4])]));
        Assert.Throws<ShapeException>(() => Jax.Lax.Concatenate([Jnp.Zeros([2]), Jnp.Zeros([2], DType.Int32)], 0));
        Assert.Throws<ShapeException>(() => Jax.Lax.Concatenate([Jnp.Zeros([2]), Jnp.Zeros([2])], 1));
        Assert.Throws<ShapeException>(() => Jnp.Pad(Jnp.Zeros([2, 2]), [(1, 1), (1, 1), (1, 1)]));
        Assert.Throws<ShapeException>(() => Jax.Lax.Pad(Jnp.Zeros([2]), 0, [(-2, -1, 0)]));
    }

    /// <summary>A host array and its device copy: row-major bytes of <see cref="Shape"/> in <see cref="DType"/>.</summary>
    private sealed record HostArray(DType DType, int[] Shape, byte[] Bytes, NDArray Array);

    /// <summary>Varied values, NaN and -0.0 among the floats; Bool holds 0 or 1.</summary>
    private static HostArray Values(DType dtype, int[] shape, int seed)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var random = new Random(seed);
        NDArray array;
        byte[] bytes;
        switch (dtype)
        {
            case DType.Float32:
                var floats = Enumerable.Range(0, count).Select(i => i % 11 == 3 ? float.NaN : i % 13 == 5 ? -0f : random.NextSingle() - 0.5f).ToArray();
                (array, bytes) = (Jnp.FromHost<float>(floats, shape, dtype), MemoryMarshal.AsBytes(floats.AsSpan()).ToArray());
                break;
            case DType.Float64:
                var doubles = Enumerable.Range(0, count).Select(i => i % 11 == 3 ? double.NaN : i % 13 == 5 ? -0d : random.NextDouble() - 0.5).ToArray();
                (array, bytes) = (Jnp.FromHost<double>(doubles, shape, dtype), MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray());
                break;
            case DType.Int32:
                var ints = Enumerable.Range(0, count).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
                (array, bytes) = (Jnp.FromHost<int>(ints, shape, dtype), MemoryMarshal.AsBytes(ints.AsSpan()).ToArray());
                break;
            case DType.UInt8:
                var octets = Enumerable.Range(0, count).Select(_ => (byte)random.Next(256)).ToArray();
                (array, bytes) = (Jnp.FromHost<byte>(octets, shape, dtype), octets);
                break;
            default:
                var flags = Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
                (array, bytes) = (Jnp.FromHost<bool>(flags, shape, dtype), flags.Select(f => f ? (byte)1 : (byte)0).ToArray());
                break;
        }
        return new HostArray(dtype, shape, bytes, array);
    }

    private static void AssertSame(HostArray expected, NDArray actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.DType, actual.DType);
        var got = expected.DType switch
        {
            DType.Float32 => MemoryMarshal.AsBytes(actual.ToArray<float>().AsSpan()).ToArray(),
            DType.Float64 => MemoryMarshal.AsBytes(actual.ToArray<double>().AsSpan()).ToArray(),
            DType.Int32 => MemoryMarshal.AsBytes(actual.ToArray<int>().AsSpan()).ToArray(),
            DType.UInt8 => actual.ToArray<byte>(),
            _ => actual.ToArray<bool>().Select(f => f ? (byte)1 : (byte)0).ToArray(),
        };
        Assert.Equal(expected.Bytes, got);
    }

    /// <summary>A matrix's transpose, element by element.</summary>
    private static HostArray TransposeOnHost(HostArray x)
    {
        var (rows, cols, size) = (x.Shape[0], x.Shape[1], x.DType.SizeOf());
        var bytes = new byte[x.Bytes.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                x.Bytes.AsSpan((r * cols + c) * size, size).CopyTo(bytes.AsSpan((c * rows + r) * size));
        return x with { Shape = [cols, rows], Bytes = bytes };
    }

    /// <summary>Pieces laid one after another along <paramref name="axis"/>, element by element.</summary>
    private static HostArray ConcatenateOnHost(HostArray[] pieces, int axis)
    {
        var size = pieces[0].DType.SizeOf();
        var shape = pieces[0].Shape.ToArray();
        shape[axis] = pieces.Sum(p => p.Shape[axis]);
        var outer = shape.Take(axis).Aggregate(1, (a, b) => a * b);
        var inner = shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var bytes = new List<byte>();
        for (var o = 0; o < outer; o++)
            foreach (var piece in pieces)
            {
                var run = piece.Shape[axis] * inner * size;
                bytes.AddRange(piece.Bytes.AsSpan(o * run, run).ToArray());
            }
        return new HostArray(pieces[0].DType, shape, bytes.ToArray(), pieces[0].Array);
    }

    /// <summary>lax.pad's definition: element i of x lands at low + i·(interior + 1) along each axis, if inside.</summary>
    private static HostArray PadOnHost(HostArray x, (int Low, int High, int Interior)[] config, double value)
    {
        var size = x.DType.SizeOf();
        var rank = x.Shape.Length;
        var shape = x.Shape.Select((n, d) => config[d].Low + config[d].High + n + Math.Max(0, n - 1) * config[d].Interior).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var fill = x.DType switch
        {
            DType.Float32 => BitConverter.GetBytes((float)value),
            DType.Float64 => BitConverter.GetBytes(value),
            DType.Int32 => BitConverter.GetBytes((int)value),
            _ => [(byte)value],
        };
        var bytes = new byte[count * size];
        for (var k = 0; k < count; k++) fill.CopyTo(bytes, k * size);
        var source = new int[rank];
        var total = x.Shape.Aggregate(1, (a, b) => a * b);
        for (var k = 0; k < total; k++)
        {
            var (rest, target, inside) = (k, 0, true);
            for (var d = rank - 1; d >= 0; d--)
            {
                source[d] = rest % x.Shape[d];
                rest /= x.Shape[d];
            }
            for (var d = 0; d < rank; d++)
            {
                var at = config[d].Low + source[d] * (config[d].Interior + 1);
                inside &= at >= 0 && at < shape[d];
                target = target * shape[d] + at;
            }
            if (inside) Array.Copy(x.Bytes, k * size, bytes, target * size, size);
        }
        return new HostArray(x.DType, shape, bytes, x.Array);
    }
}
