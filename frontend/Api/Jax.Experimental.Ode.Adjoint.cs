using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Experimental
    {
        public static partial class Ode
        {
            /// <summary>
            /// The reverse-mode derivative of <see cref="Solve"/> by the adjoint method, as JAX's odeint: from the last
            /// output time back to the first, the system is solved backwards together with the adjoint y_bar (whose
            /// derivative is -y_bar df/dy), the time cotangent and the arguments' cotangents (integrals of y_bar df/dt
            /// and y_bar df/dargs), one odeint per interval; each output's cotangent joins y_bar at its time, and each
            /// output time's own cotangent is f(y(t_i), t_i) . g_i.
            /// </summary>
            private static NDArray[] Adjoint(Func<NDArray, NDArray, NDArray[], NDArray> f, Settings settings, NDArray ys, NDArray ts,
                NDArray[] args, NDArray g)
            {
                var (n, size) = (ts.Shape[0], ys.Shape[1]);
                var stateType = ys.DType;
                var differentiable = Enumerable.Range(0, args.Length).Where(i => args[i].DType.IsFloat()).ToArray();
                var argSizes = differentiable.Select(i => (int)args[i].Size).ToArray();

                NDArray Augmented(NDArray state, NDArray negativeTime, NDArray[] a)
                {
                    var y = Lax.SliceInDim(state, 0, size);
                    var yBar = Lax.SliceInDim(state, size, 2 * size);
                    NDArray[] Dynamics(NDArray[] p)
                    {
                        var all = (NDArray[])a.Clone();
                        for (var k = 0; k < differentiable.Length; k++) all[differentiable[k]] = p[2 + k];
                        return [f(p[0], p[1], all)];
                    }
                    var (yDot, pullback) = ReverseMode.Vjp(Dynamics, [y, -negativeTime, .. differentiable.Select(i => a[i])], "odeint");
                    var cts = pullback([yBar]);
                    return Lax.Concatenate([-yDot[0], cts[0], .. cts[1..].Select(c => Jnp.Ravel(Lax.ConvertElementType(c, stateType)))], 0);
                }

                (NDArray[] Carry, NDArray[] Y) Interval(NDArray[] carry, NDArray[] x)
                {
                    var (yBar, t0Bar, argBars) = (carry[0], carry[1], carry[2..]);
                    var (y, t, previousT, g, previousG) = (x[0], x[1], x[2], x[3], x[4]);
                    // Moving an output time moves its output along f.
                    var tBar = Lax.ConvertElementType(Jnp.Dot(f(y, t, args), g), ts.DType);
                    t0Bar -= tBar;
                    NDArray[] state = [y, yBar, Lax.ConvertElementType(Lax.Reshape(t0Bar, [1]), stateType),
                        .. argBars.Select(b => Jnp.Ravel(Lax.ConvertElementType(b, stateType)))];
                    var backwards = Solve(Augmented, settings, Lax.Concatenate(state, 0), Jnp.Stack([-t, -previousT]), args);
                    var end = Row(backwards, 1);
                    var offset = 2 * size + 1;
                    var nextArgBars = new NDArray[argBars.Length];
                    for (var k = 0; k < argBars.Length; offset += argSizes[k], k++)
                        nextArgBars[k] = Lax.ConvertElementType(Lax.Reshape(Lax.SliceInDim(end, offset, offset + argSizes[k]), argBars[k].Shape),
                            argBars[k].DType);
                    NDArray[] next = [Lax.SliceInDim(end, size, 2 * size) + previousG,
                        Lax.ConvertElementType(Lax.Reshape(Lax.SliceInDim(end, 2 * size, 2 * size + 1), []), ts.DType), .. nextArgBars];
                    return (next, [tBar]);
                }

                NDArray[] init = [Row(g, n - 1), Jnp.Zeros([], ts.DType), .. differentiable.Select(i => Jnp.ZerosLike(args[i]))];
                NDArray[] final = init;
                NDArray tBars = Jnp.Zeros([0], ts.DType);
                if (n > 1)
                {
                    // Scanned in reverse, the stacked time cotangents come back in the times' order.
                    NDArray Later(NDArray a) => Lax.SliceInDim(a, 1, n);
                    NDArray Earlier(NDArray a) => Lax.SliceInDim(a, 0, n - 1);
                    var (carry, perTime) = Lax.Scan(Interval, init, [Later(ys), Later(ts), Earlier(ts), Later(g), Earlier(g)], reverse: true);
                    (final, tBars) = (carry, perTime[0]);
                }
                var argsBar = args.Select(a => Tangents.Zeros(a.Aval.Strong())).ToArray();
                for (var k = 0; k < differentiable.Length; k++) argsBar[differentiable[k]] = final[2 + k];
                return [final[0], Lax.Concatenate([Lax.Reshape(final[1], [1]), tBars], 0), .. argsBar];
            }
        }
    }
}
