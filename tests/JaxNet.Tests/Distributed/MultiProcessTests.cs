using System.Diagnostics;
using JaxNet.Distributed;
using JaxNet.Testing;

namespace JaxNet.Tests.Distributed;

/// <summary>
/// pmap across processes, run for real: <c>mpirun</c> starts several processes of the rank program
/// (tests/JaxNet.Distributed.Ranks), each with its own cpu devices, joined by Open MPI over loopback; every rank
/// checks its members' results of each collective and of gradients through them.
/// </summary>
public sealed class MultiProcessTests
{
    private const int Checks = 39;

    private static readonly string RankProgram = Path.Combine(AppContext.BaseDirectory, "ranks", "jaxnet-ranks", "jaxnet-ranks.dll");

    [SkippableFact]
    public void TwoProcessesOfTwoDevicesEach()
    {
        var output = MpiRun(processes: 2, devicesPerProcess: 2);
        for (var rank = 0; rank < 2; rank++) Assert.Contains($"rank {rank}: all {Checks} checks passed", output);
        Assert.Contains("rank 0 of 2: 2 local devices, via Open MPI", output);
    }

    [SkippableFact]
    public void ThreeProcessesOfOneDeviceEach()
    {
        var output = MpiRun(processes: 3, devicesPerProcess: 1);
        for (var rank = 0; rank < 3; rank++) Assert.Contains($"rank {rank}: all {Checks} checks passed", output);
    }

    [SkippableFact]
    public void AProcessStartedAloneIsAGroupOfOne()
    {
        Skip.IfNotNull(MissingMpi());
        var output = Run("dotnet", [RankProgram], devicesPerProcess: 2);
        Assert.Contains("rank 0 of 1: 2 local devices", output);
        Assert.Contains($"rank 0: all {Checks} checks passed", output);
    }

    /// <summary>The MNIST sample's data-parallel mode: two processes train one model, each on half of every batch.</summary>
    [SkippableFact]
    public void MnistSampleTrainsDataParallelAcrossTwoProcesses()
    {
        Skip.IfNotNull(MissingMpi());
        var sample = SampleProgram();
        Skip.If(!File.Exists(sample), $"the MNIST sample was not built: {sample}");
        var output = Run("mpirun", ["--oversubscribe", "--bind-to", "none", "-np", "2", "dotnet", sample, "--distributed", "--epochs", "1",
            "--plot", Path.Combine(Path.GetTempPath(), "jaxnet-mnist-distributed-test.png")], devicesPerProcess: 1);
        Assert.Contains("data parallel over 2 devices: 2 processes x 1", output);
        Assert.Contains("replicas agree: parameter sums differ by 0 across the 2 devices", output);
        var accuracy = double.Parse(output.Split("test accuracy: ")[^1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 90, 100);
    }

    [Fact]
    public void MissingMpiIsAClearError()
    {
        var e = Assert.Throws<DistributedException>(() => MpiLibrary.Load(["libmpi-that-does-not-exist.so.40"]));
        Assert.Contains("libmpi-that-does-not-exist.so.40 not found", e.Message);
        Assert.Contains("apt-get install openmpi-bin", e.Message);
    }

    [Fact]
    public void ALibraryThatIsNotOpenMpiIsRefusedWithTheReason()
    {
        var e = Assert.Throws<DistributedException>(() => MpiLibrary.Load(["libc.so.6"]));
        Assert.Contains("libc.so.6 is not Open MPI", e.Message);
    }

    [Fact]
    public void WithoutInitializeThereIsOneProcess()
    {
        Assert.False(Jax.Distributed.IsInitialized);
        Assert.Equal(0, Jax.ProcessIndex());
        Assert.Equal(1, Jax.ProcessCount());
        Assert.Equal(Jax.Devices().Count, Jax.DeviceCount());
        Assert.Equal(Jax.LocalDevices(), Jax.Devices());
        // Alone, process_allgather adds a leading axis of one, and broadcast gives the value back.
        Assert.Equal([1, 2], Jax.Distributed.ProcessAllgather(Jnp.Array(new[] { 3f, 4f })).Shape);
        Assert.Equal([3f, 4f], Jax.Distributed.BroadcastOneToAll(Jnp.Array(new[] { 3f, 4f })).ToArray<float>());
        Assert.Null(Jax.Distributed.Transport);
    }

    private static string MpiRun(int processes, int devicesPerProcess)
    {
        Skip.IfNotNull(MissingMpi());
        // --oversubscribe: more ranks than this machine's cores; --bind-to none: each rank's thread pool may use every core.
        return Run("mpirun", ["--oversubscribe", "--bind-to", "none", "-np", $"{processes}", "dotnet", RankProgram], devicesPerProcess);
    }

    /// <summary>samples/mnist's build of this test's configuration (tests/JaxNet.Tests/bin/Release/net10.0/ ->
    /// samples/mnist/bin/Release/net10.0/mnist.dll).</summary>
    private static string SampleProgram()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Runtime.sln"))) root = root.Parent;
        return root is null ? "samples/mnist (no Runtime.sln above the tests)"
            : Path.Combine(root.FullName, "samples", "mnist", "bin", configuration, framework, "mnist.dll");
    }

    private static string? MissingMpi()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [];
        if (!path.Any(dir => File.Exists(Path.Combine(dir, "mpirun"))))
            return "Open MPI's mpirun is not installed (scripts/setup.sh installs Debian's openmpi-bin)";
        return File.Exists(RankProgram) ? null : $"the rank program was not built: {RankProgram}";
    }

    private static string Run(string program, string[] args, int devicesPerProcess)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["JAXNET_CPU_DEVICES"] = $"{devicesPerProcess}";
        start.Environment["JAXNET_PLATFORMS"] = "cpu";
        // Open MPI refuses to start as root unless told twice that it is meant (CI runs as root).
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish in 2 minutes (a collective waiting forever?)\n{stdout.Result}\n{stderr.Result}");
        }
        var output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
