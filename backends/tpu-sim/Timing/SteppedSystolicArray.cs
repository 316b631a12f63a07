using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Timing;

/// <summary>
/// A cycle-stepped simulation of the array's cells: every cycle each cell latches its neighbours' registers,
/// multiplies and accumulates, and the simulation counts cycles until the last result has left the array (or, for
/// output stationary, has been accumulated in place). It computes the real product, so its data movement is
/// checked too. This is the ground truth for <see cref="AnalyticSystolicModel"/> on small arrays; its cost is
/// cycles x cells, so keep it small.
/// </summary>
public static class SteppedSystolicArray
{
    /// <summary>Runs C = A x B (A is M x K, B is K x N, row-major) and returns the timing and C (M x N).</summary>
    public static (SystolicRun Run, double[] Product) Run(SystolicArray array, GemmProblem problem, double[] a, double[] b)
    {
        var (m, k, n) = (problem.M, problem.K, problem.N);
        var product = new double[(long)m * n];
        if (m == 0 || k == 0 || n == 0) return (AnalyticSystolicModel.Run(array, problem), product);
        long cycles;
        var folds = 0L;
        switch (array.Dataflow)
        {
            case Dataflow.WeightStationary:
                // Stationary W[r][c] = B[r][c] (K x N), streamed X[t][r] = A[t][r]; output Y[t][c] -> C[t][c].
                cycles = RunStationary(array, k, n, m,
                    (r, c) => b[(long)r * n + c], (t, r) => a[(long)t * k + r],
                    (t, c, v) => product[(long)t * n + c] += v, ref folds);
                break;
            case Dataflow.InputStationary:
                // Stationary W[r][c] = A[c][r] (K x M), streamed X[t][r] = B[r][t]; output Y[t][c] -> C[c][t].
                cycles = RunStationary(array, k, m, n,
                    (r, c) => a[(long)c * k + r], (t, r) => b[(long)r * n + t],
                    (t, c, v) => product[(long)c * n + t] += v, ref folds);
                break;
            default:
                cycles = RunOutputStationary(array, a, b, m, k, n, product, ref folds);
                break;
        }
        var analytic = AnalyticSystolicModel.Run(array, problem);
        var run = analytic with { TotalCycles = cycles, Folds = folds };
        return (run, product);
    }

    /// <summary>
    /// Weight (or input) stationary: the stationary tile shifts in from the top edge one row per cycle; the
    /// streamed operand enters the left edge skewed by one cycle per row and moves right; partial sums move down
    /// and leave the bottom edge. Folds run column-fold-major like SCALE-Sim.
    /// </summary>
    private static long RunStationary(SystolicArray array, int rowsDim, int colsDim, int streamed,
        Func<int, int, double> stationary, Func<int, int, double> stream, Action<int, int, double> output, ref long folds)
    {
        int rows = array.Rows, cols = array.Cols;
        var weights = new double[rows, cols];
        var shadow = new double[rows, cols];
        var input = new double[rows, cols];
        var inputValid = new bool[rows, cols];
        var psum = new double[rows, cols];
        var psumValid = new bool[rows, cols];
        var tiles = new List<(int R0, int C0)>();
        for (var c0 = 0; c0 < colsDim; c0 += cols)
            for (var r0 = 0; r0 < rowsDim; r0 += rows)
                tiles.Add((r0, c0));
        folds = tiles.Count;
        long cycle = 0;

        // Shifts tile f's values into a register plane from the top, one row per call; the last row enters first,
        // so after `rows` shifts row r holds the tile's row r.
        void ShiftIn(double[,] plane, int f, int step)
        {
            var (r0, c0) = tiles[f];
            for (var r = rows - 1; r > 0; r--)
                for (var c = 0; c < cols; c++) plane[r, c] = plane[r - 1, c];
            var sourceRow = rows - 1 - step;
            for (var c = 0; c < cols; c++)
                plane[0, c] = r0 + sourceRow < rowsDim && c0 + c < colsDim ? stationary(r0 + sourceRow, c0 + c) : 0;
        }

        for (var f = 0; f < tiles.Count; f++)
        {
            var (r0, c0) = tiles[f];
            var shadowSteps = 0;
            if (!array.DoubleBufferedWeights || f == 0)
            {
                // Exposed load: nothing else happens while the tile shifts in.
                for (var step = 0; step < rows; step++, cycle++) ShiftIn(weights, f, step);
            }
            else
            {
                (weights, shadow) = (shadow, weights);
            }
            Array.Clear(input);
            Array.Clear(inputValid);
            Array.Clear(psumValid);
            var outstanding = (long)streamed * cols;
            for (var s = 0; outstanding > 0 || (array.DoubleBufferedWeights && f + 1 < tiles.Count && shadowSteps < rows); s++, cycle++)
            {
                // Hidden load of the next tile into the shadow registers.
                if (array.DoubleBufferedWeights && f + 1 < tiles.Count && shadowSteps < rows)
                    ShiftIn(shadow, f + 1, shadowSteps++);
                if (outstanding == 0) continue;
                // Latch from the bottom-right corner up so each cell reads its neighbours' previous values.
                for (var r = rows - 1; r >= 0; r--)
                    for (var c = cols - 1; c >= 0; c--)
                    {
                        bool valid;
                        double x;
                        if (c == 0)
                        {
                            var t = s - r;
                            valid = t >= 0 && t < streamed;
                            x = valid && r0 + r < rowsDim ? stream(t, r0 + r) : 0;
                        }
                        else
                        {
                            valid = inputValid[r, c - 1];
                            x = input[r, c - 1];
                        }
                        input[r, c] = x;
                        inputValid[r, c] = valid;
                        var above = r == 0 ? 0 : psum[r - 1, c];
                        psum[r, c] = above + weights[r, c] * x;
                        psumValid[r, c] = valid;
                    }
                // Results leaving the bottom edge this cycle.
                for (var c = 0; c < cols; c++)
                {
                    if (!psumValid[rows - 1, c]) continue;
                    var t = s - (rows - 1) - c;
                    if (c0 + c < colsDim) output(t, c0 + c, psum[rows - 1, c]);
                    outstanding--;
                }
            }
        }
        return cycle;
    }

