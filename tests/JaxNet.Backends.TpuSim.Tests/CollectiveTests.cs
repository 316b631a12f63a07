using System.Text.Json;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Interconnect;
using JaxNet.Backends.TpuSim.Machine;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>Collectives over the simulated interconnect: ring order, rounding order, cycles, clocks and errors.</summary>
public class CollectiveTests
{
    private static TpuSimBackend Chips(int count, int[]? torus = null, string? trace = null) =>
        new(TpuMachine.V4 with { Interconnect = TpuMachine.V4.Interconnect with { Torus = torus ?? [] } }, count, trace);

    private static DeviceBuffer[] Put(TpuSimBackend backend, float[][] perMember) =>
        perMember.Select((values, g) =>
        {
            var buffer = backend.Allocate(g, values.Length * 4);
            backend.CopyToDevice(Bytes(values), buffer, 0).Wait();
            return buffer;
        }).ToArray();

    private static DeviceBuffer[] Empty(TpuSimBackend backend, int members, int floats) =>
        Enumerable.Range(0, members).Select(g => backend.Allocate(g, floats * 4)).ToArray();

    private static float[] Get(TpuSimBackend backend, DeviceBuffer buffer)
    {
        var bytes = new byte[buffer.ByteSize];
        backend.CopyToHost(buffer, 0, bytes).Wait();
        return Values<float>(bytes);
    }

    [Fact]
    public void TheRingWalksAFullTorusOneHopAtATime()
    {
        var torus = new TorusTopology([2, 2, 2], 8);
        int[] all = [0, 1, 2, 3, 4, 5, 6, 7];
        var ring = torus.RingOrder(all);
        Assert.Equal(1, torus.LongestRingEdge(all, ring));
        Assert.Equal(3, torus.Hops(0, 7));
        Assert.Equal(1, new TorusTopology([], 8).Hops(0, 7));
        // Three chips of an eight-chip ring: the edge back from the third to the first crosses two links.
        int[] three = [0, 1, 2];
        Assert.Equal(2, new TorusTopology([], 8).LongestRingEdge(three, new TorusTopology([], 8).RingOrder(three)));
        Assert.Throws<ArgumentException>(() => new TorusTopology([2, 2], 8));
    }

