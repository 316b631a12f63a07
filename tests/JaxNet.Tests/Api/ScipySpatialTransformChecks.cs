namespace JaxNet.Tests.Api;

/// <summary>
/// Float64 references for the jax.scipy.spatial.transform tests, computed on the host from first principles: the three
/// axis matrices, Rodrigues' formula, and matrix products.
/// </summary>
internal static class SpatialChecks
{
    /// <summary>The rotation by <paramref name="angle"/> about coordinate axis <paramref name="axis"/> (0 x, 1 y, 2 z).</summary>
    public static double[,] AxisMatrix(int axis, double angle)
    {
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        return axis switch
        {
            0 => new[,] { { 1, 0, 0 }, { 0, c, -s }, { 0, s, c } },
            1 => new[,] { { c, 0, s }, { 0, 1, 0 }, { -s, 0, c } },
            _ => new[,] { { c, -s, 0 }, { s, c, 0 }, { 0, 0, 1 } },
        };
    }

    public static double[,] Product(double[,] a, double[,] b)
    {
        var result = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                for (var k = 0; k < 3; k++) result[i, j] += a[i, k] * b[k, j];
        return result;
    }

    public static double[,] Transpose(double[,] a)
    {
        var result = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) result[i, j] = a[j, i];
        return result;
    }

    public static double[] Times(double[,] a, double[] v) =>
        [.. Enumerable.Range(0, 3).Select(i => a[i, 0] * v[0] + a[i, 1] * v[1] + a[i, 2] * v[2])];

    /// <summary>Rodrigues' formula: R = I + sin θ K + (1 - cos θ) K² for the unit axis's cross-product matrix K.</summary>
    public static double[,] Rodrigues(double[] rotvec)
    {
        var angle = Math.Sqrt(rotvec.Sum(x => x * x));
        var result = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        if (angle == 0) return result;
        var (x, y, z) = (rotvec[0] / angle, rotvec[1] / angle, rotvec[2] / angle);
        var k = new[,] { { 0, -z, y }, { z, 0, -x }, { -y, x, 0 } };
        var k2 = Product(k, k);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) result[i, j] += Math.Sin(angle) * k[i, j] + (1 - Math.Cos(angle)) * k2[i, j];
        return result;
    }

    /// <summary>The rotation of a unit quaternion (x, y, z, w) by way of its axis and angle, not the quaternion formula.</summary>
    public static double[,] QuaternionMatrix(double[] q)
    {
        var norm = Math.Sqrt(q.Sum(x => x * x));
        var (x, y, z, w) = (q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm);
        var sine = Math.Sqrt(x * x + y * y + z * z);
        if (sine == 0) return Rodrigues([0, 0, 0]);
        var angle = 2 * Math.Atan2(sine, w);
        return Rodrigues([x / sine * angle, y / sine * angle, z / sine * angle]);
    }

    /// <summary>
    /// The matrix of an Euler sequence: extrinsic ("xyz") rotations multiply on the left as they come, intrinsic ("XYZ")
    /// ones on the right.
    /// </summary>
    public static double[,] EulerMatrix(string seq, double[] angles)
    {
        var intrinsic = char.IsUpper(seq[0]);
        var result = Rodrigues([0, 0, 0]);
        for (var n = 0; n < seq.Length; n++)
        {
            var axis = AxisMatrix(char.ToLowerInvariant(seq[n]) - 'x', angles[n]);
            result = intrinsic ? Product(result, axis) : Product(axis, result);
        }
        return result;
    }

    /// <summary>Every three-axis sequence: 6 proper Euler and 6 Tait-Bryan, extrinsic then intrinsic.</summary>
    public static IEnumerable<string> AllSequences()
    {
        var lower = new[] { "xyx", "xzx", "yxy", "yzy", "zxz", "zyz", "xyz", "xzy", "yxz", "yzx", "zxy", "zyx" };
        return lower.Concat(lower.Select(s => s.ToUpperInvariant()));
    }

    public static bool IsProper(string seq) => char.ToLowerInvariant(seq[0]) == char.ToLowerInvariant(seq[2]);

    public static NDArray Array64(double[] values) => Jnp.FromHost<double>(values, [values.Length], DType.Float64);

    public static NDArray Array64(double[,] values) => Jnp.Array(values, DType.Float64);

    public static NDArray Stacked(IEnumerable<double[,]> matrices) => Jnp.Stack([.. matrices.Select(Array64)]);

    public static double[] Host(NDArray x) => x.Astype(DType.Float64).ToArray<double>();

    /// <summary>max |expected - actual| ≤ tol, shapes equal.</summary>
    public static void Close(NDArray expected, NDArray actual, double tol)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (Host(expected), Host(actual));
        var error = e.Zip(a, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
        Assert.True(error <= tol, $"max |expected - actual| = {error} > {tol}");
    }

    public static void Close(double[,] expected, NDArray actual, double tol) => Close(Array64(expected), actual, tol);

    public static void Close(double[] expected, NDArray actual, double tol) => Close(Array64(expected), actual, tol);

    /// <summary>Quaternions equal up to the sign of each one (q and -q are one rotation).</summary>
    public static void SameRotation(NDArray expected, NDArray actual, double tol)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (Host(expected), Host(actual));
        for (var start = 0; start < e.Length; start += 4)
        {
            double same = 0, opposite = 0;
            for (var i = start; i < start + 4; i++)
            {
                same = Math.Max(same, Math.Abs(e[i] - a[i]));
                opposite = Math.Max(opposite, Math.Abs(e[i] + a[i]));
            }
            Assert.True(Math.Min(same, opposite) <= tol, $"quaternion {start / 4} differs by {Math.Min(same, opposite)} > {tol} up to sign");
        }
    }

    /// <summary>Seeded uniform values in [-scale, scale).</summary>
    public static double[] Uniform(int seed, int count, double scale = 1)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => scale * (2 * rng.NextDouble() - 1))];
    }
}
