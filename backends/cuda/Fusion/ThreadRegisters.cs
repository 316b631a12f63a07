using ILGPU;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>
/// A fused kernel's per-thread registers: the first <see cref="InFields"/> are fields of this struct, the rest a
/// local array (<see cref="Spill"/>). Steps name registers by type (<see cref="IRegister"/>), so each access is
/// one field, and ILGPU keeps the struct's fields as SSA values: in the PTX they are registers, not local memory.
/// A local array is always local memory, since ILGPU does not resolve its indices to registers; kernels that need
/// more than <see cref="InFields"/> live values spill the rest there.
/// </summary>
internal struct ThreadRegisters
{
    public const int InFields = 32;

    public long R0;
    public long R1;
    public long R2;
    public long R3;
    public long R4;
    public long R5;
    public long R6;
    public long R7;
    public long R8;
    public long R9;
    public long R10;
    public long R11;
    public long R12;
    public long R13;
    public long R14;
    public long R15;
    public long R16;
    public long R17;
    public long R18;
    public long R19;
    public long R20;
    public long R21;
    public long R22;
    public long R23;
    public long R24;
    public long R25;
    public long R26;
    public long R27;
    public long R28;
    public long R29;
    public long R30;
    public long R31;

    /// <summary>Registers <see cref="InFields"/> and up (an empty view when the kernel needs no more).</summary>
    public ArrayView<long> Spill;
}

/// <summary>Size classes of <see cref="ThreadRegisters"/>' spill (ILGPU needs local array sizes as constants):
/// none, then 256 and 2048 registers in all.</summary>
internal static class RegisterFile
{
    public const int Small = ThreadRegisters.InFields;
    public const int Medium = 256;
    public const int Large = 2048;

    public static int Fit(int registers, string kernel) => registers <= Small ? Small : registers <= Medium ? Medium
        : registers <= Large ? Large
        : throw new NotSupportedException($"kernel '{kernel}' needs {registers} registers (at most {Large})");
}
