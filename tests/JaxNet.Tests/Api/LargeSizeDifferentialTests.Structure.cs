using static JaxNet.Tests.Api.LargeSizeReference;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>Concatenation, padding, stacking, broadcasting and transposition of large arrays: copies whose operands are
/// read a padded row at a time, short rows moved innermost, and blocked transposed copies.</summary>
public partial class LargeSizeDifferentialTests
{
    /// <summary>The element of <paramref name="x"/> at coordinates <paramref name="at"/>.</summary>
    private static double At(HostArray x, int[] at)
    {
        var flat = 0;
        for (var d = 0; d < at.Length; d++) flat = flat * x.Shape[d] + at[d];
        return x.Values[flat];
    }

    /// <summary>An array of <paramref name="shape"/> whose element at each coordinate is <paramref name="value"/> of them.</summary>
    private static HostArray Build(int[] shape, Func<int[], double> value)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        var values = new double[n];
        var index = new int[shape.Length];
        for (var i = 0; i < n; i++)
        {
            values[i] = value(index);
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return new HostArray(values, shape);
    }

    [Fact]
    public void ConcatenatePadAndStackOfLargeArrays()
    {
        int[][] shapes = [[1031, 263], [3, 87383], [87383, 3], [7, 20011, 3]];
        foreach (var shape in shapes)
        {
            var a = HostArray.Wave(shape, phase: 18).RoundedTo(DType.Float32);
            var b = HostArray.Wave(shape, phase: 19).RoundedTo(DType.Float32);
            var (x, y) = (a.ToDevice(), b.ToDevice());
            var name = Text(shape);
            for (var axis = 0; axis < shape.Length; axis++)
            {
                var d = axis;
                // [a, 2b, a] along the axis.
                var catShape = shape.Select((e, k) => k == d ? 3 * e : e).ToArray();
                var cat = Build(catShape, at =>
                {
                    var part = at[d] / shape[d];
                    var source = (int[])at.Clone();
                    source[d] %= shape[d];
                    return part == 1 ? 2 * At(b, source) : At(a, source);
                });
                NDArray Cat(NDArray p, NDArray q) => Jnp.Concatenate([p, q * 2f, p], d);
                Close($"concatenate {name} axis {d}, eager", cat, Cat(x, y), DType.Float32, 0);
                Close($"concatenate {name} axis {d}, jit", cat, Jax.Jit(Cat)(x, y), DType.Float32, 0);

                // Stacked at every position.
                var stackShape = shape.Take(d).Append(2).Concat(shape.Skip(d)).ToArray();
                var stack = Build(stackShape, at =>
                {
                    var source = at.Where((_, k) => k != d).ToArray();
                    return at[d] == 0 ? At(a, source) : At(b, source);
                });
                Close($"stack {name} axis {d}, eager", stack, Jnp.Stack([x, y], d), DType.Float32, 0);
                Close($"stack {name} axis {d}, jit", stack, Jax.Jit((NDArray p, NDArray q) => Jnp.Stack([p, q], d))(x, y), DType.Float32, 0);
            }

            // Padding: (1, 2) before and after the first axis, (3, 0) on the next, none on the rest, and lax.pad with
            // interior padding 1 and a negative (cropping) edge on the last axis.
            var widths = shape.Select((_, k) => k == 0 ? (1, 2) : k == 1 ? (3, 0) : (0, 0)).ToArray();
            var padShape = shape.Select((e, k) => e + widths[k].Item1 + widths[k].Item2).ToArray();
            var padded = Build(padShape, at =>
            {
                var source = at.Select((c, k) => c - widths[k].Item1).ToArray();
                return source.Where((c, k) => c < 0 || c >= shape[k]).Any() ? -1 : At(a, source);
            });
            Close($"pad {name}, eager", padded, Jnp.Pad(x, widths, -1), DType.Float32, 0);
            Close($"pad {name}, jit", padded, Jax.Jit((NDArray p) => Jnp.Pad(p, widths, -1))(x), DType.Float32, 0);
            var last = shape.Length - 1;
            var config = shape.Select((_, k) => k == last ? (0, -1, 1) : (0, 0, 0)).ToArray();
            var interiorShape = shape.Select((e, k) => k == last ? 2 * e - 2 : e).ToArray();
            var interior = Build(interiorShape, at => at[last] % 2 == 1 ? 0.5 : At(a, at.Select((c, k) => k == last ? c / 2 : c).ToArray()));
            Close($"lax.pad interior {name}, eager", interior, Lax.Pad(x, 0.5, config), DType.Float32, 0);
            Close($"lax.pad interior {name}, jit", interior, Jax.Jit((NDArray p) => Lax.Pad(p, 0.5, config))(x), DType.Float32, 0);
            // A reduction whose operand is a concatenation (read through a padded row at a time).
            var sums = Sum(Build(shape.Select((e, k) => k == 0 ? 2 * e : e).ToArray(), at =>
                at[0] < shape[0] ? At(a, at) : At(b, at.Select((c, k) => k == 0 ? c - shape[0] : c).ToArray())), [0]);
            Close($"sum of a concatenation {name}, jit", sums, Jax.Jit((NDArray p, NDArray q) => Jnp.Sum(Jnp.Concatenate([p, q], 0), 0))(x, y),
                DType.Float32, 1e-5);
        }
    }

