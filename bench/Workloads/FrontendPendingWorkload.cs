using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// A workload that needs JaxNet's frontend transformations (Jax.Jit, Jax.Grad) which the bench cannot run yet:
/// its JaxNet cell stays "n/a" with the reason, and the peers' figures are still measured and printed.
/// Replace an instance with a real workload class once the frontend offers what it needs.
/// </summary>
internal sealed class FrontendPendingWorkload(string title, string peerKey, Unit unit, Func<RooflineFigures, Limit?>? limit = null)
    : IWorkload
{
    public const string Implementation = "JaxNet (frontend)";
    public const string Reason = "not yet available: needs the frontend (Jax.Jit/Jax.Grad)";

    public string Title => title;

    public string PeerKey => peerKey;

    public Unit Unit => unit;

    public JaxNetOutcome MeasureJaxNet(BenchContext context) => JaxNetOutcome.NotAvailable(Implementation, Reason);

    public Limit? LimitFrom(RooflineFigures roofline) => limit?.Invoke(roofline);
}
