using static JaxNet.Backends.Vulkan.Codegen.DoubleCoreHelpers;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// float64 pow with C99's special cases: |x|^y = e^(y ln|x|) with ln|x| in double-double (about 2^-60 relative),
/// the product by y formed exactly (Dekker), and e^(hi + lo) rounded into the result's exponent in the bits, so
/// results next to the overflow threshold and subnormal results are accurate. Zero, sign and subnormal tests
/// read the bits (llvmpipe may flush float64 subnormals in comparisons).
/// </summary>
internal static class DoublePowHelpers
{
    public static string Pow(ShaderWriter w)
    {
        ExpCore(w);
        LogCore(w);
        return w.Helper("jx_d_pow", () =>
            $$"""
            double jx_d_pow(double x, double y) {
                if (jx_d_iszero(y) || x == 1.0LF) return 1.0LF;
                if (isnan(x) || isnan(y)) return {{Nan}};
                bool xNegative = jx_d_signbit(x);
                bool xZero = jx_d_iszero(x);
                double ax = jx_d_abs(x);
                if (isinf(y)) return ax == 1.0LF ? 1.0LF : ((ax > 1.0LF) == (y > 0.0LF) ? {{Inf}} : 0.0LF);
                bool yInt = floor(y) == y;
                bool yOdd = yInt && abs(y) < 9007199254740992.0LF && floor(0.5LF * y) != 0.5LF * y;
                if (xNegative && !xZero && !yInt && !isinf(x)) return {{Nan}};
                double r;
                if (xZero) r = y > 0.0LF ? 0.0LF : {{Inf}};
                else if (isinf(x)) r = y > 0.0LF ? {{Inf}} : 0.0LF;
                else {
                    dvec2 l = jx_d_log_dd(ax);
                    double approx = y * l.x;
                    if (l.x == 0.0LF) r = 1.0LF;
                    else if (approx > 720.0LF) r = {{Inf}};
                    else if (approx < -760.0LF) r = 0.0LF;
                    else {
                        dvec2 p = jx_dd_two_prod(y, l.x);
                        precise double lo = p.y + y * l.y;
                        r = jx_d_exp_dd(p.x, lo);
                    }
                }
                return xNegative && yOdd ? -r : r;
            }
            """);
    }
}
