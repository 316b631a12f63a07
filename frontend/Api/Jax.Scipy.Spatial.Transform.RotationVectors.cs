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
                    // Below this angle sin(θ/2)/θ and its inverse are computed from their Taylor series (as SciPy and JAX do):
                    // the quotient loses digits there and its derivative divides zero by zero at θ = 0.
                    private const double SmallAngle = 1e-3;

                    /// <summary>
                    /// Rotation.from_rotvec: rotation vectors (..., 3), the axis scaled by the angle (radians, or degrees
                    /// with <paramref name="degrees"/>).
                    /// </summary>
                    public static Rotation FromRotvec(NDArray rotvec, bool degrees = false)
                    {
                        rotvec = Real(rotvec, "from_rotvec");
                        LastAxis(rotvec, 3, "from_rotvec", "rotation vectors");
                        if (degrees) rotvec = Jnp.Deg2rad(rotvec);
                        var squared = Quaternions.SquaredNorm(rotvec);
                        var small = squared <= SmallAngle * SmallAngle;
                        var angle = Jnp.Sqrt(Jnp.Where(small, 1, squared));
                        var scale = Jnp.Where(small, 0.5 - squared / 48 + squared * squared / 3840, Jnp.Sin(angle / 2) / angle);
                        var w = Jnp.Where(small, 1 - squared / 8 + squared * squared / 384, Jnp.Cos(angle / 2));
                        var vector = rotvec * scale[IndexItem.Ellipsis, IndexItem.NewAxis];
                        return new Rotation(Quaternions.Stack(Quaternions.Part(vector, 0), Quaternions.Part(vector, 1), Quaternions.Part(vector, 2), w));
                    }

                    /// <summary>
                    /// Rotation.as_rotvec: (..., 3), the angle in [0, π] (radians, or degrees with <paramref name="degrees"/>)
                    /// times the unit axis.
                    /// </summary>
                    public NDArray AsRotvec(bool degrees = false)
                    {
                        // q and -q are one rotation; the one with w >= 0 has the angle in [0, π].
                        var quat = Jnp.Where((Quaternions.Part(Quat, 3) < 0)[IndexItem.Ellipsis, IndexItem.NewAxis], -Quat, Quat);
                        var vector = quat[IndexItem.Ellipsis, ..3];
                        var angle = 2 * Jnp.Arctan2(Quaternions.SafeSqrt(Quaternions.SquaredNorm(vector)), Quaternions.Part(quat, 3));
                        var small = angle <= SmallAngle;
                        var safe = Jnp.Where(small, 1, angle);
                        var squared = angle * angle;
                        var scale = Jnp.Where(small, 2 + squared / 12 + 7 * squared * squared / 2880, safe / Jnp.Sin(safe / 2));
                        var rotvec = vector * scale[IndexItem.Ellipsis, IndexItem.NewAxis];
                        return degrees ? Jnp.Rad2deg(rotvec) : rotvec;
                    }

                    /// <summary>
                    /// Rotation.from_mrp: modified Rodrigues parameters (..., 3), the axis times tan(θ/4). Every vector is a
                    /// rotation; one of norm 1 turns by π.
                    /// </summary>
                    public static Rotation FromMrp(NDArray mrp)
                    {
                        mrp = Real(mrp, "from_mrp");
                        LastAxis(mrp, 3, "from_mrp", "modified Rodrigues parameters");
                        var onePlus = 1 + Quaternions.SquaredNorm(mrp);
                        var vector = 2 * mrp / onePlus[IndexItem.Ellipsis, IndexItem.NewAxis];
                        return new Rotation(Quaternions.Stack(Quaternions.Part(vector, 0), Quaternions.Part(vector, 1), Quaternions.Part(vector, 2),
                            (2 - onePlus) / onePlus));
                    }

                    /// <summary>Rotation.as_mrp: (..., 3) of norm at most 1 (the angle in [0, π]).</summary>
                    public NDArray AsMrp()
                    {
                        var w = Quaternions.Part(Quat, 3);
                        var sign = Jnp.Where(w < 0, -1, 1).Astype(Quat.DType);
                        return Quat[IndexItem.Ellipsis, ..3] * (sign / (1 + sign * w))[IndexItem.Ellipsis, IndexItem.NewAxis];
                    }
                }
            }
        }
    }
}
