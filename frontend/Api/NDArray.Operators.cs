namespace JaxNet;

public sealed partial class NDArray
{
    // C# scalars are weakly typed (JAX's Python scalars): x * 2f keeps x's dtype.
    public static implicit operator NDArray(float value) => Jnp.Scalar(value);

    public static implicit operator NDArray(double value) => Jnp.Scalar(value);

    public static implicit operator NDArray(int value) => Jnp.Scalar(value);

    public static implicit operator NDArray(uint value) => Jnp.Scalar(value);

    public static implicit operator NDArray(long value) => Jnp.Scalar(value);

    public static implicit operator NDArray(bool value) => Jnp.Scalar(value);

    public static implicit operator NDArray(System.Numerics.Complex value) => Jnp.Scalar(value);

    public static NDArray operator +(NDArray x, NDArray y) => Jnp.Add(x, y);

    public static NDArray operator -(NDArray x, NDArray y) => Jnp.Subtract(x, y);

    public static NDArray operator *(NDArray x, NDArray y) => Jnp.Multiply(x, y);

    public static NDArray operator /(NDArray x, NDArray y) => Jnp.Divide(x, y);

    public static NDArray operator %(NDArray x, NDArray y) => Jnp.Remainder(x, y);

    public static NDArray operator -(NDArray x) => Jnp.Negative(x);

    public static NDArray operator +(NDArray x) => x;

    public static NDArray operator !(NDArray x) => Jnp.LogicalNot(x);

    public static NDArray operator ~(NDArray x) => Jnp.BitwiseNot(x);

    public static NDArray operator &(NDArray x, NDArray y) => Jnp.BitwiseAnd(x, y);

    public static NDArray operator |(NDArray x, NDArray y) => Jnp.BitwiseOr(x, y);

    public static NDArray operator ^(NDArray x, NDArray y) => Jnp.BitwiseXor(x, y);

    public static NDArray operator <(NDArray x, NDArray y) => Jnp.Less(x, y);

    public static NDArray operator <=(NDArray x, NDArray y) => Jnp.LessEqual(x, y);

    public static NDArray operator >(NDArray x, NDArray y) => Jnp.Greater(x, y);

    public static NDArray operator >=(NDArray x, NDArray y) => Jnp.GreaterEqual(x, y);

    /// <summary>Elementwise equality (a bool array), as in NumPy; use ReferenceEquals for identity.</summary>
    public static NDArray operator ==(NDArray x, NDArray y) => Jnp.Equal(x, y);

    public static NDArray operator !=(NDArray x, NDArray y) => Jnp.NotEqual(x, y);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The transpose (reversed axes).</summary>
    public NDArray T => Jnp.Transpose(this);

    public NDArray Reshape(params int[] shape) => Jnp.Reshape(this, shape);

    public NDArray Astype(DType dtype) => Jnp.Astype(this, dtype);

    public NDArray Sum(int? axis = null, bool keepdims = false) => Jnp.Sum(this, axis, keepdims);

    public NDArray Mean(int? axis = null, bool keepdims = false) => Jnp.Mean(this, axis, keepdims);

    public NDArray Max(int? axis = null, bool keepdims = false) => Jnp.Max(this, axis, keepdims);

    public NDArray Min(int? axis = null, bool keepdims = false) => Jnp.Min(this, axis, keepdims);
}
