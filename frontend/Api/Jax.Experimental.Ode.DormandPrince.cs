using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Experimental
    {
        public static partial class Ode
        {
            /// <summary>
            /// The pieces of the Dormand-Prince 5(4) method on a flat state vector, as jax.experimental.ode uses them:
            /// the step with its embedded error estimate, the initial step of Hairer, Norsett and Wanner (Solving ODEs I,
            /// sec. II.4), the step-size controller and the 4th-order polynomial that gives dense output inside a step.
            /// Every quantity is an array operation, so they run inside a traced while loop.
            /// </summary>
            private static class DormandPrince
            {
                // The stages' time fractions and the Butcher tableau (row i gives stage i + 1 from stages 0..i).
                private static readonly double[] Alpha = [1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1, 1];

                private static readonly double[][] Beta =
                [
                    [1 / 5.0],
                    [3 / 40.0, 9 / 40.0],
                    [44 / 45.0, -56 / 15.0, 32 / 9.0],
                    [19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0],
                    [9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0],
                    [35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0],
                ];

                // The 5th-order solution is the last stage's row (first same as last: stage 6 is f at the new point).
                private static readonly double[] Solution = [35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0, 0];

                private static readonly double[] Error =
                [
                    35 / 384.0 - 1951 / 21600.0, 0, 500 / 1113.0 - 22642 / 50085.0, 125 / 192.0 - 451 / 720.0,
                    -2187 / 6784.0 - -12231 / 42400.0, 11 / 84.0 - 649 / 6300.0, -1 / 60.0,
                ];

                // Weights of the stages for the solution at the step's midpoint, which pins the interpolating quartic.
                private static readonly double[] Midpoint =
                [
                    6025192743 / 30085553152.0 / 2, 0, 51252292925 / 65400821598.0 / 2, -2691868925 / 45128329728.0 / 2,
                    187940372067 / 1594534317056.0 / 2, -1776094331 / 19743644256.0 / 2, 11237099 / 235043384.0 / 2,
                ];

                /// <summary>One step of size <paramref name="dt"/> from (t, y) where f(y, t) = <paramref name="f0"/>: the
                /// new state, f there, the error estimate and the seven stages.</summary>
                public static (NDArray Y, NDArray F, NDArray Error, NDArray[] Stages) Step(Func<NDArray, NDArray, NDArray> f,
                    NDArray y0, NDArray f0, NDArray t0, NDArray dt)
                {
                    var h = Lax.ConvertElementType(dt, y0.DType);
                    var k = new NDArray[7];
                    k[0] = f0;
                    for (var i = 1; i < 7; i++) k[i] = f(y0 + h * Combine(Beta[i - 1], k), t0 + dt * Alpha[i - 1]);
                    return (y0 + h * Combine(Solution, k), k[6], h * Combine(Error, k), k);
                }

                /// <summary>The first step's size from the norms of y0, f0 and a trial Euler step's change in f.</summary>
                public static NDArray InitialStepSize(Func<NDArray, NDArray, NDArray> f, NDArray t0, NDArray y0, NDArray f0,
                    double rtol, double atol, int order = 4)
                {
                    var scale = atol + Jnp.Abs(y0) * rtol;
                    var d0 = Jnp.Linalg.Norm(y0 / scale);
                    var d1 = Jnp.Linalg.Norm(f0 / scale);
                    var h0 = Jnp.Where((d0 < 1e-5) | (d1 < 1e-5), 1e-6, d0 / d1 * 0.01);
                    var h0InTime = Lax.ConvertElementType(h0, t0.DType);
                    var f1 = f(y0 + h0 * f0, t0 + h0InTime);
                    var d2 = Jnp.Linalg.Norm((f1 - f0) / scale) / h0;
                    var h1 = Jnp.Where((d1 <= 1e-15) & (d2 <= 1e-15), Jnp.Maximum(h0 * 1e-3, 1e-6),
                        Jnp.Power(0.01 / Jnp.Maximum(d1, d2), 1.0 / (order + 1)));
                    return Lax.ConvertElementType(Jnp.Minimum(h0 * 100, h1), t0.DType);
                }

                /// <summary>The root-mean-square of the error relative to the mixed tolerance at the step's ends (at most 1
                /// accepts the step).</summary>
                public static NDArray MeanErrorRatio(NDArray error, double rtol, double atol, NDArray y0, NDArray y1)
                {
                    var tolerance = atol + Jnp.Maximum(Jnp.Abs(y0), Jnp.Abs(y1)) * rtol;
                    var ratio = error / tolerance;
                    return Jnp.Sqrt(Jnp.Mean(ratio * ratio));
                }

                /// <summary>The next step's size: the 5th-order controller with safety 0.9, growing at most tenfold, and
                /// shrinking at most fivefold after a rejected step.</summary>
                public static NDArray OptimalStepSize(NDArray lastStep, NDArray errorRatio)
                {
                    const double safety = 0.9, increase = 10.0, decrease = 0.2, order = 5.0;
                    var ratio = Lax.ConvertElementType(errorRatio, lastStep.DType);
                    var floor = Jnp.Where(ratio < 1, 1.0, decrease);
                    var factor = Jnp.Minimum(Jnp.Maximum(Jnp.Power(ratio, -1.0 / order) * safety, floor), increase);
                    return Jnp.Where(ratio == 0, lastStep * increase, lastStep * factor);
                }

                /// <summary>The coefficients (highest power first) of the quartic in s = (t - t0) / dt through y0, y1 and the
                /// midpoint solution, with the step's end slopes.</summary>
                public static NDArray[] InterpolationFit(NDArray y0, NDArray y1, NDArray[] stages, NDArray dt)
                {
                    var h = Lax.ConvertElementType(dt, y0.DType);
                    var yMid = y0 + h * Combine(Midpoint, stages);
                    var (dy0, dy1) = (h * stages[0], h * stages[6]);
                    return
                    [
                        dy0 * -2.0 + dy1 * 2.0 - y0 * 8.0 - y1 * 8.0 + yMid * 16.0,
                        dy0 * 5.0 - dy1 * 3.0 + y0 * 18.0 + y1 * 14.0 - yMid * 32.0,
                        dy0 * -4.0 + dy1 - y0 * 11.0 - y1 * 5.0 + yMid * 16.0,
                        dy0,
                        y0,
                    ];
                }

                /// <summary>The quartic of <see cref="InterpolationFit"/> at <paramref name="s"/> (Horner's rule).</summary>
                public static NDArray Interpolate(NDArray[] coefficients, NDArray s)
                {
                    var x = Lax.ConvertElementType(s, coefficients[0].DType);
                    var value = coefficients[0];
                    for (var i = 1; i < coefficients.Length; i++) value = value * x + coefficients[i];
                    return value;
                }

                // The stages weighted by one row of coefficients, skipping the zero ones.
                private static NDArray Combine(double[] weights, NDArray[] stages)
                {
                    NDArray? sum = null;
                    for (var j = 0; j < weights.Length && j < stages.Length; j++)
                    {
                        if (weights[j] == 0) continue;
                        var term = stages[j] * weights[j];
                        sum = sum is null ? term : sum + term;
                    }
                    return sum!;
                }
            }
        }
    }
}
