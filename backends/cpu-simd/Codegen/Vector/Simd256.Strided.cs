using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Simd512.Strided.cs at 256 bits: operands read with a small constant stride k (2 to 4) and partial stores. AVX2
/// permutes one source at a time, so each of the k loads is permuted into place and blended over the words whose
/// source it holds (word q's source is word k·q − (k−1)·(q mod w), w being the words per element).
/// </summary>
internal static unsafe partial class Simd256
{
    /// <summary>Elements p[0], p[k], ..., p[k·(lanes−1)]; reads k whole vectors from <paramref name="p"/> on.</summary>
    [MethodImpl(Inline)]
    public static Vector256<T> LoadStrided<T>(nint p, int k) where T : unmanaged
    {
        if (!Avx2.IsSupported) return Gather<T>(p, k * sizeof(T));
        var words = StridedWords(k, sizeof(T) / 4);
        var result = Avx2.PermuteVar8x32(Load<float>(p), words);
        for (var m = 1; m < k; m++) result = TakeFromNext(result, words, m, Load<float>(p + 32 * m));
        return result.As<float, T>();
    }

    /// <summary><see cref="LoadStrided{T}"/> for the first <paramref name="count"/> (0..lanes) lanes, zero in the
    /// others; nothing past p[k·(count−1)] is touched.</summary>
    /// <remarks>Kept out of line: inlined into a row function with two float64 transcendental functions, .NET 10's
    /// JIT compiled this load (strides 3 and 4) to zeros, while MinOpts and an out-of-line call read it right
    /// (JitStridedTranscendentalTests). It runs once per row, so the call costs nothing measurable.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<T> LoadStridedFirst<T>(nint p, int k, long count) where T : unmanaged
    {
        if (!Avx2.IsSupported) return GatherFirst<T>(p, k * sizeof(T), count);
        var wordsPerElement = sizeof(T) / 4;
        var readable = count == 0 ? 0 : ((count - 1) * k + 1) * wordsPerElement;
        var words = StridedWords(k, wordsPerElement);
        var result = Avx2.PermuteVar8x32(WordsFirst(p, readable), words);
        for (var m = 1; m < k; m++) result = TakeFromNext(result, words, m, WordsFirst(p + 32 * m, readable - 8 * m));
        return KeepFirst(result.As<float, T>(), count, Vector256<T>.Zero);
    }

    /// <summary>Stores the first <paramref name="count"/> (0..lanes) lanes of <paramref name="v"/>; memory past them is
    /// not touched.</summary>
    [MethodImpl(Inline)]
    public static void StoreFirst<T>(nint p, Vector256<T> v, long count) where T : unmanaged
    {
        if (!Avx.IsSupported)
        {
            ScatterFirst(p, sizeof(T), v, count);
            return;
        }
        if (sizeof(T) == 4) Avx.MaskStore((float*)p, FirstLanes<float>(count), v.As<T, float>());
        else Avx.MaskStore((double*)p, FirstLanes<double>(count), v.As<T, double>());
    }

    /// <summary>Stores the first <paramref name="count"/> lanes of <paramref name="v"/>, <paramref name="strideBytes"/> apart.</summary>
    [MethodImpl(Inline)]
    public static void ScatterFirst<T>(nint p, nint strideBytes, Vector256<T> v, long count) where T : unmanaged
    {
        ref var lanes = ref Unsafe.As<Vector256<T>, T>(ref v);
        for (var i = 0; i < count; i++) *(T*)(p + i * strideBytes) = Unsafe.Add(ref lanes, i);
    }

    [MethodImpl(Inline)]
    private static Vector256<int> StridedWords(int k, int wordsPerElement)
    {
        var q = Vector256<int>.Indices;
        return q * k - (q & Vector256.Create(wordsPerElement - 1)) * (k - 1);
    }

    /// <summary>Takes the words whose source lies in load m from <paramref name="next"/> (the permute uses the low
    /// three bits of each source, its place within the load).</summary>
    [MethodImpl(Inline)]
    private static Vector256<float> TakeFromNext(Vector256<float> result, Vector256<int> words, int m, Vector256<float> next)
    {
        var inNext = Vector256.Equals(words >>> 3, Vector256.Create(m)).As<int, float>();
        return Vector256.ConditionalSelect(inNext, Avx2.PermuteVar8x32(next, words), result);
    }

    /// <summary>The first <paramref name="count"/> words at <paramref name="p"/> (none when count ≤ 0, all 8 from 8 on).</summary>
    [MethodImpl(Inline)]
    private static Vector256<float> WordsFirst(nint p, long count) =>
        Avx.MaskLoad((float*)p, FirstLanes<float>(Math.Clamp(count, 0, 8)));
}
