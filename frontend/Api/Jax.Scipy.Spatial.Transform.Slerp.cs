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
                /// jax.scipy.spatial.transform.Slerp: spherical linear interpolation between key rotations at increasing
                /// times, a constant angular velocity about a fixed axis on each interval. Built by <see cref="Init"/> (or the
                /// two-argument constructor); its four fields are JAX's and make it a pytree. As JAX's, times outside the
                /// keys extrapolate along the first or last interval (SciPy refuses them), and the check that times increase
                /// runs only on concrete times.
                /// </summary>
                public sealed class Slerp
                {
                    /// <summary>The fields as they are (JAX's <c>Slerp(times, timedelta, rotations, rotvecs)</c>); use <see cref="Init"/>.</summary>
                    public Slerp(NDArray times, NDArray timedelta, Rotation rotations, NDArray rotvecs)
                    {
                        (Times, Timedelta, Rotations, Rotvecs) = (times, timedelta, rotations, rotvecs);
                    }

                    /// <summary>scipy.spatial.transform.Slerp(times, rotations): the same as <see cref="Init"/>.</summary>
                    public Slerp(NDArray times, Rotation rotations) : this(Init(times, rotations))
                    {
                    }

                    private Slerp(Slerp built) : this(built.Times, built.Timedelta, built.Rotations, built.Rotvecs)
                    {
                    }

                    /// <summary>The key times (N,), increasing.</summary>
                    public NDArray Times { get; }

                    /// <summary>The interval lengths (N - 1,).</summary>
                    public NDArray Timedelta { get; }

                    /// <summary>The N key rotations.</summary>
                    public Rotation Rotations { get; }

                    /// <summary>The rotation vector of each interval, from one key rotation to the next (N - 1, 3).</summary>
                    public NDArray Rotvecs { get; }

                    /// <summary>Slerp.init: key <paramref name="times"/> (N,), strictly increasing, and N key <paramref name="rotations"/>.</summary>
                    public static Slerp Init(NDArray times, Rotation rotations)
                    {
                        ArgumentNullException.ThrowIfNull(rotations);
                        if (rotations.Quat.Ndim != 2)
                            throw new ShapeException($"Slerp: expected a one-dimensional stack of rotations, got quaternions of shape {Core.Shapes.Format(rotations.Quat.Shape)}");
                        if (rotations.Len() < 2) throw new ArgumentException($"Slerp: at least 2 rotations are needed, got {rotations.Len()}");
                        if (times.Ndim != 1 || times.Shape[0] != rotations.Len())
                            throw new ShapeException($"Slerp: expected {rotations.Len()} times, one per rotation, got shape {Core.Shapes.Format(times.Shape)}");
                        if (times.DType.IsComplex()) throw new ArgumentException($"Slerp: times are real, got {times.DType}", nameof(times));
                        times = times.DType.IsFloat() ? times : times.Astype(rotations.Quat.DType);
                        var timedelta = Jnp.Diff(times);
                        if (timedelta.IsConcrete && !(bool)Jnp.All(timedelta > 0))
                            throw new ArgumentException("Slerp: times must be strictly increasing", nameof(times));
                        var rotvecs = (rotations[..^1].Inv() * rotations[1..]).AsRotvec();
                        return new Slerp(times, timedelta, rotations, rotvecs);
                    }

                    /// <summary>
                    /// Slerp.__call__: the rotations at <paramref name="times"/>, a scalar (a single rotation) or an array of
                    /// any shape (rotations of that batch shape).
                    /// </summary>
                    public Rotation Call(NDArray times)
                    {
                        if (times.DType.IsComplex()) throw new ArgumentException($"Slerp: times are real, got {times.DType}", nameof(times));
                        times = times.DType.IsFloat() ? times : times.Astype(Times.DType);
                        var last = Times.Shape[0] - 2;
                        var interval = Jnp.Clip(Jnp.Searchsorted(Times, times) - 1, 0, last);
                        var alpha = (times - Times[interval]) / Timedelta[interval];
                        var step = Rotation.FromRotvec(Rotvecs[interval] * alpha[IndexItem.Ellipsis, IndexItem.NewAxis]);
                        return Rotations[interval] * step;
                    }
                }
            }
        }
    }
}
