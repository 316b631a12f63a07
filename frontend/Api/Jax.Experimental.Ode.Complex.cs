using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Experimental
    {
        public static partial class Ode
        {
            /// <summary>
            /// <see cref="Solve"/> for complex states and arguments, as JAX's odeint takes them: the solver, its error
            /// control and its adjoint run on real arrays, so a complex flat state of n values is integrated as the real
            /// system of its 2n parts [re, im] (dz/dt = f(z) is that system exactly), and each complex argument is passed
            /// as its two parts. The parts are joined back outside the adjoint's custom VJP, so reverse mode reaches
            /// complex y0 and arguments through Lax.Complex, Real and Imag (JAX's convention for their cotangents).
            /// The error norm weighs each part by its own tolerance (atol + rtol |part|), where JAX's uses |z|.
            /// </summary>
            private static NDArray SolveInRealParts(Func<NDArray, NDArray, NDArray[], NDArray> f, Settings settings, NDArray y0, NDArray ts,
                NDArray[] args)
            {
                var complexState = y0.DType.IsComplex();
                var complexArg = args.Select(a => a.DType.IsComplex()).ToArray();
                if (!complexState && !complexArg.Contains(true)) return Solve(f, settings, y0, ts, args);
                var size = y0.Shape[0];
                NDArray ToParts(NDArray z) => complexState ? Lax.Concatenate([Lax.Real(z), Lax.Imag(z)], z.Ndim - 1) : z;
                NDArray FromParts(NDArray x)
                {
                    var axis = x.Ndim - 1;
                    return Lax.Complex(Lax.SliceInDim(x, 0, size, axis: axis), Lax.SliceInDim(x, size, 2 * size, axis: axis));
                }
                NDArray[] Rejoined(NDArray[] parts)
                {
                    var joined = new NDArray[args.Length];
                    for (int i = 0, k = 0; i < args.Length; i++)
                        joined[i] = complexArg[i] ? Lax.Complex(parts[k++], parts[k++]) : parts[k++];
                    return joined;
                }
                NDArray RealDynamics(NDArray x, NDArray time, NDArray[] parts)
                {
                    var dz = f(complexState ? FromParts(x) : x, time, Rejoined(parts));
                    return complexState ? ToParts(dz) : dz;
                }
                var realArgs = args.SelectMany((a, i) => complexArg[i] ? new[] { Lax.Real(a), Lax.Imag(a) } : [a]).ToArray();
                var ys = Solve(RealDynamics, settings, ToParts(y0), ts, realArgs);
                return complexState ? FromParts(ys) : ys;
            }
        }
    }
}
