namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Spatial
        {
            public static partial class Transform
            {
                public sealed partial class Rotation
                {
                    /// <summary>
                    /// Rotation.mean: the rotation minimising the weighted sum of squared chordal distances (Markley's
                    /// quaternion average), the eigenvector of Σ wᵢ qᵢ qᵢᵀ with the largest eigenvalue; a single rotation. All
                    /// batch axes are averaged over; <paramref name="weights"/> has the batch shape. Weights are not checked for
                    /// sign (as JAX; SciPy refuses negative ones).
                    /// </summary>
                    public Rotation Mean(NDArray? weights = null)
                    {
                        var batch = Quat.Shape[..^1];
                        var quat = Quat.Reshape(-1, 4);
                        if (quat.Shape[0] == 0) throw new ArgumentException("mean: there are no rotations to average");
                        NDArray w;
                        if (weights is null) w = Jnp.OnesLike(quat[.., 0]);
                        else
                        {
                            if (!weights.Shape.SequenceEqual(batch))
                                throw new ShapeException($"mean: weights must have the rotations' batch shape {Core.Shapes.Format(batch)}, " +
                                    $"got {Core.Shapes.Format(weights.Shape)}");
                            w = Real(weights, "mean").Reshape(-1);
                        }
                        var dtype = Jnp.ResultType(quat, w);
                        (quat, w) = (quat.Astype(dtype), w.Astype(dtype));
                        var k = Jnp.Matmul(Jnp.Swapaxes(quat * w[.., IndexItem.NewAxis], 0, 1), quat);
                        var (_, vectors) = Jnp.Linalg.Eigh(k);
                        return new Rotation(vectors[.., 3]);
                    }
                }
            }
        }
    }
}
