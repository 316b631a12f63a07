using JaxNet.Core;

namespace JaxNet.Runtime;

/// <summary>
/// An input of a program step: a slot of the run's <see cref="ProgramFrame"/>, or a literal (a jaxpr may pass a
/// constant straight to a control-flow equation or return one).
/// </summary>
internal readonly record struct Operand(int Slot, Literal? Literal)
{
    public static Operand Of(Atom atom, Func<Var, int> slotOf) =>
        atom is Literal literal ? new Operand(-1, literal) : new Operand(slotOf((Var)atom), null);
}

/// <summary>How a run of a program holds one of its values.</summary>
internal enum Holding : byte
{
    /// <summary>Shared: a constant, an argument the caller kept, or what a control-flow or collective step returned.</summary>
    Shared,

    /// <summary>Given up by the caller (a loop's carry from its previous iteration): the run may write it, not free it.</summary>
    GivenUp,

    /// <summary>Made by one of the run's modules: the run may write it, and frees it after its last reader.</summary>
    Made,
}

/// <summary>
/// The values of one run of a <see cref="HostProgram"/>, one slot per variable, numbered when the program was lowered
/// (a loop runs its body thousands of times: no variable is looked up by hashing on the way).
/// <para>
/// It also records how the run holds each value (<see cref="Holding"/>). An array the run holds alone is bound to one
/// slot, so when that variable's last reader is a module that aliases a result to it, the module may write the
/// result in the array's buffer (donation); and an array the run made is freed as soon as its last reader has been
/// issued, not left to the finalizer. What a control-flow or collective step was given is disowned, since its
/// results may be those very arrays.
/// </para>
/// </summary>
internal sealed class ProgramFrame(int slots)
{
    private readonly NDArray?[] values = new NDArray?[slots];
    private readonly Holding[] holding = new Holding[slots];

    public NDArray this[int slot] => values[slot] ?? throw new InvalidOperationException($"slot {slot} is read before it is bound");

    public NDArray Read(Operand operand) =>
        operand.Literal is { } literal ? NDArray.FromScalar(literal.Value, literal.Aval.Weak) : this[operand.Slot];

    public void Bind(int slot, NDArray value, Holding how)
    {
        values[slot] = value;
        holding[slot] = how;
    }

    /// <summary>True when the run holds the value alone (it may be donated).</summary>
    public bool Owns(int slot) => holding[slot] != Holding.Shared;

    public bool Owns(Operand operand) => operand.Literal is null && Owns(operand.Slot);

    public bool Made(int slot) => holding[slot] == Holding.Made;

    public Holding HowHeld(Operand operand) => operand.Literal is null ? holding[operand.Slot] : Holding.Shared;

    public bool Made(Operand operand) => operand.Literal is null && Made(operand.Slot);

    public void Disown(int slot) => holding[slot] = Holding.Shared;

    public void Disown(Operand operand)
    {
        if (operand.Literal is null) Disown(operand.Slot);
    }

    /// <summary>Forgets how every value is held: a step that cannot say which arrays its results share drops them all.</summary>
    public void DisownAll() => Array.Clear(holding);

    /// <summary>Frees the array of a slot the run made and no later step reads.</summary>
    public void Free(int slot)
    {
        values[slot]!.Dispose();
        values[slot] = null;
        holding[slot] = Holding.Shared;
    }
}
