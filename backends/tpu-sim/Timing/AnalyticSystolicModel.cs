namespace JaxNet.Backends.TpuSim.Timing;

/// <summary>
/// The closed-form timing of a GEMM on a systolic array (the default model; constant time in the problem size).
/// The GEMM is cut into folds of at most Rows x Cols of the array's two mapped dimensions; each fold streams T
/// rows through the array:
/// <list type="bullet">
/// <item>weight and input stationary: Rows cycles to load the stationary tile, then T + Rows + Cols - 2 to stream
/// it with the skew that fills and drains the pipeline: 2R + C + T - 2 per fold (SCALE-Sim's count). With
/// double-buffered weights only the first load is exposed: R + F (R + C + T - 2).</item>
/// <item>output stationary: T + Rows + Cols - 2 per fold, the output drain overlapping the next fold.</item>
/// </list>
/// Folds run one after another; the result agrees exactly with <see cref="SteppedSystolicArray"/>.
/// </summary>
public static class AnalyticSystolicModel
{
    public static SystolicRun Run(SystolicArray array, GemmProblem problem)
    {
        var (sr, sc, t) = array.Map(problem);
        if (sr == 0 || sc == 0 || t == 0) return new SystolicRun(0, 0, 0, 0, 0, 0, 0, array.Rows * array.Cols);
        long rowFolds = Ceil(sr, array.Rows);
        long colFolds = Ceil(sc, array.Cols);
        var folds = rowFolds * colFolds;
        long r = array.Rows, c = array.Cols;
        var streaming = t + r + c - 2;
        long perFold, total;
        if (!array.HoldsOperand)
        {
            perFold = streaming;
            total = folds * perFold;
        }
        else if (array.DoubleBufferedWeights)
        {
            perFold = streaming;
            total = folds == 0 ? 0 : r + folds * perFold;
        }
        else
        {
            perFold = r + streaming;
            total = folds * perFold;
        }

        // SCALE-Sim's per-fold figures: the cycles of a fold as it counts them for utilisation are the rows of its
        // demand matrix plus the width of that matrix minus one.
        var scaleSimFoldCycles = array.HoldsOperand ? 2 * r + c + t - 2 + c - 1 : t + r + c - 2;
        double mapping = 0, compute = 0;
        for (long fr = 0; fr < rowFolds; fr++)
        {
            var rowsUsed = Math.Min(r, sr - fr * r);
            for (long fc = 0; fc < colFolds; fc++)
            {
                var colsUsed = Math.Min(c, sc - fc * c);
                var used = rowsUsed * colsUsed;
                mapping += (double)used / (r * c);
                compute += (double)used * t / ((double)r * c * scaleSimFoldCycles);
            }
        }
        return new SystolicRun(folds, perFold, total, 0,
            folds == 0 ? 0 : mapping / folds, folds == 0 ? 0 : compute / folds, problem.Macs, array.Rows * array.Cols);
    }

    private static long Ceil(long a, long b) => (a + b - 1) / b;
}
