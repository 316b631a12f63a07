using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    public static int? Broadcast(ProgramBuilder b)
    {
        var x = b.Pick(t => t.Rank <= 3);
        if (x is not { } v) return null;
        var type = b.TypeOf(v);
        var added = b.Random.Next(1, 3);
        var rank = type.Rank + added;
        var kept = Enumerable.Range(0, rank).OrderBy(_ => b.Random.Next()).Take(type.Rank).Order().ToArray();
        var room = Math.Max(1, b.Options.MaxElements / Math.Max(type.Size, 1));
        var shape = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            var from = Array.IndexOf(kept, d);
            var fresh = Math.Max(1, (int)Math.Pow(room, b.Random.NextDouble() / added));
            shape[d] = from < 0 ? fresh : type.Shape[from] == 1 && b.Chance(0.5) ? fresh : type.Shape[from];
        }
        return b.Add(new BroadcastFuzzOp(shape, kept), v);
    }

    public static int? Reshape(ProgramBuilder b)
    {
        var x = b.Pick();
        var size = b.TypeOf(x).Size;
        int[] shape;
        if (size == 0)
        {
            shape = RandomShapes.WithSize(b.Random, 0, b.Options.MaxElements);
        }
        else
        {
            // The prime factors of the size dealt into dimensions, with 1s among them.
            var rank = size == 1 && b.Chance(0.3) ? 0 : b.Random.Next(1, 6);
            shape = Enumerable.Repeat(1, rank).ToArray();
            var n = size;
            for (long p = 2; n > 1 && rank > 0; p++)
            {
                if (p * p > n) p = n;
                while (n % p == 0)
                {
                    shape[b.Random.Next(rank)] *= (int)p;
                    n /= p;
                }
            }
        }
        return b.Add(new ReshapeFuzzOp(shape), x);
    }

    public static int? Transpose(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 2) is not { } x) return null;
        var permutation = Enumerable.Range(0, b.TypeOf(x).Rank).ToArray();
        b.Random.Shuffle(permutation);
        return b.Add(new TransposeFuzzOp(permutation), x);
    }

    public static int? Rev(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var rank = b.TypeOf(x).Rank;
        var dims = Enumerable.Range(0, rank).Where(_ => b.Chance(0.5)).ToArray();
        return b.Add(new RevFuzzOp(dims.Length > 0 ? dims : [b.Random.Next(rank)]), x);
    }

    public static int? Slice(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var shape = b.TypeOf(x).Shape;
        var (start, limit, strides) = (new int[shape.Length], new int[shape.Length], new int[shape.Length]);
        for (var d = 0; d < shape.Length; d++)
        {
            start[d] = b.Chance(0.4) ? 0 : b.Random.Next(shape[d] + 1);
            limit[d] = b.Chance(0.4) ? shape[d] : b.Random.Next(start[d], shape[d] + 1);
            strides[d] = b.Chance(0.6) ? 1 : b.Random.Next(2, 5);
        }
        return b.Add(new SliceFuzzOp(start, limit, strides), x);
    }

    public static int? Pad(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var type = b.TypeOf(x);
        var config = new (int Low, int High, int Interior)[type.Rank];
        for (var d = 0; d < type.Rank; d++)
        {
            var n = type.Shape[d];
            var interior = b.Chance(0.7) ? 0 : b.Random.Next(1, 3);
            var full = n + Math.Max(n - 1, 0) * interior;
            // Negative edges crop; together they keep the size non-negative.
            var low = b.Chance(0.3) ? -b.Random.Next(full / 2 + 1) : b.Random.Next(4);
            var high = b.Chance(0.3) ? -b.Random.Next((full + low) / 2 + 1) : b.Random.Next(4);
            config[d] = (low, high, interior);
        }
        var fill = b.Data.Make(new TensorType(type.DType, [])).Values[0];
        var value = type.DType.IsFloat() ? fill.Float : fill.ToDouble();
        if (type.DType.IsFloat() && !b.Options.Smooth && b.Chance(0.3)) value = b.Choose([double.NaN, double.NegativeInfinity, -0.0, 0.0]);
        return b.Add(new PadFuzzOp(value, config), x);
    }

    public static int? Concatenate(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var type = b.TypeOf(x);
        var dimension = b.Random.Next(type.Rank);
        var pieces = new List<int> { x };
        for (var k = b.Random.Next(1, 3); k > 0; k--)
        {
            var shape = (int[])type.Shape.Clone();
            shape[dimension] = b.Chance(0.2) ? 0 : b.Random.Next(1, Math.Max(2, type.Shape[dimension] + 3));
            pieces.Add(b.Chance(0.2) ? x : b.Input(type.With(shape)));
        }
        b.Random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pieces));
        return b.Add(new ConcatenateFuzzOp(dimension), pieces.ToArray());
    }
}
