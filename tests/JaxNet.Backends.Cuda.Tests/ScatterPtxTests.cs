using System.Reflection;
using System.Text.RegularExpressions;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The kernels that apply a scatter's updates are typed by the operand's dtype: a float32 scatter-add
/// compiles float32 loads, stores and adds only.</summary>
public sealed class ScatterPtxTests
{
    [Theory]
    [InlineData(nameof(ScatterKernels<DFloat32>.ByWindow))]
    [InlineData(nameof(ScatterKernels<DFloat32>.ApplyRuns))]
    public void A_float32_scatter_compiles_its_own_dtype_only(string kernel)
    {
        var method = typeof(ScatterKernels<DFloat32>).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!;
        var lines = PtxOf.Method(method, explicitlyGrouped: false).Split('\n');
        // With the dtype read at run time the window walk was about 2,700 lines with float64 arithmetic; 587 and
        // 701 lines now.
        Assert.InRange(lines.Length, 100, 1000);
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^\s+[a-z.]+\.f64"));
    }
}
