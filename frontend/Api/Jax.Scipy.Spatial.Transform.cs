namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>jax.scipy.spatial: rotations in three dimensions (<see cref="Transform"/>).</summary>
        public static partial class Spatial
        {
            /// <summary>
            /// jax.scipy.spatial.transform: <see cref="Rotation"/> (unit quaternions, scalar-last x y z w, single or with
            /// any leading batch shape) and <see cref="Slerp"/>. Everything is a pure function of arrays, so it jits,
            /// vmaps and differentiates; a rotation and a Slerp are pytrees (their arrays are the leaves). As in JAX,
            /// values are not checked (a zero quaternion normalises to NaN rather than raising); shapes, sequences and
            /// dtypes are, when the call is made.
            /// </summary>
            public static partial class Transform
            {
            }
        }
    }
}
