using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Ops.Indexing;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    /// <summary>
    /// A random NumPy index for <paramref name="shape"/>: per axis an integer, a slice (bounds null, negative or past
    /// the end; steps of either sign), an integer array (an input, any of whose entries may be negative or out of
    /// range) or the whole axis; new axes sprinkled in, and then a run of whole axes replaced by an ellipsis or trailing
    /// whole axes left out. <paramref name="update"/> allows integers out of range (an update drops them).
    /// </summary>
    private static (NumpyIndexEntry[] Index, int[] Arrays) RandomIndex(ProgramBuilder b, int[] shape, bool update)
    {
        var entries = new List<NumpyIndexEntry>();
        var arrays = new List<int>();
        var batch = Enumerable.Range(0, b.Random.Next(0, 3)).Select(_ => b.Random.Next(0, 5)).ToArray();
        foreach (var n in shape)
        {
            var roll = b.Random.Next(20);
            if (roll < 3 && (n > 0 || update))
                entries.Add(new(NumpyIndexKind.Integer, update && b.Chance(0.15) ? b.Random.Next(-n - 3, n + 3) : b.Random.Next(-n, Math.Max(n, 1))));
            else if (roll < 11)
                entries.Add(RandomSlice(b, n));
            else if (roll < 15 && n > 0)
            {
                // Shapes that broadcast to the batch: some dimensions 1, some leading ones left out.
                var own = batch.Skip(b.Random.Next(batch.Length + 1)).Select(s => b.Chance(0.3) ? 1 : s).ToArray();
                var dtype = b.Choose([DType.Int32, DType.Int32, DType.Int64, DType.UInt8]);
                arrays.Add(b.Input(b.Data.Indices(new TensorType(dtype, own), -n - 2, n + 1)));
                entries.Add(new(NumpyIndexKind.Array));
            }
            else entries.Add(NumpyIndexEntry.Whole);
        }
        for (var k = b.Random.Next(3) == 0 ? b.Random.Next(1, 3) : 0; k > 0; k--)
            entries.Insert(b.Random.Next(entries.Count + 1), new(NumpyIndexKind.NewAxis));
        var wholeRun = entries.FindLastIndex(e => e != NumpyIndexEntry.Whole) + 1;
        if (b.Chance(0.3))
        {
            // An ellipsis for a run of whole axes (possibly none) somewhere in the index.
            var at = b.Random.Next(entries.Count + 1);
            var length = 0;
            while (at + length < entries.Count && entries[at + length] == NumpyIndexEntry.Whole && b.Chance(0.7)) length++;
            entries.RemoveRange(at, length);
            entries.Insert(at, new(NumpyIndexKind.Ellipsis));
        }
        else if (b.Chance(0.5)) entries.RemoveRange(wholeRun, entries.Count - wholeRun);
        return ([.. entries], [.. arrays]);
    }

    private static NumpyIndexEntry RandomSlice(ProgramBuilder b, int n)
    {
        int? Bound() => b.Chance(0.3) ? null : b.Random.Next(-n - 2, n + 3);
        var step = b.Choose([1, 1, 2, 3, -1, -1, -2, -3]);
        return new(NumpyIndexKind.Slice, Start: Bound(), Stop: Bound(), Step: step);
    }

    /// <summary><c>x[idx]</c> with a random NumPy index, or (when it holds integer arrays, a third of the time)
    /// <c>x.At[idx].Get(TakeMode.Fill, fillValue)</c>: NaN by default for floats, finite in smooth programs.</summary>
    public static int? NumpyIndexGet(ProgramBuilder b)
    {
        var x = b.Pick();
        var dtype = b.TypeOf(x).DType;
        var (index, arrays) = RandomIndex(b, b.TypeOf(x).Shape, update: false);
        if (arrays.Length == 0 || !b.Chance(0.35)) return b.Add(new IndexGetFuzzOp(index), [x, .. arrays]);
        double? fill = dtype switch
        {
            _ when dtype.IsFloat() => b.Options.Smooth || b.Chance(0.5) ? b.Choose([0, -1.5, 2, 1e4]) : null,
            DType.Bool => b.Random.Next(2),
            DType.UInt8 => b.Choose([0, 7, 255]),
            DType.UInt32 => b.Choose([0, 7, 4e9]),
            _ => b.Choose([-1, 0, 7]),
        };
        return b.Add(new IndexGetFuzzOp(index, fill: true, fill), [x, .. arrays]);
    }

    /// <summary><c>x.At[idx].Set/Add/Subtract/Multiply/Divide/Power/Min/Max(v)</c> or <c>.Apply(f)</c> with a random
    /// NumPy index; v has the shape of x[idx], or one that broadcasts to it. Divide and Power take float arrays, and
    /// not in smooth programs (poles, and negative bases); Apply there applies a function smooth everywhere.</summary>
    public static int? NumpyIndexUpdate(ProgramBuilder b)
    {
        var x = b.Pick();
        var type = b.TypeOf(x);
        var (index, arrays) = RandomIndex(b, type.Shape, update: true);
        int[] target;
        try
        {
            target = new NumpyIndexMap(type.Shape, index, arrays.Select(a => b.TypeOf(a).Shape).ToArray(), update: true).Shape;
        }
        catch (ArgumentException)
        {
            return null;
        }
        var method = b.Choose(UpdateMethods(type.DType, b.Options.Smooth));
        if (method == AtMethod.Apply)
        {
            var functions = b.Options.Smooth ? SmoothEverywhere
                : UnaryFuzzOp.DefinedOn(type.DType).Where(op => op.ResultType(type.DType) == type.DType).ToArray();
            return b.Add(new IndexUpdateFuzzOp(index, method, b.Choose(functions)), [x, .. arrays]);
        }
        var roll = b.Random.Next(10);
        int[] valuesShape = roll < 5 ? target : roll < 7 ? [] : target.Skip(b.Random.Next(target.Length + 1)).Select(s => b.Chance(0.4) ? 1 : s).ToArray();
        var values = b.Input(type.With(valuesShape));
        return b.Add(new IndexUpdateFuzzOp(index, method), [x, .. arrays, values]);
    }

    private static AtMethod[] UpdateMethods(DType dtype, bool smooth) => dtype switch
    {
        DType.Bool => [AtMethod.Set, AtMethod.Apply],
        _ when dtype.IsFloat() && !smooth => Enum.GetValues<AtMethod>(),
        _ => [AtMethod.Set, AtMethod.Add, AtMethod.Subtract, AtMethod.Multiply, AtMethod.Min, AtMethod.Max, AtMethod.Apply],
    };
}
