using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Operands read with a small constant stride k (2 to 4: every second element of a pooling window) and partial
/// stores of a row's last vector. A strided vector is k contiguous loads whose wanted elements two-source permutes
/// pick out, in place of a scalar load per lane. Elements of 8 bytes move as pairs of 4-byte words, so one control
/// serves both sizes: word q of the result is word k·q − (k−1)·(q mod w) of the loads, w being the words per element.
/// Simd256.Strided.cs is this file at 256 bits (AVX2 has one-source permutes only): keep the two in step.
/// </summary>
internal static unsafe partial class Simd512
{
    /// <summary>Elements p[0], p[k], ..., p[k·(lanes−1)]; reads k whole vectors from <paramref name="p"/> on, so the
    /// caller keeps k·lanes elements readable (the emitter runs it only while a further point of the row follows).</summary>
    [MethodImpl(Inline)]
    public static Vector512<T> LoadStrided<T>(nint p, int k) where T : unmanaged
    {
        if (!Avx512F.IsSupported) return Gather<T>(p, k * sizeof(T));
        var words = StridedWords(k, sizeof(T) / 4);
        var result = Avx512F.PermuteVar16x32x2(Load<float>(p), words, Load<float>(p + 64));
        for (var m = 2; m < k; m++) result = TakeFromNext(result, words, m, Load<float>(p + 64 * m));
        return result.As<float, T>();
    }

    /// <summary><see cref="LoadStrided{T}"/> for the first <paramref name="count"/> (0..lanes) lanes, zero in the
    /// others: the loads are masked to the words those lanes read, so nothing past p[k·(count−1)] is touched.</summary>
    /// <remarks>Kept out of line: inlined into a row function with two float64 transcendental functions, .NET 10's
    /// JIT compiled this load (strides 3 and 4) to zeros, while MinOpts and an out-of-line call read it right
    /// (JitStridedTranscendentalTests). It runs once per row, so the call costs nothing measurable.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<T> LoadStridedFirst<T>(nint p, int k, long count) where T : unmanaged
    {
        if (!Avx512F.IsSupported) return GatherFirst<T>(p, k * sizeof(T), count);
        var wordsPerElement = sizeof(T) / 4;
        var readable = count == 0 ? 0 : ((count - 1) * k + 1) * wordsPerElement;
        var words = StridedWords(k, wordsPerElement);
        var result = Avx512F.PermuteVar16x32x2(WordsFirst(p, readable), words, WordsFirst(p + 64, readable - 16));
        for (var m = 2; m < k; m++) result = TakeFromNext(result, words, m, WordsFirst(p + 64 * m, readable - 16 * m));
        return KeepFirst(result.As<float, T>(), count, Vector512<T>.Zero);
    }

    /// <summary>Stores the first <paramref name="count"/> (0..lanes) lanes of <paramref name="v"/>; memory past them is
    /// not touched.</summary>
    [MethodImpl(Inline)]
    public static void StoreFirst<T>(nint p, Vector512<T> v, long count) where T : unmanaged
    {
        if (!Avx512F.IsSupported)
        {
            ScatterFirst(p, sizeof(T), v, count);
            return;
        }
        if (sizeof(T) == 4) Avx512F.MaskStore((float*)p, FirstLanes<float>(count), v.As<T, float>());
        else Avx512F.MaskStore((double*)p, FirstLanes<double>(count), v.As<T, double>());
    }

    /// <summary>Stores the first <paramref name="count"/> lanes of <paramref name="v"/>, <paramref name="strideBytes"/> apart.</summary>
    [MethodImpl(Inline)]
    public static void ScatterFirst<T>(nint p, nint strideBytes, Vector512<T> v, long count) where T : unmanaged
    {
        ref var lanes = ref Unsafe.As<Vector512<T>, T>(ref v);
        for (var i = 0; i < count; i++) *(T*)(p + i * strideBytes) = Unsafe.Add(ref lanes, i);
    }

    /// <summary>Word q's source among the k loads' words (see the class summary).</summary>
    [MethodImpl(Inline)]
    private static Vector512<int> StridedWords(int k, int wordsPerElement)
    {
        var q = Vector512<int>.Indices;
        return q * k - (q & Vector512.Create(wordsPerElement - 1)) * (k - 1);
    }

    /// <summary>Keeps the words of <paramref name="result"/> whose source lies in the first m loads and takes those in
    /// load m from <paramref name="next"/>.</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> TakeFromNext(Vector512<float> result, Vector512<int> words, int m, Vector512<float> next)
    {
        var fromNext = Vector512.GreaterThanOrEqual(words, Vector512.Create(16 * m));
        var control = Vector512.ConditionalSelect(fromNext, words - Vector512.Create(16 * m - 16), Vector512<int>.Indices);
        return Avx512F.PermuteVar16x32x2(result, control, next);
    }

    /// <summary>The first <paramref name="count"/> words at <paramref name="p"/> (none when count ≤ 0, all 16 from 16 on).</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> WordsFirst(nint p, long count) =>
        Avx512F.MaskLoad((float*)p, FirstLanes<float>(Math.Clamp(count, 0, 16)), Vector512<float>.Zero);
}
