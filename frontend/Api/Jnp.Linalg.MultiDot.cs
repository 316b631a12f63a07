using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.multi_dot: the product of two or more arrays, multiplied in the order that needs the fewest
        /// scalar multiplications (the matrix-chain dynamic programme). The first may be a vector (a row) and the last
        /// a vector (a column), which the result then lacks; every other one must be a matrix.
        /// </summary>
        /// <exception cref="ArgumentException">fewer than two arrays.</exception>
        /// <exception cref="ShapeException">an array of the wrong rank, or neighbours whose sizes do not match.</exception>
        public static NDArray MultiDot(params NDArray[] arrays)
        {
            if (arrays.Length < 2) throw new ArgumentException($"multi_dot: expected at least two arrays, got {arrays.Length}", nameof(arrays));
            var last = arrays.Length - 1;
            var matrices = arrays.Select((a, i) =>
            {
                if (i == 0 && a.Ndim == 1) return a.Reshape(1, a.Shape[0]);
                if (i == last && a.Ndim == 1) return a.Reshape(a.Shape[0], 1);
                if (a.Ndim != 2)
                    throw new ShapeException($"multi_dot: array {i} must be a matrix{(i == 0 || i == last ? " or a vector" : "")}, got shape {Shapes.Format(a.Shape)}");
                return a;
            }).ToArray();
            for (var i = 0; i < last; i++)
                if (matrices[i].Shape[1] != matrices[i + 1].Shape[0])
                    throw new ShapeException($"multi_dot: arrays {i} and {i + 1} do not fit: shapes {Shapes.Format(arrays[i].Shape)} and {Shapes.Format(arrays[i + 1].Shape)}");
            var split = ChainOrder(matrices);
            var result = MultiplyChain(matrices, split, 0, last);
            int[] shape = [.. arrays[0].Ndim == 1 ? [] : new[] { result.Shape[0] }, .. arrays[last].Ndim == 1 ? [] : new[] { result.Shape[1] }];
            return result.Reshape(shape);
        }

        // split[i, j]: where the best product of matrices i..j divides (the last matrix of its left part).
        private static int[,] ChainOrder(NDArray[] matrices)
        {
            var n = matrices.Length;
            long[] dims = [.. matrices.Select(m => (long)m.Shape[0]), matrices[^1].Shape[1]];
            var cost = new long[n, n];
            var split = new int[n, n];
            for (var length = 1; length < n; length++)
                for (var i = 0; i + length < n; i++)
                {
                    var j = i + length;
                    cost[i, j] = long.MaxValue;
                    for (var k = i; k < j; k++)
                    {
                        var c = cost[i, k] + cost[k + 1, j] + dims[i] * dims[k + 1] * dims[j + 1];
                        if (c < cost[i, j]) (cost[i, j], split[i, j]) = (c, k);
                    }
                }
            return split;
        }

        private static NDArray MultiplyChain(NDArray[] matrices, int[,] split, int i, int j) =>
            i == j ? matrices[i] : Matmul(MultiplyChain(matrices, split, i, split[i, j]), MultiplyChain(matrices, split, split[i, j] + 1, j));
    }
}