    /// <summary>
    /// Output stationary: rows of A enter the left edge and columns of B the top edge, each skewed by one cycle
    /// per row or column; every cell multiplies the pair it holds and accumulates in place.
    /// </summary>
    private static long RunOutputStationary(SystolicArray array, double[] a, double[] b, int m, int k, int n,
        double[] product, ref long folds)
    {
        int rows = array.Rows, cols = array.Cols;
        var left = new double[rows, cols];
        var leftValid = new bool[rows, cols];
        var top = new double[rows, cols];
        var topValid = new bool[rows, cols];
        var acc = new double[rows, cols];
        long cycle = 0;
        folds = 0;
        for (var c0 = 0; c0 < n; c0 += cols)
            for (var r0 = 0; r0 < m; r0 += rows)
            {
                folds++;
                Array.Clear(leftValid);
                Array.Clear(topValid);
                Array.Clear(acc);
                var outstanding = (long)rows * cols * k;
                for (var s = 0; outstanding > 0; s++, cycle++)
                {
                    for (var r = rows - 1; r >= 0; r--)
                        for (var c = cols - 1; c >= 0; c--)
                        {
                            if (c == 0)
                            {
                                var p = s - r;
                                leftValid[r, c] = p >= 0 && p < k;
                                left[r, c] = leftValid[r, c] && r0 + r < m ? a[(long)(r0 + r) * k + p] : 0;
                            }
                            else
                            {
                                leftValid[r, c] = leftValid[r, c - 1];
                                left[r, c] = left[r, c - 1];
                            }
                            if (r == 0)
                            {
                                var p = s - c;
                                topValid[r, c] = p >= 0 && p < k;
                                top[r, c] = topValid[r, c] && c0 + c < n ? b[(long)p * n + c0 + c] : 0;
                            }
                            else
                            {
                                topValid[r, c] = topValid[r - 1, c];
                                top[r, c] = top[r - 1, c];
                            }
                            if (leftValid[r, c] && topValid[r, c])
                            {
                                acc[r, c] += left[r, c] * top[r, c];
                                outstanding--;
                            }
                        }
                }
                for (var r = 0; r < rows && r0 + r < m; r++)
                    for (var c = 0; c < cols && c0 + c < n; c++)
                        product[(long)(r0 + r) * n + c0 + c] = acc[r, c];
            }
        return cycle;
    }
}
