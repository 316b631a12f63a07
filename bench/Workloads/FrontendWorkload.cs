using JaxNet.Abstractions.Kernels;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// A workload run through JaxNet's public API (NDArray, Jnp, Jax.Jit), as a user would write it. A timed call
/// is one call of the user's function, BlockUntilReady, and Dispose of the result (see <see cref="Disposed"/>).
/// The result is checked against float64 before anything is timed.
/// </summary>
internal abstract class FrontendWorkload : IWorkload
{
    public abstract string Title { get; }

    public abstract string PeerKey { get; }

    public abstract Unit Unit { get; }

    /// <summary>"JaxNet (jit)" or "JaxNet (eager)".</summary>
    protected abstract string Implementation { get; }

    public virtual Limit? LimitFrom(RooflineFigures roofline) => null;

    // The jitted program a check described, printed after the row's timing with --describe.
    private Lowered? described;

    /// <summary>
    /// Builds the inputs and the function; returns the timed call, a check of its result, and the arrays to
    /// free when the row is done (so one row's device memory does not weigh on the next).
    /// </summary>
    protected abstract (Action Call, Func<string> Check, NDArray[] Inputs) Prepare();

    public JaxNetOutcome MeasureJaxNet(BenchContext context)
    {
        NDArray[] inputs = [];
        try
        {
            (var call, var check, inputs) = Prepare();
            var checkedWhat = check();
            var (best, median) = Timing.Sampler.SecondsPerCall(call, context.Plan);
            if (context.Describe && described is not null)
                Console.WriteLine($"-- {Title}: the compiled program after its timing\n{described.Compile().AsText()}");
            return JaxNetOutcome.Measured(Implementation, new Measurement(Unit.FromSeconds(best), Unit.FromSeconds(median), checkedWhat));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The frontend is young: whatever it throws is this row's outcome, reported, and the run goes on.
            return JaxNetOutcome.NotAvailable(Implementation, $"failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    /// <summary>The kernels of the compiled module, as the frontend lowered it (and the program --describe prints).</summary>
    protected string KernelCount(Lowered lowered)
    {
        described = lowered;
        static string Kinds(IReadOnlyList<Kernel> kernels) => $"{kernels.Count} kernel(s): {string.Join(", ", kernels.Select(k => k.Kind.ToString().ToLowerInvariant()))}";
        if (lowered.Modules.Count == 1) return Kinds(lowered.Modules[0].Kernels);
        // A program with control flow: each module once (a loop body once, however often it runs).
        return string.Join("; ", lowered.Modules.Select(m => $"{m.Name}: {Kinds(m.Kernels)}"));
    }

    /// <summary>
    /// Waits for a result and frees its device memory at once, as NumPy's and PyTorch's reference counting do
    /// for a result nobody keeps. Left to the finalizer, 40 MB results pile up and later calls slow down
    /// several-fold (measured: 30 ms to 120 ms per call of the 10M activation).
    /// </summary>
    protected static void Disposed(NDArray result)
    {
        using (result) result.BlockUntilReady();
    }

    /// <summary>
    /// Runs <paramref name="body"/> with x64 on when <paramref name="x64"/> (float64 rows need it while their arrays
    /// are made, traced and called; other rows run without it).
    /// </summary>
    protected static T WithX64<T>(bool x64, Func<T> body)
    {
        var previous = Jax.Config.EnableX64;
        Jax.Config.EnableX64 = x64 || previous;
        try
        {
            return body();
        }
        finally
        {
            Jax.Config.EnableX64 = previous;
        }
    }

    /// <summary>Deterministic uniform floats in [-1, 1) (the same generator as the kernel rows).</summary>
    protected static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (var i = 0; i < data.Length; i++) data[i] = random.NextSingle() * 2 - 1;
        return data;
    }
}
