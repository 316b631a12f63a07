using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Generation;

/// <summary>
/// A program under construction: inputs and nodes in the order they were made (a node may need a fresh input after
/// other nodes exist), renumbered inputs-first when built.
/// </summary>
internal sealed class ProgramBuilder(Random random, FuzzOptions options)
{
    private readonly List<(TensorType Type, RefArray? Input, FuzzNode? Node)> slots = [];

    public Random Random { get; } = random;

    /// <summary>The makers this program draws its ops from (a body of control flow draws from them too).</summary>
    public (int Weight, Func<ProgramBuilder, int?> Make)[] Makers { get; init; } = [];

    public FuzzOptions Options { get; } = options;

    public InputData Data { get; } = new(random, options.Smooth);

    public int Count => slots.Count;

    public TensorType TypeOf(int slot) => slots[slot].Type;

    /// <summary>Whether the slot holds an op's result (not an input).</summary>
    public bool IsNode(int slot) => slots[slot].Node is not null;

    public int Input(TensorType type) => Input(Data.Make(type));

    public int Input(RefArray data)
    {
        slots.Add((data.Type, data, null));
        return slots.Count - 1;
    }

    /// <summary>The op applied to <paramref name="args"/>, or null when they do not fit it or the result is too large.</summary>
    public int? Add(FuzzOp op, params int[] args)
    {
        TensorType type;
        try
        {
            type = op.ResultType(args.Select(TypeOf).ToArray());
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (type.Size > Options.MaxElements) return null;
        slots.Add((type, null, new FuzzNode(op, args, type)));
        return slots.Count - 1;
    }

    /// <summary>An existing value, most often a recent one (so that ops chain and fuse).</summary>
    public int Pick() => Random.Next(3) > 0 ? Math.Max(0, Count - 1 - Random.Next(Math.Min(Count, 3))) : Random.Next(Count);

    /// <summary>An existing value of a type that <paramref name="fits"/>, if any.</summary>
    public int? Pick(Func<TensorType, bool> fits)
    {
        var candidates = Enumerable.Range(0, Count).Where(s => fits(TypeOf(s))).ToArray();
        if (candidates.Length == 0) return null;
        return Random.Next(3) > 0 ? candidates[^1] : candidates[Random.Next(candidates.Length)];
    }

    public T Choose<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public bool Chance(double p) => Random.NextDouble() < p;

    /// <summary>The program with inputs first; <paramref name="outputs"/> are slots.</summary>
    public FuzzProgram Build(IReadOnlyList<int> outputs) => FuzzProgram.Compose(slots.Select(s => (s.Input, s.Node)).ToArray(), outputs);

    /// <summary>The program as a body whose first <paramref name="parameters"/> slots are its parameters.</summary>
    public FuzzBody BuildBody(int parameters, IReadOnlyList<int> outputs) =>
        new(FuzzProgram.Compose(slots.Select(s => (s.Input, s.Node)).ToArray(), outputs, parameters), parameters);
}
