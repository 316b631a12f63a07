using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Nn
    {
        public static partial class Initializers
        {
            /// <summary>
            /// jax.nn.initializers.orthogonal: weights whose <paramref name="columnAxis"/> slices are orthonormal (or
            /// whose rows are, when there are fewer rows than columns), times <paramref name="scale"/>. As JAX does it:
            /// the QR factor of a normal matrix of (product of the other dimensions) x (column size), its columns'
            /// signs flipped to make R's diagonal positive so the result is uniform over orthogonal matrices.
            /// </summary>
            public static Initializer Orthogonal(double scale = 1, int columnAxis = -1) => (key, shape, dtype) =>
            {
                var d = FloatDType(dtype);
                if (shape.Length < 2)
                    throw new ArgumentException($"Initializers.Orthogonal: needs a shape of at least 2 dimensions, got {Shapes.Format(shape)}");
                var axis = Shapes.Axis(columnAxis, shape.Length, "Initializers.Orthogonal");
                var columns = shape[axis];
                var rows = checked((int)(Shapes.Size(shape) / Math.Max(columns, 1)));
                var a = Random.Normal(key, rows < columns ? [columns, rows] : [rows, columns], d);
                var (q, r) = Jnp.Linalg.Qr(a);
                q = q * Jnp.Sign(Jnp.Diagonal(r))[IndexItem.NewAxis, ..];
                if (rows < columns) q = Jnp.Transpose(q);
                int[] others = [.. shape.Where((_, k) => k != axis), columns];
                return Jnp.Moveaxis(Jnp.Reshape(q, others), -1, axis) * Constant(scale, d);
            };

            /// <summary>
            /// jax.nn.initializers.delta_orthogonal, for convolution kernels of 3 to 5 dimensions (spatial..., in, out)
            /// with in &lt;= out: zeros, but at the spatial centre an <see cref="Orthogonal"/> in x out matrix, so the
            /// convolution starts out norm-preserving.
            /// </summary>
            public static Initializer DeltaOrthogonal(double scale = 1, int columnAxis = -1) => (key, shape, dtype) =>
            {
                var d = FloatDType(dtype);
                if (shape.Length is < 3 or > 5)
                    throw new ArgumentException($"Initializers.DeltaOrthogonal: needs a 3-, 4- or 5-dimensional shape, got {Shapes.Format(shape)}");
                if (shape[^1] < shape[^2])
                    throw new ArgumentException($"Initializers.DeltaOrthogonal: fan_in ({shape[^2]}) must be at most fan_out ({shape[^1]})");
                var centre = Orthogonal(scale, columnAxis)(key, shape[^2..], d);
                var at = shape[..^2].Select(k => (IndexItem)((k - 1) / 2)).Append(IndexItem.Ellipsis).ToArray();
                return Jnp.Zeros(shape, d).At[at].Set(centre);
            };

            /// <summary>jax.nn.initializers.truncated_normal: a standard normal truncated to (lower, upper), times
            /// <paramref name="stddev"/> (so its standard deviation is somewhat less than stddev).</summary>
            public static Initializer TruncatedNormal(double stddev = 1e-2, double lower = -2, double upper = 2) => (key, shape, dtype) =>
            {
                var d = FloatDType(dtype);
                return Random.TruncatedNormal(key, Constant(lower, d), Constant(upper, d), shape, d) * Constant(stddev, d);
            };

            /// <summary>jax.nn.initializers.constant: every element <paramref name="value"/>; the key is unused.</summary>
            public static Initializer Constant(double value) => (_, shape, dtype) => Jnp.Full(shape, Constant(value, dtype ?? TypePromotion.DefaultFloat));

            /// <summary>JAX's other name for <see cref="GlorotUniform"/>.</summary>
            public static Initializer XavierUniform(int inAxis = -2, int outAxis = -1) => GlorotUniform(inAxis, outAxis);

            /// <summary>JAX's other name for <see cref="GlorotNormal"/>.</summary>
            public static Initializer XavierNormal(int inAxis = -2, int outAxis = -1) => GlorotNormal(inAxis, outAxis);

            /// <summary>JAX's other name for <see cref="HeUniform"/>.</summary>
            public static Initializer KaimingUniform(int inAxis = -2, int outAxis = -1) => HeUniform(inAxis, outAxis);

            /// <summary>JAX's other name for <see cref="HeNormal"/>.</summary>
            public static Initializer KaimingNormal(int inAxis = -2, int outAxis = -1) => HeNormal(inAxis, outAxis);

            private static DType FloatDType(DType? dtype)
            {
                var d = dtype ?? TypePromotion.DefaultFloat;
                return d.IsFloat() ? d : throw new ArgumentException($"Initializers: dtype must be a float type, got {d}");
            }
        }
    }
}
