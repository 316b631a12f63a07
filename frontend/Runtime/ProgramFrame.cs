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

/// <summary>
/// The values of one run of a <see cref="HostProgram"/>, one slot per variable, numbered when the program was lowered
/// (a loop runs its body thousands of times: no variable is looked up by hashing on the way).
/// <para>
/// It also records which values the run holds alone: the results its modules made, and the arguments its caller gave
/// up. Each such array is bound to one slot, so when that variable's last reader is a module that aliases a result to
/// it, the module may write the result in the array's buffer (donation). What a control-flow or collective step was
/// given is disowned, since its results may be those very arrays.
/// </para>
/// </summary>
internal sealed class ProgramFrame(int slots)
{
    private readonly NDArray?[] values = new NDArray?[slots];
    private readonly bool[] owned = new bool[slots];

    public NDArray this[int slot] => values[slot] ?? throw new InvalidOperationException($"slot {slot} is read before it is bound");

    public NDArray Read(Operand operand) =>
        operand.Literal is { } literal ? NDArray.FromScalar(literal.Value, literal.Aval.Weak) : this[operand.Slot];

    public void Bind(int slot, NDArray value, bool ownedByRun)
    {
        values[slot] = value;
        owned[slot] = ownedByRun;
    }

    public bool Owns(int slot) => owned[slot];

    public bool Owns(Operand operand) => operand.Literal is null && owned[operand.Slot];

    public void Disown(int slot) => owned[slot] = false;

    public void Disown(Operand operand)
    {
        if (operand.Literal is null) owned[operand.Slot] = false;
    }

    /// <summary>Forgets every value's ownership: a step that cannot say which arrays its results share drops them all.</summary>
    public void DisownAll() => Array.Clear(owned);
}
