using System.Globalization;
using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Timing;

namespace JaxNet.Backends.TpuSim.Cli;

/// <summary>
/// <c>jaxnet tpu-sim gemm</c>: the timing of C[M,N] = A[M,K] x B[K,N] on one R x C systolic array, reported like
/// SCALE-Sim's COMPUTE_REPORT. Its total_cycles is SCALE-Sim's: the (0-based) cycle at which the last output is
/// written, i.e. the cycles the folds occupy minus one, plus stalls.
/// </summary>
public static class GemmCommand
{
    public const string Usage =
        "gemm --rows R --cols C --dataflow ws|os|is --m M --k K --n N [--sram big|KB,KB,KB] [--bandwidth WORDS_PER_CYCLE]\n" +
        "     [--model analytic|stepped] [--json]\n" +
        "  C[M,N] = A[M,K] x B[K,N] on one R x C systolic array, timed like SCALE-Sim v2 (weight stationary holds K x N\n" +
        "  tiles of B and streams the M rows of A; input stationary holds K x M tiles of A and streams the N columns of B;\n" +
        "  output stationary holds M x N tiles of C and streams K). --sram KB,KB,KB sizes the ifmap, filter and ofmap\n" +
        "  SRAMs (1-byte words; default big: nothing stalls); --bandwidth is the DRAM interface (default 10 words/cycle).\n" +
        "  --model stepped simulates every cell cycle by cycle (small arrays only).\n";

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        Dictionary<string, string> options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException e)
        {
            output.WriteLine($"error: {e.Message}");
            output.Write(Usage);
            return 2;
        }
        SystolicRun run;
        try
        {
            var array = new SystolicArray(Int(options, "rows"), Int(options, "cols"),
                DataflowNames.Parse(options.GetValueOrDefault("dataflow", "ws")));
            var problem = new GemmProblem(Int(options, "m"), Int(options, "k"), Int(options, "n"));
            if (array.Rows < 1 || array.Cols < 1 || problem.M < 1 || problem.K < 1 || problem.N < 1)
                throw new FormatException("rows, cols, m, k and n must be positive");
            var model = options.GetValueOrDefault("model", "analytic");
            var sram = options.GetValueOrDefault("sram", "big");
            if (model == "stepped")
            {
                if ((long)array.Rows * array.Cols * ((long)problem.M + problem.K + problem.N) > 200_000_000)
                    throw new FormatException("the stepped model is for small arrays and shapes");
                run = SteppedSystolicArray.Run(array, problem, new double[(long)problem.M * problem.K],
                    new double[(long)problem.K * problem.N]).Run;
            }
            else if (model == "analytic")
            {
                run = AnalyticSystolicModel.Run(array, problem);
            }
            else
            {
                throw new FormatException($"unknown model '{model}' (analytic or stepped)");
            }
            if (sram != "big")
            {
                var sizes = sram.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture) * 1024).ToArray();
                if (sizes.Length != 3) throw new FormatException("--sram takes big or three sizes in KB: ifmap,filter,ofmap");
                var bandwidth = double.Parse(options.GetValueOrDefault("bandwidth", "10"), CultureInfo.InvariantCulture);
                if (bandwidth <= 0) throw new FormatException("--bandwidth must be positive");
                var stalled = SramStallModel.Run(array, problem, sizes[0], sizes[1], sizes[2], bandwidth);
                run = run with { StallCycles = stalled.StallCycles, TotalCycles = run.TotalCycles + stalled.StallCycles };
            }
        }
        catch (FormatException e)
        {
            output.WriteLine($"error: {e.Message}");
            output.Write(Usage);
            return 2;
        }
        Print(run, options.ContainsKey("json"), output);
        return 0;
    }

    /// <summary>SCALE-Sim's total_cycles: the cycle index of the last write, so one less than the cycles occupied.</summary>
    public static long ScaleSimTotalCycles(SystolicRun run) => Math.Max(0, run.TotalCycles - 1);

    private static void Print(SystolicRun run, bool json, TextWriter output)
    {
        var total = ScaleSimTotalCycles(run);
        var overall = total == 0 ? 0 : 100.0 * run.Macs / ((double)total * run.ArraySize);
        string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        if (json)
        {
            output.WriteLine(
                $"{{\"total_cycles\": {total}, \"stall_cycles\": {run.StallCycles}, \"overall_util_pct\": {F(overall)}, " +
                $"\"mapping_eff_pct\": {F(100 * run.MappingEfficiency)}, \"compute_util_pct\": {F(100 * run.ComputeUtilization)}}}");
            return;
        }
        output.WriteLine($"total cycles:        {total}");
        output.WriteLine($"stall cycles:        {run.StallCycles}");
        output.WriteLine($"overall utilization: {F(overall)} %");
        output.WriteLine($"mapping efficiency:  {F(100 * run.MappingEfficiency)} %");
        output.WriteLine($"compute utilization: {F(100 * run.ComputeUtilization)} %");
        output.WriteLine($"folds:               {run.Folds} of {run.CyclesPerFold} cycles");
    }

    private static Dictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new FormatException($"unexpected argument '{arg}'");
            var key = arg[2..];
            if (key == "json") { options[key] = "true"; continue; }
            if (i + 1 >= args.Count) throw new FormatException($"{arg} needs a value");
            options[key] = args[++i];
        }
        foreach (var required in new[] { "rows", "cols", "m", "k", "n" })
            if (!options.ContainsKey(required)) throw new FormatException($"--{required} is required");
        return options;
    }

    private static int Int(Dictionary<string, string> options, string key) =>
        int.TryParse(options[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw new FormatException($"--{key} must be an integer, got '{options[key]}'");
}
