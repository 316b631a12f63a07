using System.Diagnostics;
using JaxNet.Testing;
using static JaxNet.Tests.Api.NpyFixtureValues;

namespace JaxNet.Tests.Api;

/// <summary>
/// NumPy reads what JaxNet writes: /usr/bin/python3 loads a .npy of every dtype and both kinds of .npz and prints each
/// array's descr, shape and bytes, and each archive member's zip compression method; skipped where Python or NumPy
/// is missing.
/// </summary>
[Collection(nameof(X64Collection))]
public sealed class NpyNumpyReadsTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Reader = """
        import sys, zipfile
        import numpy as np
        for path in sys.argv[1:]:
            if path.endswith(".npz"):
                with zipfile.ZipFile(path) as z:
                    print(path, "methods", ",".join(str(i.compress_type) for i in z.infolist()))
                with np.load(path) as npz:
                    for name in npz.files:
                        a = npz[name]
                        print(path + ":" + name, a.dtype.str, a.shape, a.tobytes().hex())
            else:
                a = np.load(path)
                print(path, a.dtype.str, a.shape, a.tobytes().hex())
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("jaxnet-npy-numpy-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void NumpyLoadsEveryDTypeAndBothArchives()
    {
        Skip.IfNotNull(NumpyMissing());
        var paths = new List<string>();
        var members = new Dictionary<string, NDArray>();
        RandomDistributionX64Tests.WithX64(() =>
        {
            foreach (var (dtype, bytes) in Bytes)
            {
                var x = Jnp.Frombuffer(bytes, dtype).Reshape(2, 3);
                var path = System.IO.Path.Combine(folder, $"{dtype.NumpyName()}.npy");
                Jnp.Save(path, x);
                paths.Add(path);
                members[dtype.NumpyName()] = x;
            }
            Jnp.Savez(System.IO.Path.Combine(folder, "stored.npz"), members);
            Jnp.SavezCompressed(System.IO.Path.Combine(folder, "compressed.npz"), members);
        });
        paths.Add(System.IO.Path.Combine(folder, "stored.npz"));
        paths.Add(System.IO.Path.Combine(folder, "compressed.npz"));
        var lines = Run(paths).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l[..l.IndexOf(' ', StringComparison.Ordinal)], l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        foreach (var (dtype, bytes) in Bytes)
        {
            // NumPy sees bfloat16 as the two-byte void ml_dtypes saves it as (its str is '|V2').
            var descr = dtype == DType.BFloat16 ? "|V2" : JaxNet.IO.NpyDescr.Of(dtype);
            var expected = $"{descr} (2, 3) {Convert.ToHexStringLower(bytes)}";
            Assert.Equal(expected, lines[System.IO.Path.Combine(folder, $"{dtype.NumpyName()}.npy")]);
            Assert.Equal(expected, lines[System.IO.Path.Combine(folder, "stored.npz") + ":" + dtype.NumpyName()]);
            Assert.Equal(expected, lines[System.IO.Path.Combine(folder, "compressed.npz") + ":" + dtype.NumpyName()]);
        }
        // zipfile's method numbers: 0 stored, 8 deflated.
        Assert.Equal(string.Join(",", Enumerable.Repeat("0", Bytes.Count)), lines[System.IO.Path.Combine(folder, "stored.npz")][8..]);
        Assert.Equal(string.Join(",", Enumerable.Repeat("8", Bytes.Count)), lines[System.IO.Path.Combine(folder, "compressed.npz")][8..]);
    }

    /// <summary>
    /// The header bytes for many shapes equal NumPy's write_array_header_1_0: the growth room and the padding
    /// (a whole block of spaces when the dict already ends on a boundary) cross 64-byte boundaries at the same lengths.
    /// </summary>
    [SkippableFact]
    public void HeadersAreNumpysForManyShapesAndBothOrders()
    {
        Skip.IfNotNull(NumpyMissing());
        var shapes = new List<int[]> { Array.Empty<int>() };
        for (var digits = 0; digits <= 9; digits++) shapes.Add([(int)Math.Pow(10, digits)]);
        for (var rank = 2; rank <= 12; rank++)
        {
            shapes.Add(Enumerable.Repeat(7, rank).ToArray());
            shapes.Add(Enumerable.Range(0, rank).Select(i => i * 1013 % 100_003).ToArray());
        }
        var specs = shapes.SelectMany(shape => new[] { ("<f4", false, shape), ("|b1", true, shape), ("<c16", false, shape) }).ToArray();
        const string script = """
            import io, sys
            from numpy.lib import format as npformat
            for spec in sys.argv[1:]:
                descr, fortran, dims = spec.split(";")
                shape = tuple(int(d) for d in dims.split(",") if d)
                buf = io.BytesIO()
                npformat.write_array_header_1_0(buf, {"descr": descr, "fortran_order": fortran == "1", "shape": shape})
                print(buf.getvalue().hex())
            """;
        var numpy = Run(specs.Select(s => $"{s.Item1};{(s.Item2 ? 1 : 0)};{string.Join(",", s.Item3)}"), script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(specs.Length, numpy.Length);
        for (var i = 0; i < specs.Length; i++)
        {
            var (descr, fortran, shape) = specs[i];
            Assert.Equal(numpy[i], Convert.ToHexStringLower(new JaxNet.IO.NpyHeader(descr, fortran, shape).Encode()));
        }
    }

    /// <summary>Why NumPy cannot be asked here, or null when it can.</summary>
    private static string? NumpyMissing()
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        try
        {
            Run([], "import numpy");
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{Python} has no NumPy: {e.Message}";
        }
    }

    private static string Run(IEnumerable<string> arguments, string script = Reader)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"python exited with {process.ExitCode}: {stderr.Result}");
        return output;
    }
}
