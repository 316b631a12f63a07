using JaxNet.Bench;
using JaxNet.Bench.Peers;
using JaxNet.Bench.Report;
using JaxNet.Bench.Limits;
using JaxNet.Bench.Timing;
using JaxNet.Bench.Workloads;

// The bench runner: the machine's limits, then the peers, then JaxNet, one after another so that no two
// measurements compete for the two cores; then one table, and the JSON if asked for.
var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    if (error is not null) Console.Error.WriteLine($"bench: {error}");
    (error is null ? Console.Out : Console.Error).WriteLine(BenchOptions.Usage);
    return error is null ? 0 : 2;
}

// --backend selects the platform the way users do, before anything loads a backend.
if (options.Backend is not null) Environment.SetEnvironmentVariable("JAXNET_PLATFORMS", options.Backend);

var machine = MachineInfo.Capture();
Console.WriteLine($"JaxNet bench, {machine.Date}, {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.DotNet}" +
                  $"{(options.Quick ? ", quick" : "")}; load average {machine.LoadBefore ?? "unknown"}");

Console.WriteLine("roofline: compiling and running bench/roofline/*.c ...");
var roofline = options.Roofline ? RooflineRunner.Measure(options.Quick) : RooflineFigures.Skipped("--no-roofline");
foreach (var problem in roofline.Errors) Console.WriteLine($"  roofline: {problem}");

Console.WriteLine($"peers: running {PeerRunner.Python} peers.py ...");
var peers = options.Peers ? PeerRunner.Measure(options.Quick, options.Only) : PeerFigures.Skipped("--no-peers");
if (peers.Error is not null) Console.WriteLine($"  peers: {peers.Error}");

var rows = new List<BenchRow>();
var context = new BenchContext(options.Quick ? TimingPlan.Quick : TimingPlan.Full, options.Describe);
foreach (var workload in WorkloadCatalog.All.Where(w => options.Only is null || options.Only.Contains(w.PeerKey)))
{
    Console.WriteLine($"jaxnet: {workload.Title} ...");
    // Each row starts from a clean heap: the previous row's arrays and their finalizers are gone.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var outcome = workload.MeasureJaxNet(context);
    rows.Add(new BenchRow(workload, outcome, peers.Find(PeerFigures.NumPy, workload.PeerKey),
        peers.Find(PeerFigures.Torch, workload.PeerKey), workload.LimitFrom(roofline)));
}
machine.LoadAfter = MachineInfo.LoadAverage();

Console.WriteLine();
Console.Write(TableWriter.Write(rows));
Console.WriteLine();
Console.WriteLine("Best of the samples for every side. Ratios are JaxNet's speed over the peer's: above 1x JaxNet is faster.");
Console.WriteLine($"Limits: FMA peak {TableWriter.Number(roofline.FmaPeakGflops)} GFLOP/s, STREAM triad {TableWriter.Number(roofline.TriadGBs)} GB/s, " +
                  $"C fused sum {TableWriter.Number(roofline.FusedSumMs)} ms, on {roofline.Threads} threads.");
foreach (var row in rows)
{
    var note = row.JaxNet.Unavailable ?? row.JaxNet.Measurement?.Note;
    Console.WriteLine($"  {row.Workload.Title}: {row.JaxNet.Implementation}: {note}" +
                      (row.Limit is null ? "" : $"; limit: {row.Limit.Basis}"));
}
foreach (var row in rows.Where(r => r.Limit is not null && r.JaxNet.Measurement is not null))
{
    var (own, limit) = (row.JaxNet.Measurement!.Best, row.Limit!.Value);
    if (row.Workload.Unit.SpeedRatio(own, limit) > 1.02)
        Console.WriteLine($"  warning: {row.Workload.Title} beats its limit: the limit was measured while the machine was busy; rerun.");
}
Console.WriteLine($"Load average before {machine.LoadBefore ?? "unknown"}, after {machine.LoadAfter ?? "unknown"}.");

if (options.JsonPath is not null)
{
    JsonReport.Write(options.JsonPath, machine, options.Quick, roofline, peers, rows);
    Console.WriteLine($"wrote {options.JsonPath}");
}
return 0;
