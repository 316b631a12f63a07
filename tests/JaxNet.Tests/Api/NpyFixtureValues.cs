using System.Numerics;
using System.Runtime.InteropServices;

namespace JaxNet.Tests.Api;

/// <summary>
/// The values NpyFixtures/make_npy_fixtures.py writes for each dtype (2 x 3, row-major), as the little-endian bytes
/// a JaxNet array of that dtype holds, so a check compares bit for bit (NaN payloads, -0.0, subnormals). Also where
/// the fixtures are: the test project's source folder, found above the test binaries.
/// </summary>
internal static class NpyFixtureValues
{
    public const uint Nan32Bits = 0x7FC00123;
    public const ulong Nan64Bits = 0x7FF8000000000123;

    /// <summary>Python's float('nan'), the quiet NaN with the sign bit clear (.NET's NaN constants have it set).</summary>
    private static readonly float PositiveNan32 = BitConverter.UInt32BitsToSingle(0x7FC00000);

    private static readonly double PositiveNan64 = BitConverter.UInt64BitsToDouble(0x7FF8000000000000);

    public static readonly ushort[] BFloat16Bits = [0x0000, 0x8000, 0x3FC0, 0x7F80, 0x7FC1, 0xC0A0];

    /// <summary>Every dtype the fixtures cover, with its expected bytes.</summary>
    public static IReadOnlyDictionary<DType, byte[]> Bytes { get; } = new Dictionary<DType, byte[]>
    {
        [DType.Bool] = Of(new bool[] { true, false, true, true, false, false }),
        [DType.Int8] = Of(new sbyte[] { -128, -1, 0, 1, 127, 42 }),
        [DType.UInt8] = Of(new byte[] { 0, 1, 127, 128, 255, 42 }),
        [DType.Int16] = Of(new short[] { -32768, -1, 0, 1, 32767, 1234 }),
        [DType.UInt16] = Of(new ushort[] { 0, 1, 32767, 32768, 65535, 1234 }),
        [DType.Int32] = Of(new[] { int.MinValue, -1, 0, 1, int.MaxValue, 123456 }),
        [DType.UInt32] = Of(new uint[] { 0, 1, int.MaxValue, 1u << 31, uint.MaxValue, 123456 }),
        [DType.Int64] = Of(new long[] { long.MinValue, -1, 0, 1, long.MaxValue, 1234567890123 }),
        [DType.UInt64] = Of(new ulong[] { 0, 1, long.MaxValue, 1ul << 63, ulong.MaxValue, 1234567890123 }),
        [DType.Float16] = Of(new[] { (Half)0, -(Half)0, (Half)1.5, (Half)(-65504), Half.PositiveInfinity, BitConverter.UInt16BitsToHalf(0x7E00) }),
        [DType.Float32] = Of(new[] { 0f, -0f, 1f / 3, float.Epsilon, float.NegativeInfinity, BitConverter.UInt32BitsToSingle(Nan32Bits) }),
        [DType.Float64] = Of(new double[] { 0, -0.0, 1.0 / 3, double.Epsilon, double.PositiveInfinity, BitConverter.UInt64BitsToDouble(Nan64Bits) }),
        [DType.Complex64] = Of(new[] { 0f, 0, -0f, 1.5f, float.PositiveInfinity, float.NegativeInfinity, PositiveNan32, 0, float.Epsilon, 1, -2.5f, -3.25f }),
        [DType.Complex128] = Of(new Complex[] { 0, new(-0.0, 1.5), new(double.PositiveInfinity, double.NegativeInfinity), new(PositiveNan64, 0), new(double.Epsilon, 1), new(-2.5, -3.25) }),
        [DType.BFloat16] = Of(BFloat16Bits),
    };

    /// <summary>The fixture file <paramref name="name"/>.</summary>
    public static string Path(string name) => System.IO.Path.Combine(Folder.Value, name);

    /// <summary>The fixture stem NumPy's dtype names make: "float32" for float32.</summary>
    public static string Stem(DType dtype) => dtype.NumpyName();

    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Runtime.sln"))) dir = dir.Parent;
        return dir is null
            ? throw new DirectoryNotFoundException("no Runtime.sln above the test binaries, so no NpyFixtures folder")
            : System.IO.Path.Combine(dir.FullName, "tests", "JaxNet.Tests", "Api", "NpyFixtures");
    });

    private static byte[] Of<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
