namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// What <see cref="VectorMath{TLanes, TDouble, TLong, TFloat, TInt}"/> does with float64 lanes (TDouble) and their
/// int64 bits (TLong): the vectors' operators and the static methods of Vector512 or Vector256, which generic code
/// cannot reach through a type parameter (the vectors' operator interfaces are not in the reference assemblies). Implemented by <see cref="Lanes512"/> and <see cref="Lanes256"/>; every member
/// forwards to one call, so the JIT, which compiles a generic over a struct once per struct, emits what the
/// width-specific code emitted. A mask is a float64 vector whose lanes have all bits set or clear.
/// </summary>
internal unsafe interface IFloat64Lanes<TDouble, TLong>
{
    static abstract int DoubleCount { get; }
    static abstract TDouble Zero { get; }
    static abstract TDouble One { get; }
    static abstract TDouble Create(double value);
    static abstract TLong Create(long value);

    static abstract TDouble Add(TDouble a, TDouble b);
    static abstract TDouble Subtract(TDouble a, TDouble b);
    static abstract TDouble Multiply(TDouble a, TDouble b);
    static abstract TDouble Divide(TDouble a, TDouble b);
    static abstract TDouble Negate(TDouble x);
    static abstract TDouble FusedMultiplyAdd(TDouble a, TDouble b, TDouble addend);
    /// <summary>a b - c rounded once: one vfmsub, where FusedMultiplyAdd(a, b, Negate(c)) costs an xor more (the JIT
    /// does not fold the negation); the same bits.</summary>
    static abstract TDouble MultiplySubtract(TDouble a, TDouble b, TDouble subtrahend);
    /// <summary>c - a b rounded once (vfnmadd), as <see cref="MultiplySubtract"/>.</summary>
    static abstract TDouble NegatedMultiplyAdd(TDouble a, TDouble b, TDouble addend);
    static abstract TDouble Abs(TDouble x);
    static abstract TDouble CopySign(TDouble magnitude, TDouble sign);
    static abstract TDouble Sqrt(TDouble x);
    static abstract TDouble Floor(TDouble x);
    static abstract TDouble Round(TDouble x);
    /// <summary>.NET's own vector exp (its lanes are independent only within ±708: see VectorMath.Exp).</summary>
    static abstract TDouble NativeExp(TDouble x);
    static abstract TDouble MinNative(TDouble a, TDouble b);
    static abstract TDouble MaxNative(TDouble a, TDouble b);

    static abstract TDouble Equal(TDouble a, TDouble b);
    static abstract TDouble LessThan(TDouble a, TDouble b);
    static abstract TDouble LessThanOrEqual(TDouble a, TDouble b);
    static abstract TDouble GreaterThan(TDouble a, TDouble b);
    static abstract TDouble GreaterThanOrEqual(TDouble a, TDouble b);
    static abstract TDouble ConditionalSelect(TDouble mask, TDouble onTrue, TDouble onFalse);
    static abstract TDouble BitwiseAnd(TDouble a, TDouble b);
    static abstract TDouble BitwiseOr(TDouble a, TDouble b);
    static abstract TDouble Xor(TDouble a, TDouble b);
    static abstract TDouble OnesComplement(TDouble x);
    /// <summary>a and not b.</summary>
    static abstract TDouble AndNot(TDouble a, TDouble b);
    static abstract bool AllSet(TDouble mask);
    static abstract bool NoneSet(TDouble mask);
    static abstract bool IsSet(TDouble mask, int lane);
    static abstract double Lane(TDouble x, int lane);
    static abstract TDouble WithLane(TDouble x, int lane, double value);

    static abstract TLong AsInt64(TDouble x);
    static abstract TDouble AsDouble(TLong x);
    static abstract TLong Add(TLong a, TLong b);
    static abstract TLong Subtract(TLong a, TLong b);
    static abstract TLong BitwiseAnd(TLong a, TLong b);
    static abstract TLong ShiftLeft(TLong x, int count);
    static abstract TLong ShiftRightArithmetic(TLong x, int count);
    static abstract TDouble Equal(TLong a, TLong b);
    static abstract TDouble LessThan(TLong a, TLong b);
    /// <summary>table[index] per lane.</summary>
    static abstract TDouble Gather(double* table, TLong index);
    /// <summary>table[index] per lane for a table of 16 entries (index in [0, 16)): permutes of the table held in
    /// registers where the ISA has two-source permutes (one per 8 entries), a gather elsewhere. The table is
    /// constant data (an RVA static), which never moves: the permutes read it without pinning.</summary>
    static abstract TDouble Lookup16(ReadOnlySpan<double> table, TLong index);
}
