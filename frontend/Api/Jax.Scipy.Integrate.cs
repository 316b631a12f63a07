namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>jax.scipy.integrate: integrals of sampled functions.</summary>
        public static class Integrate
        {
            /// <summary>
            /// jax.scipy.integrate.trapezoid (scipy.integrate.trapezoid): the integral of <paramref name="y"/> along
            /// <paramref name="axis"/> by the trapezoidal rule, with sample coordinates <paramref name="x"/> (a vector
            /// along the axis, or an array of y's shape) or an even spacing <paramref name="dx"/>; the same function as
            /// <see cref="Jnp.Trapezoid"/>, under SciPy's name. Fewer than two samples integrate to 0; differentiable in
            /// y and x.
            /// </summary>
            /// <exception cref="ShapeException">a scalar y, or x that does not give one coordinate per sample.</exception>
            public static NDArray Trapezoid(NDArray y, NDArray? x = null, double dx = 1.0, int axis = -1) => Jnp.Trapezoid(y, x, dx, axis);
        }
    }
}
