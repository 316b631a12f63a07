namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Spatial
        {
            public static partial class Transform
            {
                /// <summary>
                /// jax.scipy.spatial.transform.Rotation: rotations held as quaternions <see cref="Quat"/> of shape (4,) (a
                /// single rotation) or (..., 4), scalar-last (x, y, z, w) as SciPy and JAX store them. The constructor takes
                /// the array as it is (JAX's <c>Rotation(quat)</c>); <see cref="FromQuat"/> normalises. A rotation is a
                /// pytree with the one leaf <see cref="Quat"/>, so it passes through Jit, Vmap and Grad; for that reason
                /// JAX's <c>single</c> property and <c>len()</c> are the methods <see cref="Single"/> and <see cref="Len"/>.
                /// </summary>
                public sealed partial class Rotation
                {
                    /// <summary>Wraps <paramref name="quat"/> (..., 4) without normalising it.</summary>
                    public Rotation(NDArray quat)
                    {
                        if (quat.Ndim == 0 || quat.Shape[^1] != 4)
                            throw new ShapeException($"Rotation: quaternions have shape (..., 4), got {Core.Shapes.Format(quat.Shape)}");
                        if (!quat.DType.IsFloat())
                            throw new ArgumentException($"Rotation: quaternions are real floating point, got {quat.DType}", nameof(quat));
                        Quat = quat;
                    }

                    /// <summary>The quaternions, shape (..., 4), scalar-last.</summary>
                    public NDArray Quat { get; }

                    /// <summary>
                    /// Rotation.from_quat: normalised to unit length (a zero quaternion gives NaN, as JAX's). Integers become the
                    /// default float type. <paramref name="scalarFirst"/> reads (w, x, y, z).
                    /// </summary>
                    public static Rotation FromQuat(NDArray quat, bool scalarFirst = false)
                    {
                        quat = Real(quat, "from_quat");
                        LastAxis(quat, 4, "from_quat", "quaternions");
                        if (scalarFirst) quat = Jnp.Roll(quat, -1, axis: -1);
                        return new Rotation(Quaternions.Normalize(quat));
                    }

                    /// <summary>
                    /// Rotation.as_quat. <paramref name="canonical"/> picks from q and -q the one with w &gt; 0 (when w is 0,
                    /// the one whose first nonzero component is positive); <paramref name="scalarFirst"/> returns (w, x, y, z).
                    /// </summary>
                    public NDArray AsQuat(bool canonical = false, bool scalarFirst = false)
                    {
                        var quat = canonical ? Quaternions.Canonical(Quat) : Quat;
                        return scalarFirst ? Jnp.Roll(quat, 1, axis: -1) : quat;
                    }

                    /// <summary>Rotation.from_matrix: (..., 3, 3) rotation matrices, by Shepperd's method.</summary>
                    public static Rotation FromMatrix(NDArray matrix)
                    {
                        matrix = Real(matrix, "from_matrix");
                        if (matrix.Ndim < 2 || matrix.Shape[^1] != 3 || matrix.Shape[^2] != 3)
                            throw new ShapeException($"from_matrix: expected matrices of shape (..., 3, 3), got {Core.Shapes.Format(matrix.Shape)}");
                        return new Rotation(Quaternions.FromMatrix(matrix));
                    }

                    /// <summary>Rotation.as_matrix: (..., 3, 3).</summary>
                    public NDArray AsMatrix() => Quaternions.ToMatrix(Quat);

                    /// <summary>Rotation.identity: one rotation, or <paramref name="num"/> of them, in the default float type unless given.</summary>
                    public static Rotation Identity(int? num = null, DType? dtype = null)
                    {
                        if (num < 0) throw new ArgumentOutOfRangeException(nameof(num), num, "identity: num must not be negative");
                        var identity = Jnp.Array(new double[] { 0, 0, 0, 1 }, dtype ?? Core.TypePromotion.DefaultFloat);
                        return new Rotation(num is int n ? Jnp.BroadcastTo(identity, [n, 4]) : identity);
                    }

                    /// <summary>
                    /// Rotation.random: uniformly distributed rotations (normalised standard normal quaternions), one or
                    /// <paramref name="num"/>.
                    /// </summary>
                    public static Rotation Random(KeyArrayLike key, int? num = null, DType? dtype = null)
                    {
                        if (num < 0) throw new ArgumentOutOfRangeException(nameof(num), num, "random: num must not be negative");
                        return FromQuat(Jax.Random.Normal(key, num is int n ? [n, 4] : [4], dtype));
                    }

                    /// <summary>
                    /// Rotation.concatenate: the rotations one after another along the first axis; a single rotation counts as
                    /// one (as SciPy; JAX's would join single quaternions into one of length 8).
                    /// </summary>
                    public static Rotation Concatenate(IEnumerable<Rotation> rotations)
                    {
                        var quats = rotations.Select(r => r.Single() ? r.Quat[IndexItem.NewAxis] : r.Quat).ToArray();
                        if (quats.Length == 0) throw new ArgumentException("concatenate: need at least one rotation", nameof(rotations));
                        return new Rotation(Jnp.Concatenate(quats, axis: 0));
                    }

                    /// <summary>Rotation.single: whether this is one rotation (quaternion of shape (4,)) rather than a stack.</summary>
                    public bool Single() => Quat.Ndim == 1;

                    /// <summary>len(rotation): the length of the first batch axis; a single rotation has none (TypeError in JAX).</summary>
                    public int Len() => Single()
                        ? throw new InvalidOperationException("a single rotation has no len()")
                        : Quat.Shape[0];

                    /// <summary>
                    /// rotation[index]: indexes the batch axes, as NumPy indexes the quaternion array (an integer gives a single
                    /// rotation from a one-dimensional stack). A single rotation is not subscriptable.
                    /// </summary>
                    public Rotation this[params IndexItem[] index] => Single()
                        ? throw new InvalidOperationException("a single rotation is not subscriptable")
                        : new Rotation(Quat[index]);

                    /// <summary>Rotation.inv: the inverse rotations (the conjugate quaternions).</summary>
                    public Rotation Inv() => new(Quaternions.Conjugate(Quat));

                    /// <summary>Rotation.magnitude: the rotation angles in radians, in [0, π].</summary>
                    public NDArray Magnitude()
                    {
                        var vector = Quaternions.SafeSqrt(Quaternions.SquaredNorm(Quat[IndexItem.Ellipsis, ..3]));
                        return 2 * Jnp.Arctan2(vector, Jnp.Abs(Quaternions.Part(Quat, 3)));
                    }

                    /// <summary>
                    /// Rotation.__mul__: <c>p * q</c> applies q, then p. Single and stacked rotations broadcast; the product is
                    /// not renormalised (as JAX's).
                    /// </summary>
                    public Rotation Multiply(Rotation other) => new(Quaternions.Compose(Quat, other.Quat));

                    /// <inheritdoc cref="Multiply"/>
                    public static Rotation operator *(Rotation p, Rotation q) => p.Multiply(q);

                    /// <summary>
                    /// Rotation.apply: the rotated vectors (..., 3), or with <paramref name="inverse"/> the vectors rotated by
                    /// the inverse. Batch axes of the rotations and the vectors broadcast (one rotation to many vectors, many
                    /// rotations to one vector, or pairwise).
                    /// </summary>
                    public NDArray Apply(NDArray vectors, bool inverse = false)
                    {
                        vectors = Real(vectors, "apply");
                        LastAxis(vectors, 3, "apply", "vectors");
                        var batch = Quat.Shape[..^1];
                        var vectorBatch = vectors.Shape[..^1];
                        try
                        {
                            Jnp.BroadcastShapes(batch, vectorBatch);
                        }
                        catch (ShapeException)
                        {
                            throw new ShapeException($"apply: {Core.Shapes.Format(batch)} rotations don't broadcast with " +
                                $"{Core.Shapes.Format(vectorBatch)} vectors");
                        }
                        var matrix = AsMatrix();
                        if (inverse) matrix = Jnp.Swapaxes(matrix, -1, -2);
                        var dtype = Jnp.ResultType(matrix, vectors);
                        return Jnp.Matmul(matrix.Astype(dtype), vectors.Astype(dtype)[IndexItem.Ellipsis, IndexItem.NewAxis])[IndexItem.Ellipsis, 0];
                    }

                    public override string ToString() => $"Rotation(quat={Quat})";

                    /// <summary>Integers become the default float type; complex numbers are refused.</summary>
                    private static NDArray Real(NDArray x, string name)
                    {
                        if (x.DType.IsComplex()) throw new ArgumentException($"{name}: rotations are real, got {x.DType}");
                        return x.DType.IsFloat() ? x : x.Astype(Core.TypePromotion.DefaultFloat);
                    }

                    private static void LastAxis(NDArray x, int size, string name, string what)
                    {
                        if (x.Ndim == 0 || x.Shape[^1] != size)
                            throw new ShapeException($"{name}: expected {what} of shape (..., {size}), got {Core.Shapes.Format(x.Shape)}");
                    }
                }
            }
        }
    }
}
