using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// jax.scipy.special.lpmn: the associated Legendre functions of the first kind P_l^k(z) (Condon–Shortley phase
            /// (−1)ᵏ included, as SciPy) and their derivatives in z, for orders k = 0 … <paramref name="m"/> and degrees
            /// l = 0 … <paramref name="n"/>, each of shape <c>[m + 1, n + 1, len(z)]</c> (zero where k &gt; l). z is a
            /// float32 or float64 vector in [−1, 1] (NaN outside, where SciPy changes definition, and at NaN). JAX accepts m = n only;
            /// any m, n ≥ 0 work here. The derivative is ((l z P_l^k − (l + k) P_{l−1}^k) / (z² − 1)); at z = ±1 it is its
            /// limit: l (l + 1)/2 z^(l+1) for k = 0, ∞ z^l for k = 1, −(l + 2)(l + 1) l (l − 1)/4 z^(l+1) for k = 2, 0 beyond.
            /// </summary>
            /// <exception cref="ArgumentException">z not float32 or float64, or a negative m or n.</exception>
            /// <exception cref="ShapeException">z not one-dimensional.</exception>
            public static (NDArray Values, NDArray Derivatives) Lpmn(int m, int n, NDArray z)
            {
                CheckLegendreArguments("lpmn", m, n, z);
                var p = AssociatedLegendre(m, n, z, normalized: false);
                return (p, LegendreDerivatives(p, z));
            }

            /// <summary>
            /// jax.scipy.special.lpmn_values: the values of <see cref="Lpmn"/> alone, or, with
            /// <paramref name="isNormalized"/>, the functions scaled by √((2l + 1)/(4π) · (l − k)!/(l + k)!), those of the
            /// orthonormal spherical harmonics (<see cref="SphHarm"/>), computed by their own recurrences so that high
            /// degrees neither overflow nor underflow. Shape <c>[m + 1, n + 1, len(z)]</c>.
            /// </summary>
            /// <exception cref="ArgumentException">z not float32 or float64, or a negative m or n.</exception>
            /// <exception cref="ShapeException">z not one-dimensional.</exception>
            public static NDArray LpmnValues(int m, int n, NDArray z, bool isNormalized)
            {
                CheckLegendreArguments("lpmn_values", m, n, z);
                return AssociatedLegendre(m, n, z, isNormalized);
            }

            private static void CheckLegendreArguments(string op, int m, int n, NDArray z)
            {
                if (z.DType is not (DType.Float32 or DType.Float64))
                    throw new ArgumentException($"{op}: z must be float32 or float64, got {z.DType.NumpyName()}", nameof(z));
                if (z.Ndim != 1) throw new ShapeException($"{op}: z must be a 1-D array, got shape {Shapes.Format(z.Shape)}");
                if (m < 0 || n < 0) throw new ArgumentException($"{op}: the maximum order and degree must be non-negative, got m = {m}, n = {n}");
            }

            // P_l^k for k <= m, l <= n as [m + 1, n + 1, len(z)], by a scan over the degree: each column of orders
            // follows from the two before it, P_l = A x P_{l-1} - B P_{l-2} + D sqrt(1 - x^2) (P_{l-1} one order down),
            // where A and B carry the three-term recurrence (k < l) and D the diagonal one (k = l).
            private static NDArray AssociatedLegendre(int m, int n, NDArray z, bool normalized)
            {
                var outside = Jnp.LogicalNot(Jnp.LessEqual(Jnp.Abs(z), 1));
                var x = Jnp.Where(outside, 0, z);
                var sine = Jnp.Sqrt(1 - x * x);
                var first = Jnp.Zeros([m + 1, z.Shape[0]], z.DType).At[0].Set(normalized ? 0.5 / Math.Sqrt(Math.PI) : 1.0);
                var columns = first.Reshape(1, m + 1, z.Shape[0]);
                if (n > 0)
                {
                    var (a, b, d) = LegendreCoefficients(m, n, normalized);
                    NDArray[] xs = [Coefficients(a, n, m, z.DType), Coefficients(b, n, m, z.DType), Coefficients(d, n, m, z.DType)];
                    var (_, ys) = Lax.Scan((c, coefficient) =>
                    {
                        var (previous, beforeThat) = (c[0], c[1]);
                        var oneOrderDown = m == 0 ? Jnp.ZerosLike(previous) : Jnp.Concatenate([Jnp.ZerosLike(previous[..1]), previous[..m]], 0);
                        var next = coefficient[0] * x * previous - coefficient[1] * beforeThat + coefficient[2] * sine * oneOrderDown;
                        return ([next, previous], [next]);
                    }, [first, Jnp.ZerosLike(first)], xs);
                    columns = Jnp.Concatenate([columns, ys[0]], 0);
                }
                var table = Jnp.Transpose(columns, [1, 0, 2]);
                return Jnp.Where(outside, double.NaN, table);
            }

            private static NDArray Coefficients(double[] values, int n, int m, DType dtype) =>
                Jnp.FromHost<double>(values, [n, m + 1, 1], DType.Float64).Astype(dtype);

            // The recurrences' coefficients for degrees l = 1 .. n (rows) and orders k = 0 .. m, row-major.
            private static (double[] A, double[] B, double[] D) LegendreCoefficients(int m, int n, bool normalized)
            {
                var (a, b, d) = (new double[n * (m + 1)], new double[n * (m + 1)], new double[n * (m + 1)]);
                for (var l = 1; l <= n; l++)
                    for (var k = 0; k <= Math.Min(m, l); k++)
                    {
                        var i = (l - 1) * (m + 1) + k;
                        if (k == l)
                            d[i] = normalized ? -Math.Sqrt(1 + 0.5 / l) : -(2.0 * l - 1);
                        else if (normalized)
                        {
                            var (ll, kk) = (l * (double)l, k * (double)k);
                            a[i] = Math.Sqrt((4 * ll - 1) / (ll - kk));
                            b[i] = k < l - 1 ? Math.Sqrt((2.0 * l + 1) * ((l - 1.0) * (l - 1) - kk) / ((2.0 * l - 3) * (ll - kk))) : 0;
                        }
                        else
                        {
                            a[i] = (2.0 * l - 1) / (l - k);
                            b[i] = k < l - 1 ? (l + k - 1.0) / (l - k) : 0;
                        }
                    }
                return (a, b, d);
            }

            // dP_l^k/dz = (l z P_l^k - (l + k) P_{l-1}^k) / (z^2 - 1) inside (-1, 1), and its limits at the ends.
            private static NDArray LegendreDerivatives(NDArray p, NDArray z)
            {
                var (orders, degrees) = (p.Shape[0], p.Shape[1]);
                var (l, lPlusK, atPlusOne, atMinusOne) = (new double[orders * degrees], new double[orders * degrees],
                    new double[orders * degrees], new double[orders * degrees]);
                for (var k = 0; k < orders; k++)
                    for (var deg = 0; deg < degrees; deg++)
                    {
                        var i = k * degrees + deg;
                        (l[i], lPlusK[i]) = (deg, deg + k);
                        (atPlusOne[i], atMinusOne[i]) = EndpointSlopes(k, deg);
                    }
                NDArray Table(double[] v) => Jnp.FromHost<double>(v, [orders, degrees, 1], DType.Float64).Astype(z.DType);
                var atEnd = Jnp.Equal(Jnp.Abs(z), 1);
                var x = Jnp.Where(atEnd, 0, z);
                var previousDegree = Jnp.Concatenate([Jnp.ZerosLike(p[.., ..1]), p[.., ..(degrees - 1)]], 1);
                var inside = (Table(l) * x * p - Table(lPlusK) * previousDegree) / (x * x - 1);
                var ends = Jnp.Where(Jnp.Greater(z, 0), Table(atPlusOne), Table(atMinusOne));
                return Jnp.Where(atEnd, ends, inside);
            }

            private static (double Plus, double Minus) EndpointSlopes(int k, int l)
            {
                if (k > l) return (0, 0);
                var sign = l % 2 == 0 ? 1.0 : -1.0; // (-1)^l
                return k switch
                {
                    0 => (l * (l + 1) / 2.0, -sign * l * (l + 1) / 2.0),
                    1 => (double.PositiveInfinity, sign * double.PositiveInfinity),
                    2 => (-(l + 2.0) * (l + 1) * l * (l - 1) / 4, sign * (l + 2.0) * (l + 1) * l * (l - 1) / 4),
                    _ => (0, 0),
                };
            }
        }
    }
}
