using JaxNet.Core;
using JaxNet.Primitives;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.custom_jvp: <paramref name="f"/> with the forward-mode rule <paramref name="jvp"/>, which maps (primal,
    /// tangent) to (primal output, tangent output). Reverse mode uses it too (it is linearized and transposed), and
    /// the rule is itself differentiated for higher orders.
    /// </summary>
    public static Func<NDArray, NDArray> CustomJvp(Func<NDArray, NDArray> f, Func<NDArray, NDArray, (NDArray Primal, NDArray Tangent)> jvp) =>
        x => CustomDerivatives.CallCustomJvp(a => [f(a[0])], (p, t) =>
        {
            var (y, ty) = jvp(p[0], t[0]);
            return ([y], [ty]);
        }, [x])[0];

    /// <summary>custom_jvp of a function of two arrays; the rule gets both primals and both tangents.</summary>
    public static Func<NDArray, NDArray, NDArray> CustomJvp(Func<NDArray, NDArray, NDArray> f,
        Func<NDArray[], NDArray[], (NDArray Primal, NDArray Tangent)> jvp) =>
        (x, y) => CustomDerivatives.CallCustomJvp(a => [f(a[0], a[1])], (p, t) =>
        {
            var (o, to) = jvp(p, t);
            return ([o], [to]);
        }, [x, y])[0];

    /// <summary>
    /// jax.custom_vjp: <paramref name="f"/> whose reverse-mode derivative is <paramref name="backward"/>(residuals,
    /// cotangent), with the residuals saved by <paramref name="forward"/>. As in JAX, forward mode is not supported.
    /// </summary>
    public static Func<NDArray, NDArray> CustomVjp(Func<NDArray, NDArray> f, Func<NDArray, (NDArray Output, NDArray[] Residuals)> forward,
        Func<NDArray[], NDArray, NDArray> backward) =>
        x => CustomDerivatives.CallCustomVjp(a => [f(a[0])], a =>
        {
            var (y, r) = forward(a[0]);
            return ([y], r);
        }, (r, ct) => [backward(r, ct[0])], null, f.Method.Name, [x])[0];

    /// <summary>custom_vjp of a function of two arrays; <paramref name="backward"/> returns both cotangents.</summary>
    public static Func<NDArray, NDArray, NDArray> CustomVjp(Func<NDArray, NDArray, NDArray> f,
        Func<NDArray, NDArray, (NDArray Output, NDArray[] Residuals)> forward, Func<NDArray[], NDArray, (NDArray, NDArray)> backward) =>
        (x, y) => CustomDerivatives.CallCustomVjp(a => [f(a[0], a[1])], a =>
        {
            var (o, r) = forward(a[0], a[1]);
            return ([o], r);
        }, (r, ct) =>
        {
            var (cx, cy) = backward(r, ct[0]);
            return [cx, cy];
        }, null, f.Method.Name, [x, y])[0];

    /// <summary>
    /// jax.checkpoint (remat): the same function, but reverse mode saves only its inputs and recomputes its
    /// intermediate values in the backward pass.
    /// </summary>
    public static Func<NDArray, NDArray> Checkpoint(Func<NDArray, NDArray> f) =>
        x => CustomDerivatives.CallCheckpoint(a => [f(a[0])], f.Method.Name, [x])[0];

    public static Func<NDArray, NDArray, NDArray> Checkpoint(Func<NDArray, NDArray, NDArray> f) =>
        (x, y) => CustomDerivatives.CallCheckpoint(a => [f(a[0], a[1])], f.Method.Name, [x, y])[0];

    public static partial class Lax
    {
        /// <summary>lax.stop_gradient: the value, treated as a constant by differentiation at every level. A concrete
        /// array, or one without a tangent space (integers, bools), is returned as it is.</summary>
        public static NDArray StopGradient(NDArray x) =>
            x.Tracer is null || !x.DType.IsInexact() ? x : Prims.StopGradient.Bind1(Params.Empty, x);
    }
}