    [Fact]
    public void BroadcastingAColumnAgainstShortRowsOfEveryWidth()
    {
        for (var k = 1; k <= 17; k++)
        {
            // Just over 2^17 points, with an odd number of rows.
            var n = ((1 << 17) + k - 1) / k | 1;
            var column = HostArray.Wave([n, 1], phase: 20 + k).RoundedTo(DType.Float32);
            var rows = HostArray.Wave([n, k], phase: 21).RoundedTo(DType.Float32);
            var (c, r) = (column.ToDevice(), rows.ToDevice());
            var width = k;
            var expected = Build([n, k], at => column.Values[at[0]] * 3 - rows.Values[at[0] * width + at[1]] * column.Values[at[0]]);
            var outer = Build([n, k], at => column.Values[at[0]] + at[1]);
            NDArray F(NDArray p, NDArray q) => p * 3f - q * p;
            Close($"[{n}, 1] against [{n}, {k}], eager", expected, F(c, r), DType.Float32, 1e-6);
            Close($"[{n}, 1] against [{n}, {k}], jit", expected, Jax.Jit(F)(c, r), DType.Float32, 1e-6);
            Close($"[{n}, 1] + [1, {k}] (an outer sum), jit", outer,
                Jax.Jit((NDArray p) => p + Jnp.Arange(width).Astype(DType.Float32).Reshape(1, width))(c), DType.Float32, 1e-6);
        }
    }

    [Fact]
    public void TransposesOfLargeArrays()
    {
        int[][] shapes = [[1031, 263], [87383, 3], [3, 87383], [37, 61, 67], [7, 20011, 3], [6, 17, 35, 41], [129, 3, 1, 257]];
        foreach (var shape in shapes)
        {
            var host = HostArray.Wave(shape, phase: 22).RoundedTo(DType.Float32);
            var x = host.ToDevice();
            foreach (var permutation in Permutations(shape.Length).Where(p => !p.SequenceEqual(Enumerable.Range(0, shape.Length))))
            {
                var perm = permutation;
                var expected = Transpose(host, perm);
                EagerAndJit($"transpose {Text(shape)} by ({string.Join(", ", perm)})", v => Jnp.Transpose(v, perm), x,
                    (what, r) => Close(what, expected, r, DType.Float32, 0));
            }
        }
    }

    [Fact]
    public void FlipsRollsStridedSlicesAndRepeats()
    {
        int[][] shapes = [[1031, 263], [87383, 3], [7, 20011, 3], [6, 17, 35, 41]];
        foreach (var shape in shapes)
        {
            var host = HostArray.Wave(shape, phase: 36).RoundedTo(DType.Float32);
            var x = host.ToDevice();
            var name = Text(shape);
            for (var axis = 0; axis < shape.Length; axis++)
            {
                var a = axis;
                // Negative strides: the flip, its column sums, and its transpose (a copy reading backwards).
                var flipped = Build(shape, at => At(host, at.Select((c, k) => k == a ? shape[k] - 1 - c : c).ToArray()));
                EagerAndJit($"flip {name} axis {a}", v => Jnp.Flip(v, a), x, (what, r) => Close(what, flipped, r, DType.Float32, 0));
                var reversedAxes = Enumerable.Range(0, shape.Length).Reverse().ToArray();
                Close($"flip {name} axis {a}, transposed, jit", Transpose(flipped, reversedAxes),
                    Jax.Jit((NDArray v) => Jnp.Transpose(Jnp.Flip(v, a)))(x), DType.Float32, 0);
                Close($"sum(flip) {name} axis {a} over axis 0, jit", Sum(flipped, [0]), Jax.Jit((NDArray v) => Jnp.Sum(Jnp.Flip(v, a), 0))(x),
                    DType.Float32, 2e-6, AbsSum(flipped, [0]).Values);
                var shift = shape[a] / 3 + 1;
                var rolled = Build(shape, at => At(host, at.Select((c, k) => k == a ? (c - shift + shape[k]) % shape[k] : c).ToArray()));
                EagerAndJit($"roll {name} axis {a} by {shift}", v => Jnp.Roll(v, shift, a), x, (what, r) => Close(what, rolled, r, DType.Float32, 0));
                // Every third element from 1 on: a strided slice, squared (an elementwise kernel on a strided operand).
                var start = shape.Select((_, k) => k == a ? 1 : 0).ToArray();
                var step = shape.Select((_, k) => k == a ? 3 : 1).ToArray();
                var sliceShape = shape.Select((e, k) => k == a ? (e + 1) / 3 : e).ToArray();
                var strided = Build(sliceShape, at => Math.Pow(At(host, at.Select((c, k) => k == a ? 1 + 3 * c : c).ToArray()), 2));
                EagerAndJit($"square of a strided slice {name} axis {a}", v => Jnp.Square(Lax.Slice(v, start, shape, step)), x,
                    (what, r) => Close(what, strided, r, DType.Float32, 1e-6));
            }
            // Repeat (a broadcast reshaped: an operand no strides describe) along the first axis.
            var repeated = Build(shape.Select((e, k) => k == 0 ? 2 * e : e).ToArray(), at => At(host, at.Select((c, k) => k == 0 ? c / 2 : c).ToArray()));
            EagerAndJit($"repeat {name} twice along axis 0", v => Jnp.Repeat(v, 2, 0), x, (what, r) => Close(what, repeated, r, DType.Float32, 0));
        }
    }

    private static IEnumerable<int[]> Permutations(int n) =>
        n == 1 ? [[0]] : Permutations(n - 1).SelectMany(p => Enumerable.Range(0, n).Select(i => p.Take(i).Append(n - 1).Concat(p.Skip(i)).ToArray()));
}
