using System.Reflection;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>Where a program's <c>load inK</c> reads from.</summary>
internal abstract record InputBinding
{
    /// <summary>A buffer slot through an index map at <c>MapAt</c> in the launch metadata; a map that reads in the
    /// kernel's row-major order has <c>ContiguousOffset</c> &gt;= 0 (see <see cref="MapCodec.ContiguousOffset"/>).</summary>
    public sealed record Mapped(int Slot, DType DType, int MapAt, long ContiguousOffset = -1) : InputBinding;

    /// <summary>A raw register-valued intermediate through an index map.</summary>
    public sealed record Raw(int Slot, int MapAt) : InputBinding;

    /// <summary>A register the kernel filled before running the program (an epilogue's own value).</summary>
    public sealed record Register(int Index) : InputBinding;
}

/// <summary>Where a program's result r goes.</summary>
internal sealed record OutputBinding(int Slot, DType DType, bool Raw = false);

/// <summary>
/// Turns a <see cref="ScalarProgram"/> into a step tree (see <see cref="IStep"/>): one generic struct per node,
/// its op, dtype, register numbers and buffer slots as type arguments, then one store per result.
/// </summary>
internal sealed class StepBuilder
{
    private readonly List<(Type Type, object Value)> steps = [];

    /// <summary>Registers used so far (the kernel's local array must hold them).</summary>
    public int RegisterCount { get; private set; }

    /// <summary>Reserves a register (e.g. for a value the kernel sets before the program runs).</summary>
    public int Reserve() => RegisterCount++;

    /// <summary>
    /// Appends the program's steps; returns the registers holding its results (live until the caller's stores).
    /// Registers are reused once a value's last user has run (linear scan over the SSA order), so the register
    /// file holds the live values, not every node: threefry's hundreds of nodes need a few dozen registers,
    /// which keeps a GPU thread's array small (and the emulator's per-thread allocation cheap).
    /// </summary>
    public int[] Append(ScalarProgram program, IReadOnlyList<InputBinding> inputs, int shapeAt)
    {
        var count = program.Nodes.Count;
        var lastUse = Enumerable.Repeat(-1, count).ToArray();
        for (var i = 0; i < count; i++)
            foreach (var operand in program.Nodes[i].Operands()) lastUse[operand] = i;
        foreach (var r in program.Results) lastUse[r] = int.MaxValue;
        var register = new int[count];
        var pool = new Stack<int>();
        for (var i = 0; i < count; i++)
        {
            // Every step reads all its operands before it writes, so a dying operand's register can be the result's.
            foreach (var operand in program.Nodes[i].Operands().Distinct())
                if (lastUse[operand] == i) pool.Push(register[operand]);
            var dst = register[i] = pool.Count > 0 ? pool.Pop() : RegisterCount++;
            int R(int node) => register[node];
            DType TypeOf(int node) => program.Nodes[node].DType;
            switch (program.Nodes[i])
            {
                case LoadNode load:
                    AddLoad(dst, inputs[load.Input]);
                    break;
                case ConstNode c:
                    Add(Step(typeof(ConstStep<>), dst), ("Value", ConstValue(c)));
                    break;
                case IndexNode index:
                    Add(Step(typeof(IndexStep<>), dst), ("ShapeAt", shapeAt), ("Dimension", index.Dimension));
                    break;
                case UnaryNode u:
                    Add(Step(typeof(UnaryStep<,,,>), Tags.Of(u.Op), Tags.Of(TypeOf(u.X)), dst, R(u.X)));
                    break;
                case BinaryNode b:
                    Add(Step(typeof(BinaryStep<,,,,>), Tags.Of(b.Op), Tags.Of(TypeOf(b.A)), dst, R(b.A), R(b.B)));
                    break;
                case SelectNode s:
                    Add(Step(typeof(SelectStep<,,,>), dst, R(s.Predicate), R(s.OnTrue), R(s.OnFalse)));
                    break;
                case ConvertNode c:
                    Add(Step(typeof(ConvertStep<,,,>), Tags.Of(TypeOf(c.X)), Tags.Of(c.DType), dst, R(c.X)));
                    break;
                case BitcastNode c:
                    Add(Step(typeof(BitcastStep<,,,>), Tags.Of(TypeOf(c.X)), Tags.Of(c.DType), dst, R(c.X)));
                    break;
                default:
                    throw new NotSupportedException($"scalar node {program.Nodes[i].GetType().Name}");
            }
            if (lastUse[i] == -1) pool.Push(dst);
        }
        return program.Results.Select(r => register[r]).ToArray();
    }

