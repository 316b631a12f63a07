using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>A fact that needs ptxas on PATH (<c>scripts/setup.sh</c> installs it): skipped, saying so, where there is none.</summary>
public sealed class PtxasFactAttribute : FactAttribute
{
    /// <summary>Where the tools come from, for the skip reasons.</summary>
    internal const string Source = "scripts/setup.sh installs CUDA 11.8's from Debian's non-free nvidia-cuda-toolkit";

    public PtxasFactAttribute()
    {
        if (Ptxas.Find(null) is null) Skip = $"no ptxas on PATH ({Source})";
    }
}

/// <summary>A theory that needs ptxas on PATH; see <see cref="PtxasFactAttribute"/>.</summary>
public sealed class PtxasTheoryAttribute : TheoryAttribute
{
    public PtxasTheoryAttribute()
    {
        if (Ptxas.Find(null) is null) Skip = $"no ptxas on PATH ({PtxasFactAttribute.Source})";
    }
}
