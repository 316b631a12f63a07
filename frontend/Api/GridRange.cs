namespace JaxNet;

/// <summary>
/// One axis of <see cref="Jnp.Mgrid(GridRange[])"/> or <see cref="Jnp.Ogrid(GridRange[])"/>: NumPy's slice
/// <c>start:stop:step</c> (<see cref="Range(int, int, int)"/>, or a C# range <c>0..5</c>) or its complex-step form
/// <c>start:stop:nj</c>, n points from start to stop inclusive (<see cref="Points"/>). Integer bounds and steps give
/// an integer axis; a floating bound or step, or a count of points, makes the whole grid floating.
/// </summary>
public readonly record struct GridRange
{
    private GridRange(double start, double stop, double step, int? count, bool floating) =>
        (Start, Stop, Step, Count, IsFloating) = (start, stop, step, count, floating);

    public double Start { get; }

    public double Stop { get; }

    /// <summary>The spacing, for an arange-like range (unused with <see cref="Count"/>).</summary>
    public double Step { get; }

    /// <summary>The number of points from start to stop inclusive, for a linspace-like range; null otherwise.</summary>
    public int? Count { get; }

    /// <summary>Whether the range holds floating values.</summary>
    public bool IsFloating { get; }

    /// <summary>0, 1, ..., stop - 1 (NumPy's <c>:stop</c>).</summary>
    public static GridRange Range(int stop) => Range(0, stop);

    /// <summary>start, start + step, ... before stop (NumPy's <c>start:stop:step</c> with integers).</summary>
    /// <exception cref="ArgumentException">step is zero.</exception>
    public static GridRange Range(int start, int stop, int step = 1) =>
        step == 0 ? throw new ArgumentException("mgrid: the step must not be zero", nameof(step)) : new(start, stop, step, null, false);

    /// <summary>start, start + step, ... before stop, as floating values (NumPy's slice with a float bound or step).</summary>
    /// <exception cref="ArgumentException">step is zero or a bound or the step is not finite.</exception>
    public static GridRange Range(double start, double stop, double step = 1)
    {
        if (step == 0) throw new ArgumentException("mgrid: the step must not be zero", nameof(step));
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step))
            throw new ArgumentException($"mgrid: the bounds and step must be finite, got {start}:{stop}:{step}");
        return new(start, stop, step, null, true);
    }

    /// <summary><paramref name="count"/> evenly spaced points from start to stop, both included (NumPy's complex step
    /// <c>start:stop:countj</c>).</summary>
    /// <exception cref="ArgumentException">count is negative or a bound is not finite.</exception>
    public static GridRange Points(double start, double stop, int count)
    {
        if (count < 0) throw new ArgumentException($"mgrid: the number of points must be non-negative, got {count}", nameof(count));
        if (!double.IsFinite(start) || !double.IsFinite(stop)) throw new ArgumentException($"mgrid: the bounds must be finite, got {start} and {stop}");
        return new(start, stop, 0, count, true);
    }

    /// <summary>A C# range <c>a..b</c> as the integer range a:b; indices from the end (<c>^1</c>) have no meaning
    /// here.</summary>
    public static implicit operator GridRange(System.Range range) =>
        range.Start.IsFromEnd || range.End.IsFromEnd
            ? throw new ArgumentException($"mgrid: a range from the end ({range}) has no length here; give both bounds")
            : Range(range.Start.Value, range.End.Value);

    /// <summary>The range's values in <paramref name="dtype"/> (the grid's common type).</summary>
    internal NDArray Values(DType dtype) => Count is { } n
        ? Jnp.Linspace(Start, Stop, n, dtype: dtype)
        : IsFloating || dtype.IsFloat()
            ? Jnp.Arange(Start, Stop, Step, dtype)
            : Jax.Lax.ConvertElementType(Jnp.Arange((int)Start, (int)Stop, (int)Step), dtype);
}
