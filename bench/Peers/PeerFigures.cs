using JaxNet.Bench.Workloads;

namespace JaxNet.Bench.Peers;

/// <summary>
/// The peers' measurements from one run of peers.py: per library ("numpy", "torch") and workload key, in the
/// workload's unit. <see cref="InfoJson"/> is peers.py's "info" object (versions, BLAS, threads) as JSON text;
/// <see cref="Error"/> says why there are no figures.
/// </summary>
internal sealed record PeerFigures(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measurement>> ByLibrary,
    string? InfoJson,
    string? Error)
{
    public const string NumPy = "numpy";
    public const string Torch = "torch";

    public static PeerFigures Skipped(string why) => new(new Dictionary<string, IReadOnlyDictionary<string, Measurement>>(), null, why);

    public Measurement? Find(string library, string key) =>
        ByLibrary.TryGetValue(library, out var figures) ? figures.GetValueOrDefault(key) : null;
}
