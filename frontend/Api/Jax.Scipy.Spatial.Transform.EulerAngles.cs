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
                    // The middle angle's distance from 0 or π below which the first and third axes are taken to coincide
                    // (gimbal lock), SciPy's and JAX's threshold.
                    private const double GimbalLock = 1e-7;

                    /// <summary>
                    /// Rotation.from_euler: rotations about one to three axes in <paramref name="seq"/>, lower case for
                    /// extrinsic ones (about the fixed axes: "xyz" is Rz·Ry·Rx) and upper case for intrinsic ones (about the
                    /// rotating axes: "XYZ" is Rx·Ry·Rz). <paramref name="angles"/> has shape (..., len(seq)), or is a scalar
                    /// for one axis; SciPy's shape (N,) for one axis is written (N, 1) here, as JAX requires.
                    /// </summary>
                    public static Rotation FromEuler(string seq, NDArray angles, bool degrees = false)
                    {
                        var (axes, intrinsic) = ParseSequence(seq, 1, "from_euler");
                        angles = Real(angles, "from_euler");
                        if (angles.Ndim == 0 && axes.Length == 1) angles = angles[IndexItem.NewAxis];
                        LastAxis(angles, axes.Length, "from_euler", $"angles for the sequence \"{seq}\"");
                        if (degrees) angles = Jnp.Deg2rad(angles);
                        NDArray result = Elementary(axes[0], angles[IndexItem.Ellipsis, 0]);
                        for (var n = 1; n < axes.Length; n++)
                        {
                            var next = Elementary(axes[n], angles[IndexItem.Ellipsis, n]);
                            result = intrinsic ? Quaternions.Compose(result, next) : Quaternions.Compose(next, result);
                        }
                        return new Rotation(result);
                    }

                    /// <summary>
                    /// Rotation.as_euler: angles (..., 3) for the three-axis sequence <paramref name="seq"/> (as in
                    /// <see cref="FromEuler"/>), by Bernardes and Viollet's direct method (SciPy's and JAX's). The first and
                    /// third angles are in [-π, π]; the second in [0, π] for proper Euler sequences ("zxz") and in [-π/2, π/2]
                    /// for Tait-Bryan ones ("xyz"). At gimbal lock the third angle is set to zero and the first carries the
                    /// whole rotation about the shared axis, without the warning SciPy prints.
                    /// </summary>
                    public NDArray AsEuler(string seq, bool degrees = false)
                    {
                        var (axes, intrinsic) = ParseSequence(seq, 3, "as_euler");
                        // The method is written for extrinsic sequences; an intrinsic one is the reversed extrinsic one.
                        if (intrinsic) Array.Reverse(axes);
                        var (i, j) = (axes[0], axes[1]);
                        var proper = axes[0] == axes[2];
                        var k = 3 - i - j;
                        var sign = (i - j) * (j - k) * (k - i) / 2;
                        NDArray Q(int index) => Quaternions.Part(Quat, index);
                        var (a, b, c, d) = proper
                            ? (Q(3), Q(i), Q(j), Q(k) * sign)
                            : (Q(3) - Q(j), Q(i) + Q(k) * sign, Q(j) + Q(3), Q(k) * sign - Q(i));
                        var middle = 2 * Jnp.Arctan2(Jnp.Hypot(c, d), Jnp.Hypot(a, b));
                        var halfSum = Jnp.Arctan2(b, a);
                        var halfDiff = Jnp.Arctan2(d, c);
                        var atZero = Jnp.Abs(middle) <= GimbalLock;
                        var atPi = Jnp.Abs(middle - Math.PI) <= GimbalLock;
                        var locked = atZero | atPi;
                        // Locked, the rotation about the shared axis is 2·halfSum (middle 0) or ±2·halfDiff (middle π).
                        var lockedAngle = Jnp.Where(atZero, 2 * halfSum, (intrinsic ? 2 : -2) * halfDiff);
                        var (firstSlot, thirdSlot) = intrinsic ? (2, 0) : (0, 2);
                        var angles = new NDArray[3];
                        angles[firstSlot] = halfSum - halfDiff;
                        angles[thirdSlot] = halfSum + halfDiff;
                        angles[0] = Jnp.Where(locked, lockedAngle, angles[0]);
                        angles[2] = Jnp.Where(locked, Jnp.ZerosLike(angles[2]), angles[2]);
                        angles[1] = middle;
                        if (!proper)
                        {
                            angles[1] = middle - Math.PI / 2;
                            angles[thirdSlot] = angles[thirdSlot] * sign;
                        }
                        var result = Quaternions.Stack([.. angles.Select(WrapAngle)]);
                        return degrees ? Jnp.Rad2deg(result) : result;
                    }

                    /// <summary>The rotation by <paramref name="angle"/> about one coordinate axis (0 x, 1 y, 2 z).</summary>
                    private static NDArray Elementary(int axis, NDArray angle)
                    {
                        var half = angle / 2;
                        var (sin, zero) = (Jnp.Sin(half), Jnp.ZerosLike(half));
                        return Quaternions.Stack(axis == 0 ? sin : zero, axis == 1 ? sin : zero, axis == 2 ? sin : zero, Jnp.Cos(half));
                    }

                    /// <summary>Into [-π, π] by one turn; the sums and differences of half angles are within two turns.</summary>
                    private static NDArray WrapAngle(NDArray angle) =>
                        Jnp.Where(angle < -Math.PI, angle + 2 * Math.PI, Jnp.Where(angle > Math.PI, angle - 2 * Math.PI, angle));

                    /// <summary>
                    /// The axes (0 x, 1 y, 2 z) of an Euler sequence and whether it is intrinsic: all upper case or all lower
                    /// case, consecutive axes different, between <paramref name="minimum"/> and three of them.
                    /// </summary>
                    private static (int[] Axes, bool Intrinsic) ParseSequence(string seq, int minimum, string name)
                    {
                        ArgumentNullException.ThrowIfNull(seq);
                        if (seq.Length < minimum || seq.Length > 3)
                            throw new ArgumentException(minimum == 3
                                ? $"{name}: expected 3 axes, got \"{seq}\""
                                : $"{name}: expected a sequence of 1 to 3 axes, got \"{seq}\"", nameof(seq));
                        var intrinsic = seq.All(ch => ch is 'X' or 'Y' or 'Z');
                        if (!intrinsic && !seq.All(ch => ch is 'x' or 'y' or 'z'))
                            throw new ArgumentException($"{name}: expected axes from \"xyz\" (extrinsic) or \"XYZ\" (intrinsic), " +
                                $"not mixed, got \"{seq}\"", nameof(seq));
                        var axes = seq.Select(ch => char.ToLowerInvariant(ch) - 'x').ToArray();
                        for (var n = 1; n < axes.Length; n++)
                            if (axes[n] == axes[n - 1])
                                throw new ArgumentException($"{name}: consecutive axes must differ, got \"{seq}\"", nameof(seq));
                        return (axes, intrinsic);
                    }
                }
            }
        }
    }
}
