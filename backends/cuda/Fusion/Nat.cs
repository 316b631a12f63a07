namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>
/// A type-level natural number: a fused kernel's register numbers and buffer slots are type arguments, so that
/// after ILGPU specialises and inlines a step, <c>default(T).Value</c> is a constant and the register file's and
/// the slots' switches fold to one field. Runtime numbers would leave an indirect branch per access and keep the
/// registers in local memory, where they cannot be addressed any other way.
/// </summary>
internal interface INat
{
    int Value { get; }
}

/// <summary>Base-16 numbers above the digits: <c>Nat&lt;N2, N5&gt;</c> is 0x25.</summary>
internal struct Nat<THigh, TLow> : INat
    where THigh : struct, INat
    where TLow : struct, INat
{
    public readonly int Value => default(THigh).Value * 16 + default(TLow).Value;
}

internal static class Nats
{
    private static readonly Type[] Digits =
    [
        typeof(N0), typeof(N1), typeof(N2), typeof(N3), typeof(N4), typeof(N5), typeof(N6), typeof(N7),
        typeof(N8), typeof(N9), typeof(N10), typeof(N11), typeof(N12), typeof(N13), typeof(N14), typeof(N15),
    ];

    /// <summary>The type whose <see cref="INat.Value"/> is <paramref name="n"/>.</summary>
    public static Type Of(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return n < 16 ? Digits[n] : typeof(Nat<,>).MakeGenericType(Of(n / 16), Digits[n % 16]);
    }
}

#pragma warning disable SA1649, SA1402 // the sixteen digits, one line each, in one file on purpose
internal struct N0 : INat { public readonly int Value => 0; }
internal struct N1 : INat { public readonly int Value => 1; }
internal struct N2 : INat { public readonly int Value => 2; }
internal struct N3 : INat { public readonly int Value => 3; }
internal struct N4 : INat { public readonly int Value => 4; }
internal struct N5 : INat { public readonly int Value => 5; }
internal struct N6 : INat { public readonly int Value => 6; }
internal struct N7 : INat { public readonly int Value => 7; }
internal struct N8 : INat { public readonly int Value => 8; }
internal struct N9 : INat { public readonly int Value => 9; }
internal struct N10 : INat { public readonly int Value => 10; }
internal struct N11 : INat { public readonly int Value => 11; }
internal struct N12 : INat { public readonly int Value => 12; }
internal struct N13 : INat { public readonly int Value => 13; }
internal struct N14 : INat { public readonly int Value => 14; }
internal struct N15 : INat { public readonly int Value => 15; }
