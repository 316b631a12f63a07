using JaxNet.Core;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.experimental: APIs JAX keeps outside its stable surface.</summary>
    public static partial class Experimental
    {
        /// <summary>jax.experimental.ode: an adaptive ODE solver that jits, vmaps and differentiates in reverse mode.</summary>
        public static partial class Ode
        {
            /// <summary>
            /// jax.experimental.ode.odeint: y(t) for dy/dt = <paramref name="func"/>(y, t) from y(t[0]) =
            /// <paramref name="y0"/>, by the adaptive Dormand-Prince 5(4) method with JAX's initial step, error control
            /// (<paramref name="rtol"/>, <paramref name="atol"/>) and 4th-order dense output at the requested times
            /// <paramref name="t"/>, which must be increasing (checked when t is concrete). y0 is any pytree of floating or
            /// complex arrays (an array, a tuple or array of arrays, a record), as in JAX; complex states and arguments are
            /// integrated as their real parts (<see cref="SolveInRealParts"/>). The result has y0's structure, each leaf
            /// with a new leading axis of length len(t). The steps run in a while loop (their number depends on the
            /// data), so it works under Jit and Vmap; reverse mode with respect to y0, t and the arguments uses JAX's
            /// adjoint method: a custom VJP integrating the augmented system backwards between consecutive times.
            /// Forward mode is not supported, as in JAX. Traced values func closes over (an enclosing Grad's variable) are
            /// made extra arguments, as JAX's closure_convert does, so they are differentiated too.
            /// </summary>
            /// <param name="mxstep">The most steps (accepted or rejected) between two consecutive output times. When
            /// they run out the solver stops where it is and, as JAX does, extrapolates the last step's polynomial to
            /// the output time: the result is then inaccurate, not NaN.</param>
            /// <param name="hmax">The largest step size.</param>
            /// <exception cref="ShapeException">t is not one-dimensional or is empty, or func returns another structure
            /// or other shapes than y0.</exception>
            /// <exception cref="ArgumentException">t is not real floating, a leaf of y0 is neither floating nor complex, t decreases, or mxstep or
            /// hmax is NaN.</exception>
            public static T Odeint<T>(Func<T, NDArray, T> func, T y0, NDArray t, double rtol = 1.4e-8, double atol = 1.4e-8,
                double mxstep = double.PositiveInfinity, double hmax = double.PositiveInfinity) where T : notnull =>
                Odeint<T, object?>((y, time, _) => func(y, time), y0, t, null, rtol, atol, mxstep, hmax);

            /// <summary>
            /// <see cref="Odeint{T}"/> of func(y, t, args): <paramref name="args"/> (a pytree, e.g. an array or a tuple of
            /// arrays, JAX's *args) is passed to every call, and reverse mode differentiates with respect to its
            /// floating and complex leaves.
            /// </summary>
            public static T Odeint<T, TArgs>(Func<T, NDArray, TArgs, T> func, T y0, NDArray t, TArgs args, double rtol = 1.4e-8,
                double atol = 1.4e-8, double mxstep = double.PositiveInfinity, double hmax = double.PositiveInfinity) where T : notnull
            {
                var (yLeaves, yDef) = TreeUtil.TreeFlatten(y0);
                CheckInputs(yLeaves, t, mxstep, hmax);
                var (argLeaves, argDef) = TreeUtil.TreeFlatten(args);
                var (flatY0, unravel) = FlattenUtil.RavelPytree(y0);
                var n = t.Shape[0];
                if (flatY0.Size == 0)
                    return TreeUtil.TreeUnflatten<T>(yDef, yLeaves.Select(l => Lax.BroadcastInDim(l, [n, .. l.Shape], [.. Enumerable.Range(1, l.Ndim)])));
                NDArray FlatFunc(NDArray y, NDArray time, NDArray[] a)
                {
                    var (leaves, def) = TreeUtil.TreeFlatten(func(unravel(y), time, TreeUtil.TreeUnflatten<TArgs>(argDef, a)));
                    if (def != yDef) throw new ShapeException($"odeint: func must return the structure of y0, {yDef}, got {def}");
                    for (var i = 0; i < leaves.Count; i++)
                        if (!leaves[i].Shape.SequenceEqual(yLeaves[i].Shape))
                            throw new ShapeException($"odeint: func must return y's shapes; leaf {i} has shape {Shapes.Format(leaves[i].Shape)}, " +
                                $"y0's {Shapes.Format(yLeaves[i].Shape)}");
                    return Lax.ConvertElementType(FlattenUtil.RavelPytree(leaves.ToArray()).Flat, y.DType);
                }
                var (dynamics, allArgs) = ClosureConverted(FlatFunc, flatY0, t, [.. argLeaves], func.Method.Name);
                var ys = SolveInRealParts(dynamics, new Settings(rtol, atol, mxstep, hmax), flatY0, t, allArgs);
                return Unstack<T>(yLeaves, yDef, ys);
            }

            /// <summary>
            /// func traced once, with the traced values it captures (an enclosing Grad's, Jit's or Vmap's) made extra
            /// arguments after <paramref name="args"/>, as JAX's closure_convert: the adjoint then differentiates with
            /// respect to them too, where a captured tracer would otherwise meet the backward pass's while loops.
            /// </summary>
            private static (Func<NDArray, NDArray, NDArray[], NDArray> Dynamics, NDArray[] Args) ClosureConverted(
                Func<NDArray, NDArray, NDArray[], NDArray> f, NDArray y0, NDArray t, NDArray[] args, string function)
            {
                var traced = ClosureTracing.Trace(a => [f(a[0], a[1], a[2..])],
                    [y0.Aval.Strong(), t.Aval.Strong().WithShape([]), .. args.Select(a => a.Aval.Strong())], "odeint", function);
                if (traced.Hoisted.Length == 0) return (f, args);
                var count = args.Length;
                return ((y, time, a) => JaxprEval.Eval(traced.Jaxpr, [.. a[count..], y, time, .. a[..count]])[0], [.. args, .. traced.Hoisted]);
            }

            /// <summary>The tolerances and limits of one solve.</summary>
            private sealed record Settings(double Rtol, double Atol, double Mxstep, double Hmax);

            private static void CheckInputs(IReadOnlyList<NDArray> yLeaves, NDArray t, double mxstep, double hmax)
            {
                if (t.Ndim != 1 || t.Shape[0] == 0)
                    throw new ShapeException($"odeint: t must be a non-empty one-dimensional array of times, got shape {Shapes.Format(t.Shape)}");
                if (!t.DType.IsFloat()) throw new ArgumentException($"odeint: t must be real floating, got {t.DType.NumpyName()}", nameof(t));
                foreach (var leaf in yLeaves)
                    if (!leaf.DType.IsFloat() && !leaf.DType.IsComplex())
                        throw new ArgumentException($"odeint: y0 must hold floating or complex arrays, got a leaf of dtype {leaf.DType.NumpyName()}");
                if (double.IsNaN(mxstep) || double.IsNaN(hmax)) throw new ArgumentException("odeint: mxstep and hmax must not be NaN");
                if (t.IsConcrete && t.Shape[0] > 1)
                {
                    var times = t.ToArray<double>();
                    for (var i = 1; i < times.Length; i++)
                        if (!(times[i] >= times[i - 1]))
                            throw new ArgumentException($"odeint: t must be increasing, but t[{i}] = {times[i]} follows t[{i - 1}] = {times[i - 1]}", nameof(t));
                }
            }

            // The rows of the solved flat states split back into y0's leaves, each with the times as its leading axis.
            private static T Unstack<T>(IReadOnlyList<NDArray> yLeaves, TreeDef def, NDArray ys)
            {
                var n = ys.Shape[0];
                var leaves = new NDArray[yLeaves.Count];
                for (int i = 0, offset = 0; i < leaves.Length; offset += (int)yLeaves[i].Size, i++)
                {
                    var columns = Lax.SliceInDim(ys, offset, offset + (int)yLeaves[i].Size, axis: 1);
                    leaves[i] = Lax.ConvertElementType(Lax.Reshape(columns, [n, .. yLeaves[i].Shape]), yLeaves[i].DType);
                }
                return TreeUtil.TreeUnflatten<T>(def, leaves);
            }

            /// <summary>The solution of the flat system at every time, [len(ts), len(y0)], with the adjoint method as its
            /// reverse-mode derivative (with respect to y0, ts and args).</summary>
            private static NDArray Solve(Func<NDArray, NDArray, NDArray[], NDArray> f, Settings settings, NDArray y0, NDArray ts, NDArray[] args)
            {
                NDArray[] Forward(NDArray[] a) => [Integrate(f, settings, a[0], a[1], a[2..])];
                return CustomDerivatives.CallCustomVjp(Forward, a =>
                {
                    var ys = Forward(a);
                    return (ys, [ys[0], .. a[1..]]);
                }, (residuals, cts) => Adjoint(f, settings, residuals[0], residuals[1], residuals[2..], cts[0]), null, "odeint",
                    [y0, ts, .. args])[0];
            }

            /// <summary>The forward solve: a scan over the output times, each advancing the state with a while loop of
            /// steps until the step's end passes the time, then interpolating the last step.</summary>
            private static NDArray Integrate(Func<NDArray, NDArray, NDArray[], NDArray> f, Settings settings, NDArray y0, NDArray ts, NDArray[] args)
            {
                NDArray F(NDArray y, NDArray t) => f(y, t, args);
                var t0 = Row(ts, 0);
                var f0 = F(y0, t0);
                var dt = Jnp.Clip(DormandPrince.InitialStepSize(F, t0, y0, f0, settings.Rtol, settings.Atol), 0.0, settings.Hmax);
                var first = Lax.ExpandDims(y0, [0]);
                var n = ts.Shape[0];
                if (n == 1) return first;
                // The carry: y, f(y), t, the next step's size, the last step's start and its interpolating quartic.
                NDArray[] init = [y0, f0, t0, dt, t0, y0, y0, y0, y0, y0];
                var (_, ys) = Lax.Scan((carry, x) => AdvanceTo(F, settings, carry, x[0]), init, [Lax.SliceInDim(ts, 1, n)]);
                return Lax.Concatenate([first, ys[0]], 0);
            }

            private static (NDArray[] Carry, NDArray[] Y) AdvanceTo(Func<NDArray, NDArray, NDArray> f, Settings settings, NDArray[] carry,
                NDArray target)
            {
                var stepLimit = double.IsPositiveInfinity(settings.Mxstep) ? (int?)null : (int)Math.Clamp(Math.Ceiling(settings.Mxstep), 0, int.MaxValue);
                NDArray Continue(NDArray[] s)
                {
                    var go = (s[3] < target) & (s[4] > 0.0);
                    return stepLimit is { } limit ? go & (s[0] < limit) : go;
                }
                var state = Lax.WhileLoop(Continue, s => [s[0] + 1, .. Attempt(f, settings, s[1..])], [Jnp.Array(0, DType.Int32), .. carry]);
                var (t, lastT) = (state[3], state[5]);
                return (state[1..], [DormandPrince.Interpolate(state[6..], (target - lastT) / (t - lastT))]);
            }

            // One attempted step: the new carry if its error is within tolerance, else the old one with a smaller step.
            private static NDArray[] Attempt(Func<NDArray, NDArray, NDArray> f, Settings settings, NDArray[] carry)
            {
                var (y, fy, t, dt, lastT) = (carry[0], carry[1], carry[2], carry[3], carry[4]);
                var (nextY, nextF, error, stages) = DormandPrince.Step(f, y, fy, t, dt);
                var ratio = DormandPrince.MeanErrorRatio(error, settings.Rtol, settings.Atol, y, nextY);
                var nextDt = Jnp.Clip(DormandPrince.OptimalStepSize(dt, ratio), 0.0, settings.Hmax);
                NDArray[] accepted = [nextY, nextF, t + dt, nextDt, t, .. DormandPrince.InterpolationFit(y, nextY, stages, dt)];
                NDArray[] kept = [y, fy, t, nextDt, lastT, .. carry[5..]];
                var accept = ratio <= 1.0;
                return accepted.Zip(kept, (a, b) => Jnp.Where(accept, a, b)).ToArray();
            }

            // Entry i of an array's leading axis.
            private static NDArray Row(NDArray x, int i) => Lax.Reshape(Lax.SliceInDim(x, i, i + 1), x.Shape[1..]);
        }
    }
}
