namespace JaxNet.Fuzz.Generation;

/// <summary>
/// Random shapes: a total size from a class (empty, one element, small, medium, large, up to the cap), split over
/// up to four dimensions, with 1-sized dimensions and sizes at powers of two and one either side mixed in.
/// </summary>
internal static class RandomShapes
{
    private static readonly int[] Awkward = [1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 64, 65, 127, 128, 129, 255, 257, 1023, 1025];

    public static int TargetSize(Random random, int maxElements)
    {
        var roll = random.Next(100);
        var (lo, hi) = roll switch
        {
            < 3 => (0, 0),
            < 8 => (1, 1),
            < 30 => (2, 16),
            < 60 => (17, 512),
            < 83 => (513, 8192),
            _ => (8193, maxElements),
        };
        hi = Math.Min(hi, maxElements);
        lo = Math.Min(lo, hi);
        // Log-uniform within the class.
        return (int)Math.Round(Math.Exp(Math.Log(lo + 1) + random.NextDouble() * (Math.Log(hi + 1) - Math.Log(lo + 1)))) - 1;
    }

    public static int[] Of(Random random, int maxElements) => WithSize(random, TargetSize(random, maxElements), maxElements);

    /// <summary>A shape of about <paramref name="target"/> elements (exactly, when it is 0 or 1).</summary>
    public static int[] WithSize(Random random, int target, int maxElements)
    {
        if (target == 1 && random.Next(3) == 0) return [];
        var rank = random.Next(1, 5);
        var shape = new int[rank];
        double remaining = Math.Max(target, 1);
        for (var d = 0; d < rank; d++)
        {
            var left = rank - d;
            var size = left == 1 ? remaining : Math.Exp(random.NextDouble() * Math.Log(remaining + 1) * 2 / left);
            shape[d] = Math.Max(1, (int)Math.Round(size));
            if (random.Next(6) == 0) shape[d] = 1;
            else if (random.Next(8) == 0) shape[d] = Awkward[random.Next(Awkward.Length)];
            remaining = Math.Max(1, remaining / shape[d]);
        }
        random.Shuffle(shape);
        if (target == 0) shape[random.Next(rank)] = 0;
        while (shape.Aggregate(1L, (a, b) => a * b) > maxElements)
        {
            var largest = Array.IndexOf(shape, shape.Max());
            shape[largest] = Math.Max(1, shape[largest] / 2);
        }
        return shape;
    }
}
