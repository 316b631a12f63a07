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
                /// Quaternion arithmetic on arrays of shape (..., 4), scalar-last, written on the four components so that
                /// batch axes broadcast like any elementwise operation.
                /// </summary>
                internal static class Quaternions
                {
                    /// <summary>Component <paramref name="index"/> of the last axis (0..2 the vector part, 3 the scalar).</summary>
                    public static NDArray Part(NDArray x, int index) => x[IndexItem.Ellipsis, index];

                    /// <summary>The parts broadcast against each other and stacked along a new last axis.</summary>
                    public static NDArray Stack(params NDArray[] parts)
                    {
                        var shape = Jnp.BroadcastShapes([.. parts.Select(p => p.Shape)]);
                        return Jnp.Stack([.. parts.Select(p => Jnp.BroadcastTo(p, shape))], axis: -1);
                    }

                    /// <summary>The sum of squares over the last axis.</summary>
                    public static NDArray SquaredNorm(NDArray x) => Jnp.Sum(x * x, axis: -1);

                    /// <summary>
                    /// The Euclidean norm from a squared norm, with a zero (not infinite) derivative at zero: the norm of a
                    /// zero rotation vector must not poison the gradient of the branch that does not use it.
                    /// </summary>
                    public static NDArray SafeSqrt(NDArray squared)
                    {
                        var positive = squared > 0;
                        return Jnp.Where(positive, Jnp.Sqrt(Jnp.Where(positive, squared, 1)), 0);
                    }

                    /// <summary>The Hamilton product p q: the rotation q followed by p.</summary>
                    public static NDArray Compose(NDArray p, NDArray q)
                    {
                        var (px, py, pz, pw) = (Part(p, 0), Part(p, 1), Part(p, 2), Part(p, 3));
                        var (qx, qy, qz, qw) = (Part(q, 0), Part(q, 1), Part(q, 2), Part(q, 3));
                        return Stack(
                            pw * qx + qw * px + py * qz - pz * qy,
                            pw * qy + qw * py + pz * qx - px * qz,
                            pw * qz + qw * pz + px * qy - py * qx,
                            pw * qw - px * qx - py * qy - pz * qz);
                    }

                    /// <summary>The conjugate: the inverse rotation of a unit quaternion.</summary>
                    public static NDArray Conjugate(NDArray q) => Stack(-Part(q, 0), -Part(q, 1), -Part(q, 2), Part(q, 3));

                    /// <summary>
                    /// The rotation matrix (..., 3, 3). Written with w² - x² - ... on the diagonal rather than 1 - 2(...), so a
                    /// quaternion that is a little off unit length gives a matrix scaled by its squared norm, not skewed.
                    /// </summary>
                    public static NDArray ToMatrix(NDArray q)
                    {
                        var (x, y, z, w) = (Part(q, 0), Part(q, 1), Part(q, 2), Part(q, 3));
                        var (xx, yy, zz, ww) = (x * x, y * y, z * z, w * w);
                        var (xy, xz, yz, xw, yw, zw) = (x * y, x * z, y * z, x * w, y * w, z * w);
                        NDArray Row(NDArray a, NDArray b, NDArray c) => Stack(a, b, c);
                        return Jnp.Stack([
                            Row(xx - yy - zz + ww, 2 * (xy - zw), 2 * (xz + yw)),
                            Row(2 * (xy + zw), -xx + yy - zz + ww, 2 * (yz - xw)),
                            Row(2 * (xz - yw), 2 * (yz + xw), -xx - yy + zz + ww),
                        ], axis: -2);
                    }

                    /// <summary>
                    /// The unit quaternion of a rotation matrix (..., 3, 3) by Shepperd's method: of the four formulas, the one
                    /// whose leading component is largest (chosen from the diagonal and the trace) divides by the largest
                    /// number, so it stays accurate at every angle, π included.
                    /// </summary>
                    public static NDArray FromMatrix(NDArray m)
                    {
                        NDArray M(int row, int column) => m[IndexItem.Ellipsis, row, column];
                        var trace = M(0, 0) + M(1, 1) + M(2, 2);
                        var candidates = new NDArray[4];
                        for (var i = 0; i < 3; i++)
                        {
                            var (j, k) = ((i + 1) % 3, (i + 2) % 3);
                            var parts = new NDArray[4];
                            parts[i] = 1 - trace + 2 * M(i, i);
                            parts[j] = M(j, i) + M(i, j);
                            parts[k] = M(k, i) + M(i, k);
                            parts[3] = M(k, j) - M(j, k);
                            candidates[i] = Stack(parts);
                        }
                        candidates[3] = Stack(M(2, 1) - M(1, 2), M(0, 2) - M(2, 0), M(1, 0) - M(0, 1), 1 + trace);
                        var choice = Jnp.Argmax(Stack(M(0, 0), M(1, 1), M(2, 2), trace), axis: -1)[IndexItem.Ellipsis, IndexItem.NewAxis];
                        var quat = candidates[3];
                        for (var i = 2; i >= 0; i--) quat = Jnp.Where(choice == i, candidates[i], quat);
                        return Normalize(quat);
                    }

                    /// <summary>q / |q| over the last axis; a zero quaternion gives NaN, as JAX's.</summary>
                    public static NDArray Normalize(NDArray q) => q / Jnp.Sqrt(SquaredNorm(q))[IndexItem.Ellipsis, IndexItem.NewAxis];

                    /// <summary>
                    /// Of q and -q, the one with w &gt; 0, or when w is 0 the one whose first nonzero vector component is
                    /// positive (SciPy's canonical cover).
                    /// </summary>
                    public static NDArray Canonical(NDArray q)
                    {
                        var (x, y, z, w) = (Part(q, 0), Part(q, 1), Part(q, 2), Part(q, 3));
                        var flip = w < 0 | (w == 0 & (x < 0 | (x == 0 & (y < 0 | (y == 0 & z < 0)))));
                        return Jnp.Where(flip[IndexItem.Ellipsis, IndexItem.NewAxis], -q, q);
                    }
                }
            }
        }
    }
}
