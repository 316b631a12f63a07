using ILGPU;

namespace JaxNet.Backends.Cuda.Fusion;

// A fused kernel's register numbers and buffer slots are type arguments of its steps, so that each access is one
// field once ILGPU (or, in emulation, the .NET JIT) specialises the step: no switch to fold, no indirect branch,
// and the registers stay SSA values (GPU registers). A runtime number would need a switch per access (an indirect
// branch in the PTX) and would keep the registers in local memory.

/// <summary>One register of <see cref="ThreadRegisters"/>, named by type.</summary>
internal interface IRegister
{
    long Get(ref ThreadRegisters regs);

    void Set(ref ThreadRegisters regs, long value);
}

/// <summary>One buffer of <see cref="Slots"/>, named by type.</summary>
internal interface ISlot
{
    ArrayView<byte> Of(Slots slots);
}

/// <summary>Register <c>TIndex</c> (at least <see cref="ThreadRegisters.InFields"/>), in the spill array.</summary>
internal struct SpilledRegister<TIndex> : IRegister where TIndex : struct, INat
{
    public readonly long Get(ref ThreadRegisters regs) => regs.Spill[default(TIndex).Value - ThreadRegisters.InFields];

    public readonly void Set(ref ThreadRegisters regs, long value) =>
        regs.Spill[default(TIndex).Value - ThreadRegisters.InFields] = value;
}

internal static class Names
{
    private static readonly Type[] InFields = [typeof(R0), typeof(R1), typeof(R2), typeof(R3), typeof(R4), typeof(R5), typeof(R6), typeof(R7), typeof(R8), typeof(R9), typeof(R10), typeof(R11), typeof(R12), typeof(R13), typeof(R14), typeof(R15), typeof(R16), typeof(R17), typeof(R18), typeof(R19), typeof(R20), typeof(R21), typeof(R22), typeof(R23), typeof(R24), typeof(R25), typeof(R26), typeof(R27), typeof(R28), typeof(R29), typeof(R30), typeof(R31)];

    private static readonly Type[] SlotTypes = [typeof(S0), typeof(S1), typeof(S2), typeof(S3), typeof(S4), typeof(S5), typeof(S6), typeof(S7), typeof(S8), typeof(S9), typeof(S10), typeof(S11), typeof(S12), typeof(S13), typeof(S14), typeof(S15)];

    /// <summary>The type naming register <paramref name="index"/>.</summary>
    public static Type Register(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return index < InFields.Length ? InFields[index] : typeof(SpilledRegister<>).MakeGenericType(Nats.Of(index));
    }

    /// <summary>The type naming buffer slot <paramref name="slot"/>.</summary>
    public static Type Slot(int slot) => slot >= 0 && slot < SlotTypes.Length
        ? SlotTypes[slot]
        : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"a fused kernel has {Slots.Count} buffer slots");
}

#pragma warning disable SA1649, SA1402 // the register and slot names, in one file on purpose
internal struct R0 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R0;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R0 = value;
}

internal struct R1 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R1;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R1 = value;
}

internal struct R2 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R2;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R2 = value;
}

internal struct R3 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R3;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R3 = value;
}

internal struct R4 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R4;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R4 = value;
}

internal struct R5 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R5;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R5 = value;
}

internal struct R6 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R6;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R6 = value;
}

internal struct R7 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R7;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R7 = value;
}

internal struct R8 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R8;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R8 = value;
}

internal struct R9 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R9;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R9 = value;
}

internal struct R10 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R10;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R10 = value;
}

internal struct R11 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R11;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R11 = value;
}

internal struct R12 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R12;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R12 = value;
}

internal struct R13 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R13;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R13 = value;
}

internal struct R14 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R14;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R14 = value;
}

internal struct R15 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R15;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R15 = value;
}

internal struct R16 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R16;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R16 = value;
}

internal struct R17 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R17;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R17 = value;
}

internal struct R18 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R18;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R18 = value;
}

internal struct R19 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R19;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R19 = value;
}

internal struct R20 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R20;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R20 = value;
}

internal struct R21 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R21;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R21 = value;
}

internal struct R22 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R22;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R22 = value;
}

internal struct R23 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R23;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R23 = value;
}

internal struct R24 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R24;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R24 = value;
}

internal struct R25 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R25;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R25 = value;
}

internal struct R26 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R26;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R26 = value;
}

internal struct R27 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R27;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R27 = value;
}

internal struct R28 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R28;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R28 = value;
}

internal struct R29 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R29;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R29 = value;
}

internal struct R30 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R30;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R30 = value;
}

internal struct R31 : IRegister
{
    public readonly long Get(ref ThreadRegisters regs) => regs.R31;

    public readonly void Set(ref ThreadRegisters regs, long value) => regs.R31 = value;
}

internal struct S0 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S0;
}

internal struct S1 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S1;
}

internal struct S2 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S2;
}

internal struct S3 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S3;
}

internal struct S4 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S4;
}

internal struct S5 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S5;
}

internal struct S6 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S6;
}

internal struct S7 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S7;
}

internal struct S8 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S8;
}

internal struct S9 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S9;
}

internal struct S10 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S10;
}

internal struct S11 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S11;
}

internal struct S12 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S12;
}

internal struct S13 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S13;
}

internal struct S14 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S14;
}

internal struct S15 : ISlot
{
    public readonly ArrayView<byte> Of(Slots slots) => slots.S15;
}
