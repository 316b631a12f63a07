namespace JaxNet;

public sealed partial class NDArray
{
    /// <summary>
    /// jax.Array.view (NumPy's ndarray.view): the same bytes read as <paramref name="dtype"/>. A change of width
    /// rescales the last axis (a float32[3, 2] viewed as uint8 is [3, 8]; back as float32 it is [3, 2] again), so
    /// the last axis of a narrow-to-wide view must be a multiple of the ratio, and a 0-d array keeps its width.
    /// Bool reads as one byte that is 0 or 1 (as NumPy stores it), and a byte viewed as bool is its value != 0.
    /// </summary>
    public NDArray View(DType dtype)
    {
        if (dtype == DType) return this;
        if (DType == DType.Bool) return Jax.Lax.ConvertElementType(this, DType.UInt8).View(dtype);
        if (dtype == DType.Bool) return Jnp.NotEqual(View(DType.UInt8), Jnp.Zeros([], DType.UInt8));
        var (fromSize, toSize) = (DType.SizeOf(), dtype.SizeOf());
        if (fromSize == toSize) return Jax.Lax.BitcastConvertType(this, dtype);
        if (Shape.Length == 0)
            throw new ArgumentException($"view: a 0-d {DType.NumpyName()} cannot be viewed as {dtype.NumpyName()}, whose width differs " +
                "(NumPy and JAX change the size of the last axis, which a 0-d array lacks)", nameof(dtype));
        var leading = Shape[..^1];
        if (fromSize > toSize)
            return Jax.Lax.BitcastConvertType(this, dtype).Reshape([.. leading, Shape[^1] * (fromSize / toSize)]);
        var ratio = toSize / fromSize;
        if (Shape[^1] % ratio != 0)
            throw new ArgumentException($"view: {ratio} {DType.NumpyName()} elements make one {dtype.NumpyName()}, so the last axis " +
                $"({Shape[^1]}) must be a multiple of {ratio}", nameof(dtype));
        return Jax.Lax.BitcastConvertType(Reshape([.. leading, Shape[^1] / ratio, ratio]), dtype);
    }
}
