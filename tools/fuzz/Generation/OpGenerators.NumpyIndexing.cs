using JaxNet.Abstractions.Kernels;
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

    /// <summary><c>x[idx]</c> with a random NumPy index.</summary>
    public static int? NumpyIndexGet(ProgramBuilder b)
    {
        var x = b.Pick();
        var (index, arrays) = RandomIndex(b, b.TypeOf(x).Shape, update: false);
        return b.Add(new IndexGetFuzzOp(index), [x, .. arrays]);
    }

    /// <summary><c>x.At[idx].Set/Add/Multiply/Min/Max(v)</c> with a random NumPy index; v has the shape of x[idx], or
    /// one that broadcasts to it.</summary>
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
        var roll = b.Random.Next(10);
        int[] valuesShape = roll < 5 ? target : roll < 7 ? [] : target.Skip(b.Random.Next(target.Length + 1)).Select(s => b.Chance(0.4) ? 1 : s).ToArray();
        var values = b.Input(type.With(valuesShape));
        var combiner = type.DType == DType.Bool ? ScatterCombiner.Replace : b.Choose(Enum.GetValues<ScatterCombiner>());
        return b.Add(new IndexUpdateFuzzOp(index, combiner), [x, .. arrays, values]);
    }
}