    /// <summary>Appends a conversion of a register between dtypes; returns the register holding the result.</summary>
    public int AppendConvert(int register, DType from, DType to)
    {
        if (from == to) return register;
        var dst = RegisterCount++;
        Add(Step(typeof(ConvertStep<,,,>), Tags.Of(from), Tags.Of(to), dst, register));
        return dst;
    }

    public void AppendStore(int register, OutputBinding output)
    {
        if (output.Raw) Add(Step(typeof(StoreRawStep<,>), register, new SlotNumber(output.Slot)));
        else Add(Step(typeof(StoreStep<,,>), Tags.Of(output.DType), register, new SlotNumber(output.Slot)));
    }

    /// <summary>The steps appended since the last call as one balanced <see cref="Seq{A,B}"/> tree (depth log n:
    /// deep generic nesting is slow to load and to compile). Register numbering continues across calls, so one
    /// builder can make a prologue and an epilogue that share the register file.</summary>
    public (Type Type, object Value) Build()
    {
        var tree = steps.Count == 0 ? (typeof(NopStep), new NopStep()) : Tree(0, steps.Count);
        steps.Clear();
        return tree;
    }

    private (Type Type, object Value) Tree(int from, int to)
    {
        if (to - from == 1) return steps[from];
        var mid = (from + to) / 2;
        var left = Tree(from, mid);
        var right = Tree(mid, to);
        var type = typeof(Seq<,>).MakeGenericType(left.Type, right.Type);
        var value = Activator.CreateInstance(type)!;
        type.GetField("First")!.SetValue(value, left.Value);
        type.GetField("Second")!.SetValue(value, right.Value);
        return (type, value);
    }

    private void AddLoad(int dst, InputBinding input)
    {
        switch (input)
        {
            case InputBinding.Mapped { ContiguousOffset: >= 0 } m:
                Add(Step(typeof(ContiguousLoadStep<,,>), Tags.Of(m.DType), dst, new SlotNumber(m.Slot)), ("Offset", m.ContiguousOffset));
                break;
            case InputBinding.Mapped m:
                Add(Step(typeof(LoadStep<,,>), Tags.Of(m.DType), dst, new SlotNumber(m.Slot)), ("MapAt", m.MapAt));
                break;
            case InputBinding.Raw r:
                Add(Step(typeof(LoadRawStep<,>), dst, new SlotNumber(r.Slot)), ("MapAt", r.MapAt));
                break;
            case InputBinding.Register r:
                Add(Step(typeof(CopyRegisterStep<,>), dst, r.Index));
                break;
        }
    }

    private static long ConstValue(ConstNode c) =>
        c.DType.IsFloat() ? Registers.FromDouble(c.Value, c.DType) : Registers.Normalize(c.Bits, c.DType);

    /// <summary>Closes a step's generic definition: tag types as they are, register numbers (ints) and slots as
    /// their name types (<see cref="Names"/>), in the order of its type parameters.</summary>
    private static Type Step(Type definition, params object[] arguments) =>
        definition.MakeGenericType(arguments.Select(a => a switch
        {
            Type type => type,
            SlotNumber slot => Names.Slot(slot.Value),
            _ => Names.Register((int)a),
        }).ToArray());

    /// <summary>Marks a buffer slot among a step's arguments (the other ints are registers).</summary>
    private readonly record struct SlotNumber(int Value);

    private void Add(Type type, params (string Field, object Value)[] fields)
    {
        var value = Activator.CreateInstance(type)!;
        foreach (var (field, v) in fields)
            type.GetField(field, BindingFlags.Public | BindingFlags.Instance)!.SetValue(value, v);
        steps.Add((type, value));
    }
}
