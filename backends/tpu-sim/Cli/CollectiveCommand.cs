using System.Globalization;
using JaxNet.Backends.TpuSim.Interconnect;
using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Cli;

/// <summary>
/// <c>jaxnet tpu-sim collective</c>: what one collective costs on the simulated interconnect, for a range of
/// buffer sizes, with one ring through the chips beside the per-dimension algorithm the simulator runs on a torus.
/// Bandwidths follow nccl-tests: algbw is the buffer's bytes over the time, busbw scales it by the share of the data
/// each chip must send and receive (2 (G - 1) / G for an all-reduce, (G - 1) / G for a reduce-scatter or all-gather),
/// so it compares with a link's speed whatever the chip count.
/// </summary>
public static class CollectiveCommand
{
    public const string Usage =
        "collective --torus 2x2x2 [--op all-reduce|reduce-scatter|all-gather] [--bytes 4K,1M,64M]\n" +
        "  the simulated time of one collective (float32, every chip of the torus) for each buffer size, on one ring\n" +
        "  and, where the torus has two or more dimensions, per dimension (the algorithm the simulator runs there).\n";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TpuMachine machine)
    {
        try
        {
            var options = Parse(args);
            var extents = TpuSimPlugin.ParseTorus(options.GetValueOrDefault("torus") ?? throw new FormatException("--torus is required"));
            var op = options.GetValueOrDefault("op", "all-reduce");
            if (op is not ("all-reduce" or "reduce-scatter" or "all-gather")) throw new FormatException($"unknown --op '{op}'");
            var sizes = options.GetValueOrDefault("bytes", "4K,64K,1M,16M,256M").Split(',').Select(ParseBytes).ToArray();
            Print(machine with { Interconnect = machine.Interconnect with { Torus = extents } }, op, sizes, output);
            return 0;
        }
        catch (FormatException e)
        {
            output.WriteLine($"error: {e.Message}");
            output.Write(Usage);
            return 2;
        }
    }

    private static void Print(TpuMachine machine, string op, long[] sizes, TextWriter output)
    {
        var chips = machine.Interconnect.Torus.Aggregate(1, (product, extent) => product * extent);
        var topology = new TorusTopology(machine.Interconnect.Torus, chips);
        var devices = Enumerable.Range(0, chips).ToArray();
        var longestHop = topology.LongestRingEdge(devices, topology.RingOrder(devices));
        var torus = topology.SubTorusOf(devices);
        var costs = new CollectiveCostModel(machine);
        var busShare = op == "all-reduce" ? 2.0 * (chips - 1) / chips : (chips - 1.0) / chips;
        output.WriteLine($"{op} of float32 over {chips} chips, torus {topology.Describe()}, {machine.Name} " +
                         $"({machine.Interconnect.LinkBytesPerCycle.ToString(CultureInfo.InvariantCulture)} B/cycle per link and direction, " +
                         $"{machine.Interconnect.HopLatencyCycles} cycles per hop, {machine.ClockMHz.ToString(CultureInfo.InvariantCulture)} MHz)");
        output.WriteLine($"{"bytes",12} {"algorithm",-14} {"steps",6} {"cycles",14} {"time us",11} {"algbw GB/s",11} {"busbw GB/s",11}");
        foreach (var bytes in sizes)
        {
            var elements = Math.Max(1, bytes / 4);
            var perMember = Math.Max(1, elements / chips);
            CollectiveTiming ring = op switch
            {
                "all-reduce" => costs.AllReduce(chips, longestHop, elements, 4),
                "reduce-scatter" => costs.ReduceScatter(chips, longestHop, perMember, 4),
                _ => costs.AllGather(chips, longestHop, perMember, 4),
            };
            Row(bytes, "ring", ring);
            if (torus is null) continue;
            CollectiveTiming perDimension = op switch
            {
                "all-reduce" => costs.TorusAllReduce(torus, elements, 4),
                "reduce-scatter" => costs.TorusReduceScatter(torus, perMember, 4),
                _ => costs.TorusAllGather(torus, perMember, 4),
            };
            Row(bytes, "per-dimension", perDimension);
        }

        void Row(long bytes, string algorithm, CollectiveTiming timing)
        {
            var seconds = timing.Cycles / (machine.ClockMHz * 1e6);
            var algbw = seconds == 0 ? 0 : bytes / seconds / 1e9;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{bytes,12:N0} {algorithm,-14} {timing.Steps,6} {timing.Cycles,14:N0} {seconds * 1e6,11:F1} {algbw,11:F1} {algbw * busShare,11:F1}"));
        }
    }

    private static long ParseBytes(string text)
    {
        var t = text.Trim();
        var scale = t.EndsWith('K') ? 1L << 10 : t.EndsWith('M') ? 1L << 20 : t.EndsWith('G') ? 1L << 30 : 1;
        if (scale > 1) t = t[..^1];
        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= (4L << 30) / scale
            ? value * scale
            : throw new FormatException($"--bytes takes sizes such as 4K,1M,64M (at most 4G), got '{text}'");
    }

    private static Dictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new FormatException($"unexpected argument '{args[i]}'");
            if (i + 1 >= args.Count) throw new FormatException($"{args[i]} needs a value");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }
}
