namespace JaxNet.Backends.TpuSim.Timing;

/// <summary>
/// Stalls of a GEMM whose operands come from DRAM through double-buffered SRAMs (ifmap, filter, ofmap; sizes in
/// words). While fold f computes, the tiles fold f+1 needs are prefetched into the other half of each SRAM and
/// fold f-1's outputs are written back; a fold stalls by the DRAM time that does not fit under the previous
/// fold's compute. A tile stays resident (no refetch) while it fits in half its SRAM. The first fold's fetch and
/// the last fold's write-back are exposed. This is the simulator's own model, simpler than SCALE-Sim's
/// request-level memory system: only stall-free counts are claimed to match SCALE-Sim.
/// </summary>
public static class SramStallModel
{
    public static SystolicRun Run(SystolicArray array, GemmProblem problem, long ifmapWords, long filterWords, long ofmapWords,
        double wordsPerCycle)
    {
        var run = AnalyticSystolicModel.Run(array, problem);
        if (run.Folds == 0) return run;
        var (sr, sc, t) = array.Map(problem);
        int r = array.Rows, c = array.Cols;
        // The streamed operand's tile for a row fold is T x rowsUsed words (ifmap SRAM); the stationary tile
        // rowsUsed x colsUsed (filter SRAM); outputs T x colsUsed (ofmap SRAM). Output stationary streams both
        // operands: T x rowsUsed and T x colsUsed.
        var residentStream = new HashSet<long>();
        var residentStationary = new HashSet<long>();
        long streamResident = 0, stationaryResident = 0;
        double stall = 0, previousCompute = 0, pendingWrite = 0;
        var first = true;
        for (long fc = 0; fc * c < sc; fc++)
            for (long fr = 0; fr * r < sr; fr++)
            {
                long rowsUsed = Math.Min(r, sr - fr * r), colsUsed = Math.Min(c, sc - fc * c);
                long streamTile = t * rowsUsed;
                long stationaryTile = array.HoldsOperand ? rowsUsed * colsUsed : t * colsUsed;
                double fetch = 0;
                if (!residentStream.Contains(fr))
                {
                    fetch += streamTile;
                    if (streamResident + streamTile > ifmapWords / 2) { residentStream.Clear(); streamResident = 0; }
                    if (streamTile <= ifmapWords / 2) { residentStream.Add(fr); streamResident += streamTile; }
                }
                var key = fc * 1_000_003 + fr;
                if (!residentStationary.Contains(key))
                {
                    fetch += stationaryTile;
                    if (stationaryResident + stationaryTile > filterWords / 2) { residentStationary.Clear(); stationaryResident = 0; }
                    if (stationaryTile <= filterWords / 2) { residentStationary.Add(key); stationaryResident += stationaryTile; }
                }
                // Outputs that do not fit in half the ofmap SRAM are written through as they are produced.
                double write = t * colsUsed;
                var dram = (fetch + pendingWrite) / wordsPerCycle;
                stall += first ? fetch / wordsPerCycle : Math.Max(0, dram - previousCompute);
                first = false;
                pendingWrite = write > ofmapWords / 2 ? write - ofmapWords / 2 : write;
                previousCompute = run.CyclesPerFold;
            }
        stall += pendingWrite / wordsPerCycle;
        var stalls = (long)Math.Ceiling(stall);
        return run with { StallCycles = stalls, TotalCycles = run.TotalCycles + stalls };
    }
}
