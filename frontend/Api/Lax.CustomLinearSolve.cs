using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.custom_linear_solve: x = <paramref name="solve"/>(matvec, b) for the linear map
        /// <paramref name="matvec"/>, differentiated implicitly rather than through the solver's iterations. The
        /// tangent is solve(matvec, ḃ - Ȧx) and the cotangent of b is transpose_solve(vecmat, x̄) (solve itself
        /// when <paramref name="symmetric"/>), where vecmat is matvec's transpose (its VJP, exact for a linear
        /// map). Traced values matvec closes over (an enclosing Grad's parameters) become inputs, as JAX's
        /// closure conversion does, and receive -(∂(A x)/∂θ)ᵀ b̄; what solve closes over is not differentiated.
        /// Under Jit and Vmap the solver runs as written, so an iterative one must use lax loops to stay traceable.
        /// </summary>
        /// <exception cref="ShapeException">matvec does not map b's shape and dtype to themselves.</exception>
        /// <exception cref="NotSupportedException">reverse mode without <paramref name="transposeSolve"/> on a
        /// non-symmetric system (as JAX).</exception>
        public static NDArray CustomLinearSolve(Func<NDArray, NDArray> matvec, NDArray b, Func<Func<NDArray, NDArray>, NDArray, NDArray> solve,
            Func<Func<NDArray, NDArray>, NDArray, NDArray>? transposeSolve = null, bool symmetric = false)
        {
            var traced = ClosureTracing.Trace(a => [matvec(a[0])], [b.Aval.Strong()], "custom_linear_solve", matvec.Method.Name);
            var output = traced.Jaxpr.Jaxpr.Outputs[0].Aval;
            if (!output.Shape.SequenceEqual(b.Shape) || output.DType != b.DType)
                throw new ShapeException($"custom_linear_solve: matvec must map b's {b.Aval.Strong().Str()} to itself, got {output.Str()}");
            NDArray Apply(NDArray v, NDArray[] theta) => JaxprEval.Eval(traced.Jaxpr, [.. theta, v])[0];
            Func<NDArray, NDArray> Operator(NDArray[] theta) => v => Apply(v, theta);

            NDArray[] Solved(NDArray[] a) => [solve(Operator(a[1..]), a[0])];

            NDArray[] Backward(NDArray[] residuals, NDArray[] cotangents)
            {
                var (x, theta) = (residuals[0], residuals[1..]);
                var a = Operator(theta);
                NDArray cotangentB;
                if (symmetric) cotangentB = solve(a, cotangents[0]);
                else if (transposeSolve is null)
                    throw new NotSupportedException("custom_linear_solve: reverse mode of a non-symmetric solve needs transposeSolve (or symmetric: true)");
                else cotangentB = transposeSolve(v => ReverseMode.Vjp(u => [a(u[0])], [x], "vecmat").Pullback([v])[0], cotangents[0]);
                return [cotangentB, .. ParameterCotangents(theta, t => Apply(x, t), cotangentB)];
            }

            NDArray[] ForwardTangents(NDArray[] primals, NDArray[] tangents)
            {
                var theta = primals[1..];
                var x = Solved(primals)[0];
                var moved = ParameterTangent(theta, tangents[1..], t => Apply(x, t));
                return [solve(Operator(theta), moved is null ? tangents[0] : tangents[0] - moved)];
            }

            return CustomDerivatives.CallCustomVjp(Solved, a =>
            {
                var x = Solved(a);
                return (x, [x[0], .. a[1..]]);
            }, Backward, ForwardTangents, "custom_linear_solve", [b, .. traced.Hoisted])[0];
        }

        /// <summary>-(∂(A(θ) x)/∂θ)ᵀ b̄ for the differentiable parameters; zeros for the others.</summary>
        private static NDArray[] ParameterCotangents(NDArray[] theta, Func<NDArray[], NDArray> applied, NDArray cotangentB)
        {
            if (theta.Length == 0) return [];
            var pullback = ReverseMode.Vjp(t => [applied(t)], theta, "custom_linear_solve").Pullback;
            return pullback([-cotangentB]).Select((c, i) => c ?? Jnp.ZerosLike(theta[i])).ToArray();
        }

        /// <summary>Ȧ x: the change of A(θ) x along the parameters' tangents, or null when none has one.</summary>
        private static NDArray? ParameterTangent(NDArray[] theta, NDArray[] thetaTangents, Func<NDArray[], NDArray> applied)
        {
            if (theta.Length == 0) return null;
            return ForwardMode.Jvp(t => [applied(t)], theta, thetaTangents, "custom_linear_solve").Tangents[0];
        }
    }
}