    [Fact]
    public void FloatSumsRoundInTheRingsOrder()
    {
        // One element owned by ring position 0 travels forward from member 1: ((1e8 + 1) - 1e8) + 1 = 1 in float32,
        // where adding in member order gives ((1 + 1e8) + 1) - 1e8 = 0.
        var backend = Chips(4);
        var inputs = Put(backend, [[1f], [1e8f], [1f], [-1e8f]]);
        var outputs = Empty(backend, 4, 1);
        backend.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, inputs, outputs, 1).Wait();
        Assert.All(outputs, o => Assert.Equal([1f], Get(backend, o)));
    }

    [Fact]
    public void GroupsThatFillWholeLinesOfTwoOrMoreDimensionsAreSubTori()
    {
        var torus = new TorusTopology([2, 2, 2], 8);
        Assert.Equal([2, 2, 2], torus.SubTorusOf([0, 1, 2, 3, 4, 5, 6, 7])!.Extents);
        var plane = torus.SubTorusOf([4, 5, 6, 7])!;
        Assert.Equal([2, 2], plane.Extents);
        Assert.Equal([[0, 2], [1, 3]], plane.Lines(1));
        Assert.Equal([[0, 2], [1, 3], [4, 6], [5, 7]], torus.SubTorusOf([0, 1, 2, 3, 4, 5, 6, 7])!.Lines(1));
        // A member order other than the devices' is followed: member 0 is device 7.
        Assert.Equal([3, 2, 1, 0], torus.SubTorusOf([7, 6, 5, 4])!.MemberAt);
        Assert.Null(torus.SubTorusOf([0, 1]));
        Assert.Null(torus.SubTorusOf([0, 3, 5, 6]));
        Assert.Null(new TorusTopology([], 8).SubTorusOf([0, 1, 2, 3, 4, 5, 6, 7]));
    }

    [Fact]
    public void ATorusReducesEachShardAlongItsDimensionsInTurn()
    {
        // Chips (x, y) hold 1, 1, 1e8, -1e8. Element 0 (the x-first shard): the x lines give 1 + 1 = 2 and
        // 1e8 - 1e8 = 0, then y gives 2. Element 1 (the y-first shard): the y lines give 1 + 1e8 = 1e8 and
        // 1 - 1e8 = -1e8 in float32, then x gives 0. One ring through the four chips combines in another order.
        float[][] values = [[1f, 1f], [1f, 1f], [1e8f, 1e8f], [-1e8f, -1e8f]];
        var torus = Chips(4, [2, 2]);
        var outputs = Empty(torus, 4, 2);
        torus.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, Put(torus, values), outputs, 2).Wait();
        Assert.All(outputs, o => Assert.Equal([2f, 0f], Get(torus, o)));
        var ring = Chips(4);
        var ringOutputs = Empty(ring, 4, 2);
        ring.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, Put(ring, values), ringOutputs, 2).Wait();
        Assert.All(ringOutputs, o => Assert.Equal([1f, 2f], Get(ring, o)));
    }

    [Fact]
    public void ATorusReduceScatterGivesEachMemberItsBlock()
    {
        var backend = Chips(8, [2, 2, 2]);
        var random = new Random(11);
        const int perMember = 5;
        var values = Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, 8 * perMember).Select(_ => (float)random.Next(-50, 50)).ToArray()).ToArray();
        var outputs = Empty(backend, 8, perMember);
        backend.Collectives!.ReduceScatter(ReduceOp.Sum, DType.Float32, Put(backend, values), outputs, perMember).Wait();
        for (var member = 0; member < 8; member++)
        {
            var expected = Enumerable.Range(member * perMember, perMember).Select(i => values.Sum(v => v[i])).ToArray();
            Assert.Equal(expected, Get(backend, outputs[member]));
        }
    }

    [Fact]
    public void ATorusUsesEveryLinkAndTakesFewerSteps()
    {
        var costs = new CollectiveCostModel(TpuMachine.V4);
        var torus = new TorusTopology([2, 2, 2], 8).SubTorusOf([0, 1, 2, 3, 4, 5, 6, 7])!;
        // Bandwidth-bound: three shards on three dimensions' links at once, where the ring uses one dimension's.
        var ring = costs.AllReduce(8, 1, 8 << 20, 4);
        var perDimension = costs.TorusAllReduce(torus, 8 << 20, 4);
        Assert.InRange((double)ring.Cycles / perDimension.Cycles, 2.5, 3.5);
        // Latency-bound: one step per dimension each way (6) against the ring's 2 (8 - 1) = 14.
        Assert.Equal(6, costs.TorusAllReduce(torus, 1, 4).Steps);
        Assert.Equal(3, costs.TorusReduceScatter(torus, 1, 4).Steps);
        Assert.Equal(3, costs.TorusAllGather(torus, 1, 4).Steps);
        Assert.Equal(14, costs.AllReduce(8, 1, 1, 4).Steps);
        Assert.True(costs.TorusAllReduce(torus, 1, 4).Cycles < costs.AllReduce(8, 1, 1, 4).Cycles / 2);
    }

    [Fact]
    public void AllReduceMatchesTheSumOnEveryMemberAndAliasedOutputs()
    {
        var backend = Chips(8, [2, 2, 2]);
        var random = new Random(5);
        var values = Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, 37).Select(_ => (float)random.Next(-100, 100)).ToArray()).ToArray();
        var buffers = Put(backend, values);
        backend.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, buffers, buffers, 37).Wait();
        var expected = Enumerable.Range(0, 37).Select(i => values.Sum(v => v[i])).ToArray();
        Assert.All(buffers, b => Assert.Equal(expected, Get(backend, b)));
    }

    [Fact]
    public void ReduceScatterGivesEachMemberItsBlock()
    {
        var backend = Chips(3);
        var values = new[] { new[] { 1f, 2, 3, 4, 5, 6 }, [10f, 20, 30, 40, 50, 60], [100f, 200, 300, 400, 500, 600] };
        var outputs = Empty(backend, 3, 2);
        backend.Collectives!.ReduceScatter(ReduceOp.Max, DType.Float32, Put(backend, values), outputs, 2).Wait();
        Assert.Equal([100f, 200], Get(backend, outputs[0]));
        Assert.Equal([300f, 400], Get(backend, outputs[1]));
        Assert.Equal([500f, 600], Get(backend, outputs[2]));
    }

    [Fact]
    public void MembersWaitForTheLastAndAdvanceTogether()
    {
        var backend = Chips(4);
        Run(new ContractionKernel("mm", new TensorRef(0, DType.Float32, [64, 64]), new TensorRef(1, DType.Float32, [64, 64]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2), [new byte[16384], new byte[16384]], [16384], backend);
        var busy = backend.SimulatedCycles(0);
        Assert.True(busy > 0);
        Assert.Equal(0, backend.SimulatedCycles(1));
        var buffers = Empty(backend, 4, 1 << 16);
        backend.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, buffers, buffers, 1 << 16).Wait();
        var after = Enumerable.Range(0, 4).Select(backend.SimulatedCycles).ToArray();
        Assert.All(after, c => Assert.Equal(after[0], c));
        var expected = new CollectiveCostModel(backend.Machine).AllReduce(4, 1, 1 << 16, 4).Cycles;
        Assert.Equal(busy + expected, after[0]);
    }

    [Fact]
    public void RingCyclesFollowTheLinksAndTheHops()
    {
        var costs = new CollectiveCostModel(TpuMachine.V4);
        var links = TpuMachine.V4.Interconnect;
        // 8 chips, 8M floats: 7 reduce steps and 7 gather steps, each moving half of a 1M-float block per direction.
        var big = costs.AllReduce(8, 1, 8 << 20, 4);
        var step = links.HopLatencyCycles + (long)Math.Ceiling((2L << 20) / links.LinkBytesPerCycle);
        Assert.Equal(14 * step, big.Cycles);
        Assert.Equal(14, big.Steps);
        // A longer edge costs latency, not bandwidth.
        Assert.Equal(14L * links.HopLatencyCycles, costs.AllReduce(8, 2, 8 << 20, 4).Cycles - big.Cycles);
        // A permute of neighbours is one step; across the torus it pays three hops.
        Assert.Equal(2L * links.HopLatencyCycles, costs.Permute(8, [3, 1], 1024, 4).Cycles - costs.Permute(8, [1, 1], 1024, 4).Cycles);
        Assert.Equal(0, costs.AllReduce(1, 0, 0, 4).Cycles);
    }

    [Fact]
    public void TheTraceShowsCollectivesOnEveryMembersIciTrack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tpusim-ici-{Guid.NewGuid():N}.json");
        try
        {
            var backend = Chips(2, trace: path);
            var buffers = Empty(backend, 2, 1024);
            backend.Collectives!.AllGather(DType.Float32, [buffers[0], buffers[1]], Empty(backend, 2, 2048), 1024).Wait();
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var events = json.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
            Assert.Equal(2, events.Length);
            Assert.All(events, e => Assert.Equal("ici", e.GetProperty("tid").GetString()));
            Assert.Equal([0, 1], events.Select(e => e.GetProperty("pid").GetInt32()).Order());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadGroupsAreRefused()
    {
        var backend = Chips(2);
        var a = backend.Allocate(0, 16);
        var b = backend.Allocate(1, 16);
        var collectives = backend.Collectives!;
        Assert.Throws<ArgumentException>(() => collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, a], [a, a], 4));
        Assert.Throws<ArgumentException>(() => collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, b], [a], 4));
        Assert.Throws<ArgumentException>(() => collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, b], [a, b], 5));
        Assert.Throws<ArgumentException>(() => collectives.AllReduce(ReduceOp.And, DType.Float32, [a, b], [a, b], 4));
        Assert.Throws<ArgumentException>(() => collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, b], [b, a], 4));
        Assert.Throws<ArgumentException>(() => collectives.Permute(DType.Float32, [a, b], [a, b], [new(0, 1), new(1, 1)], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => collectives.Broadcast(DType.Float32, 2, [a, b], [a, b], 4));
        Assert.Throws<ArgumentException>(() => collectives.AllGather(DType.Float32, [], [], 4));
    }

    [Fact]
    public void ATorusThatDoesNotHoldTheDevicesMakesThePluginUnavailable()
    {
        var plugin = new TpuSimPlugin();
        PluginContext Context(params (string Key, string Value)[] settings) =>
            new("tpu-sim", AppContext.BaseDirectory, settings.ToDictionary(s => s.Key, s => (string?)s.Value), _ => { });
        var error = Assert.Throws<BackendUnavailableException>(() => plugin.Create(Context(("devices", "8"), ("torus", "2x2"))));
        Assert.Contains("2x2 holds 4 chips", error.Message);
        Assert.Throws<BackendUnavailableException>(() => plugin.Create(Context(("devices", "8"), ("torus", "2xq"))));
        var ok = (TpuSimBackend)plugin.Create(Context(("devices", "8"), ("torus", "2x2x2")));
        Assert.Equal([2, 2, 2], ok.Machine.Interconnect.Torus);
        Assert.Equal(Enum.GetValues<CollectiveKind>().Length, ok.Capabilities.Collectives.Count);
    }
}
