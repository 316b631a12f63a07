using JaxNet.Core;

namespace JaxNet.Runtime;

/// <summary>What a jitted function's cache is keyed by: the avals of its dynamic arguments, the values of its static ones, the backend.</summary>
internal sealed class JitSignature : IEquatable<JitSignature>
{
    private readonly ShapedArray[] avals;
    private readonly Scalar[]?[] statics;
    private readonly string backend;
    private readonly int hash;

    private JitSignature(ShapedArray[] avals, Scalar[]?[] statics, string backend)
    {
        this.avals = avals;
        this.statics = statics;
        this.backend = backend;
        var h = new HashCode();
        foreach (var a in avals) h.Add(a);
        foreach (var s in statics)
            if (s is not null) foreach (var v in s) h.Add(v);
        h.Add(backend);
        hash = h.ToHashCode();
    }

    public static JitSignature Of(NDArray[] args, HashSet<int> staticArgnums, string backend) => new(
        args.Select(a => a.Aval).ToArray(),
        args.Select((a, i) => staticArgnums.Contains(i) ? a.Concrete("a static argument").ToScalars() : null).ToArray(),
        backend);

    /// <summary>Which part of the signature differs from <paramref name="previous"/>, in words.</summary>
    public string DifferenceFrom(JitSignature previous)
    {
        if (backend != previous.backend) return $"the backend changed from '{previous.backend}' to '{backend}'";
        var reasons = new List<string>();
        for (var i = 0; i < avals.Length; i++)
        {
            var (now, before) = (avals[i], previous.avals[i]);
            if (statics[i] is { } s)
            {
                if (previous.statics[i] is not { } p || !s.SequenceEqual(p)) reasons.Add($"static argument {i} changed value");
                continue;
            }
            if (!Shapes.Equal(now.Shape, before.Shape)) reasons.Add($"argument {i} changed shape from {before.Str()} to {now.Str()}");
            else if (now.DType != before.DType) reasons.Add($"argument {i} changed dtype from {before.DType.NumpyName()} to {now.DType.NumpyName()}");
            else if (now.Weak != before.Weak) reasons.Add($"argument {i} changed weak type from {before.Weak} to {now.Weak}");
        }
        return reasons.Count == 0 ? "a signature seen before was evicted" : string.Join("; ", reasons);
    }

    public bool Equals(JitSignature? other)
    {
        if (other is null || hash != other.hash || backend != other.backend || avals.Length != other.avals.Length) return false;
        for (var i = 0; i < avals.Length; i++)
        {
            if (!avals[i].Equals(other.avals[i])) return false;
            var (a, b) = (statics[i], other.statics[i]);
            if (a is null != b is null || (a is not null && !a.SequenceEqual(b!))) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is JitSignature s && Equals(s);

    public override int GetHashCode() => hash;
}
