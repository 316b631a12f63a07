using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// The transcendental routines of the vector kernels, written once for both vector widths: TLanes is
/// <see cref="Lanes512"/> (with Vector512 lanes) or <see cref="Lanes256"/> (Vector256), and the aliases Math512 and
/// Math256 (VectorMathWidths.cs) name the two instantiations. Arithmetic is spelled as calls (TLanes.Add, ...):
/// the vectors' operator interfaces are not public, so generic code cannot use + on them. The JIT compiles a generic
/// type once per struct argument and inlines TLanes' one-line members, so each width gets the code it got when the
/// routines were written twice. Generated kernels call these methods by name (see
/// <see cref="Emit.HelperResolver"/>, which searches the instantiation of the kernel's width); every lane depends on
/// its own input alone (see <see cref="Scalar.VectorLane"/>). The routines are split by family over the partial files
/// VectorMath.*.cs; this one holds what several families share.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
    where TLanes : struct, IVectorLanes<TDouble, TLong, TFloat, TInt>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    // Adding 1.5 2^52 rounds a product to an integer k, held in the sum's low bits: no float-to-int conversion,
    // which AVX2 lacks for 64-bit lanes.
    private const double RoundingShift = 6755399441055744d;
    private const long RoundingShiftBits = 0x4338000000000000; // the bits of RoundingShift

    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17; // ln 2 - Ln2Hi

    /// <summary>The polynomial with <paramref name="coefficients"/> (highest degree first) at x, by Horner's rule: one
    /// fused multiply-add per coefficient, in the order the routines' error bounds were measured with. The steps are
    /// spelled out up to degree 11, as the JIT unrolls no loop: for a constant-data span its length is known, the tests
    /// fold away and straight-line code remains, where a loop kept the values around it in stack slots (a loop with a
    /// load, a compare and a branch per step, and the kernel's other values spilled across it).</summary>
    [MethodImpl(Inline)]
    private static TDouble Horner(TDouble x, ReadOnlySpan<double> coefficients)
    {
        var p = TLanes.Create(coefficients[0]);
        if (coefficients.Length > 1) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[1]));
        if (coefficients.Length > 2) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[2]));
        if (coefficients.Length > 3) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[3]));
        if (coefficients.Length > 4) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[4]));
        if (coefficients.Length > 5) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[5]));
        if (coefficients.Length > 6) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[6]));
        if (coefficients.Length > 7) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[7]));
        if (coefficients.Length > 8) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[8]));
        if (coefficients.Length > 9) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[9]));
        if (coefficients.Length > 10) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[10]));
        if (coefficients.Length > 11) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[11]));
        for (var i = 12; i < coefficients.Length; i++) p = TLanes.FusedMultiplyAdd(p, x, TLanes.Create(coefficients[i]));
        return p;
    }

    /// <summary>a + b = s + e exactly (Knuth's two-sum: no assumption on which is larger).</summary>
    [MethodImpl(Inline)]
    private static (TDouble Sum, TDouble Error) TwoSum(TDouble a, TDouble b)
    {
        var s = TLanes.Add(a, b);
        var bPart = TLanes.Subtract(s, a);
        return (s, TLanes.Add(TLanes.Subtract(a, TLanes.Subtract(s, bPart)), TLanes.Subtract(b, bPart)));
    }

    /// <summary>The result, with x's NaN where x is NaN (the clamps of a routine may have turned it into a number).</summary>
    [MethodImpl(Inline)]
    private static TDouble KeepNaN(TDouble x, TDouble result) =>
        TLanes.ConditionalSelect(TLanes.Equal(x, x), result, x);

    /// <summary>The marked lanes of <paramref name="result"/> replaced by <paramref name="function"/> of their input.
    /// Kept out of line: inlined, its loop and call made the JIT keep the routine's values in stack slots on the common
    /// path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TDouble OneByOne(TDouble result, TDouble x, TDouble marked, ScalarLaneFunction function)
    {
        for (var i = 0; i < TLanes.DoubleCount; i++)
            if (TLanes.IsSet(marked, i)) result = TLanes.WithLane(result, i, ScalarLaneFunctions.Apply(function, TLanes.Lane(x, i)));
        return result;
    }

    /// <summary>The marked lanes of <paramref name="result"/> replaced by <paramref name="function"/> of their inputs
    /// (out of line, as the one-argument form).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TDouble OneByOne(TDouble result, TDouble x, TDouble y, TDouble marked, ScalarLaneFunction function)
    {
        for (var i = 0; i < TLanes.DoubleCount; i++)
            if (TLanes.IsSet(marked, i)) result = TLanes.WithLane(result, i, ScalarLaneFunctions.Apply(function, TLanes.Lane(x, i), TLanes.Lane(y, i)));
        return result;
    }
}
