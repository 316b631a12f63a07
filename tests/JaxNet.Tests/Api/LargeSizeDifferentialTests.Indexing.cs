using static JaxNet.Tests.Api.LargeSizeReference;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>Gathers (take, take_along_axis, an index array of rank 2) and scatter-adds with many duplicate indices on
/// large arrays.</summary>
public partial class LargeSizeDifferentialTests
{
    /// <summary>Indices in [-n, n) that repeat, in no order: (i * 7919) mod 2n - n.</summary>
    private static int[] Indices(int count, int n) => Enumerable.Range(0, count).Select(i => (int)((long)i * 7919 % (2 * n)) - n).ToArray();

    [Fact]
    public void TakeAlongEitherAxisWithRepeatedAndNegativeIndices()
    {
        var (n, k) = (70001, 5);
        var host = HostArray.Wave([n, k], phase: 14).RoundedTo(DType.Float32);
        var x = host.ToDevice();
        var idx = Indices(150001, n);
        var indices = Jnp.Array(idx);
        var picked = new double[idx.Length * k];
        for (var p = 0; p < idx.Length; p++) Array.Copy(host.Values, (idx[p] + n) % n * k, picked, p * k, k);
        var rows = new HostArray(picked, [idx.Length, k]);
        Close("take axis 0, eager", rows, Jnp.Take(x, indices, 0), DType.Float32, 0);
        Close("take axis 0, jit", rows, Jax.Jit((NDArray v, NDArray i) => Jnp.Take(v, i, 0))(x, indices), DType.Float32, 0);

        var xt = Jnp.Transpose(x).BlockUntilReady();
        var columns = Transpose(rows, [1, 0]);
        Close("take axis 1, eager", columns, Jnp.Take(xt, indices, 1), DType.Float32, 0);
        Close("take axis 1, jit", columns, Jax.Jit((NDArray v, NDArray i) => Jnp.Take(v, i, 1))(xt, indices), DType.Float32, 0);

        // An index array of rank 2 (x[idx] with idx of shape [3, m]): rows gathered into [3, m, k].
        var grid = indices[..150000].Reshape(3, 50000);
        var gridRows = rows with { Values = rows.Values[..(150000 * k)], Shape = [3, 50000, k] };
        Close("take by a [3, 50000] index array, eager", gridRows, Jnp.Take(x, grid, 0), DType.Float32, 0);
        Close("take by a [3, 50000] index array, jit", gridRows, Jax.Jit((NDArray v, NDArray i) => Jnp.Take(v, i, 0))(x, grid), DType.Float32, 0);
    }

    [Fact]
    public void TakeAlongAxisOnEveryAxis()
    {
        int[] shape = [1031, 263];
        var host = HostArray.Wave(shape, phase: 15).RoundedTo(DType.Float32);
        var x = host.ToDevice();
        for (var axis = 0; axis < 2; axis++)
        {
            // Along the axis the index array is longer than the array (1.5 times): every position picked more than once.
            var indexShape = axis == 0 ? new[] { 1546, 263 } : [1031, 394];
            var n = shape[axis];
            var idx = Indices(indexShape[0] * indexShape[1], n);
            var expected = new double[idx.Length];
            for (var p = 0; p < idx.Length; p++)
            {
                var (r, c) = (p / indexShape[1], p % indexShape[1]);
                var i = (idx[p] + n) % n;
                expected[p] = axis == 0 ? host.Values[i * 263 + c] : host.Values[r * 263 + i];
            }
            var a = axis;
            var indices = Jnp.FromHost<int>(idx, indexShape, DType.Int32);
            var want = new HostArray(expected, indexShape);
            Close($"take_along_axis {a}, eager", want, Jnp.TakeAlongAxis(x, indices, a), DType.Float32, 0);
            Close($"take_along_axis {a}, jit", want, Jax.Jit((NDArray v, NDArray i) => Jnp.TakeAlongAxis(v, i, a))(x, indices), DType.Float32, 0);
        }
    }

    [Fact]
    public void ScatterAddsWithManyDuplicateIndices()
    {
        // 300001 rows of 7 added into 1000 rows (300 each), and into a large operand of 140009 rows.
        var (count, k) = (300001, 7);
        var updates = HostArray.Wave([count, k], phase: 16).RoundedTo(DType.Float32);
        foreach (var rows in new[] { 1000, 140009 })
        {
            var operand = HostArray.Wave([rows, k], phase: 17).RoundedTo(DType.Float32);
            var target = Enumerable.Range(0, count).Select(i => (int)((long)i * 7919 % rows)).ToArray();
            var sums = (double[])operand.Values.Clone();
            var scale = operand.Values.Select(Math.Abs).ToArray();
            for (var i = 0; i < count; i++)
                for (var j = 0; j < k; j++)
                {
                    sums[target[i] * k + j] += updates.Values[i * k + j];
                    scale[target[i] * k + j] += Math.Abs(updates.Values[i * k + j]);
                }
            var indices = Jnp.FromHost<int>(target, [count, 1], DType.Int32);
            NDArray F(NDArray o, NDArray i, NDArray u) => Lax.ScatterAdd(o, i, u, [1], [0], [0]);
            var expected = new HostArray(sums, [rows, k]);
            Close($"scatter-add into {rows} rows, eager", expected, F(operand.ToDevice(), indices, updates.ToDevice()), DType.Float32, 1e-6, scale);
            Close($"scatter-add into {rows} rows, jit", expected, Jax.Jit((Func<NDArray, NDArray, NDArray, NDArray>)F)(operand.ToDevice(), indices, updates.ToDevice()),
                DType.Float32, 1e-6, scale);
        }

        // Counts: every bin hit the same number of times, exactly.
        var values = Jnp.Remainder(Jnp.Arange(262144), 1024);
        Exact("bincount of 262144 values in 1024 bins", Enumerable.Repeat(256, 1024).ToArray(), [1024], Jnp.Bincount(values));
        Exact("bincount under jit", Enumerable.Repeat(256, 1024).ToArray(), [1024], Jax.Jit((NDArray v) => Jnp.Bincount(v, length: 1024))(values));
    }
}
