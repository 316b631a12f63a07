using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet;

/// <summary>
/// Jacobians (jax.jacfwd, jax.jacrev, jax.hessian). The result has the output's shape followed by the input's
/// shape. JacFwd pushes forward one basis tangent per input element; JacRev linearizes once and pulls back one
/// basis cotangent per output element. Both compose with each other and with Grad and Jit.
/// </summary>
public static partial class Jax
{
    public static Func<NDArray, NDArray> JacFwd(Func<NDArray, NDArray> f) => x => Jacobians.Forward(a => f(a[0]), [x], 0, f.Method.Name);

    public static Func<NDArray, NDArray, NDArray> JacFwd(Func<NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y) => Jacobians.Forward(a => f(a[0], a[1]), [x, y], argnums, f.Method.Name);

    public static Func<NDArray, NDArray> JacRev(Func<NDArray, NDArray> f) => x => Jacobians.Reverse(a => f(a[0]), [x], 0, f.Method.Name);

    public static Func<NDArray, NDArray, NDArray> JacRev(Func<NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y) => Jacobians.Reverse(a => f(a[0], a[1]), [x, y], argnums, f.Method.Name);

    public static Func<NDArray, NDArray, NDArray, NDArray> JacFwd(Func<NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y, z) => Jacobians.Forward(a => f(a[0], a[1], a[2]), [x, y, z], argnums, f.Method.Name);

    public static Func<NDArray, NDArray, NDArray, NDArray> JacRev(Func<NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y, z) => Jacobians.Reverse(a => f(a[0], a[1], a[2]), [x, y, z], argnums, f.Method.Name);

    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray> JacFwd(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y, z, w) => Jacobians.Forward(a => f(a[0], a[1], a[2], a[3]), [x, y, z, w], argnums, f.Method.Name);

    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray> JacRev(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y, z, w) => Jacobians.Reverse(a => f(a[0], a[1], a[2], a[3]), [x, y, z, w], argnums, f.Method.Name);

    /// <summary>The Hessian, as JAX defines it: JacFwd(JacRev(f)).</summary>
    public static Func<NDArray, NDArray> Hessian(Func<NDArray, NDArray> f) => JacFwd(JacRev(f));

    public static Func<NDArray, NDArray, NDArray> Hessian(Func<NDArray, NDArray, NDArray> f, int argnums = 0) =>
        JacFwd(JacRev(f, argnums), argnums);
}

/// <summary>Jacobians of a function with one array result with respect to one of its arguments.</summary>
internal static class Jacobians
{
    public static NDArray Forward(Func<NDArray[], NDArray> f, NDArray[] args, int argnum, string name)
    {
        var x = args[Check(args, argnum, name)];
        NDArray[] Partial(NDArray[] a) => [f(Replace(args, argnum, a[0]))];
        var columns = new List<NDArray>();
        NDArray? value = null;
        for (var i = 0; i < x.Size; i++)
        {
            var (y, t) = ForwardMode.Jvp(Partial, [x], [Basis(x.Aval, i)], name);
            value ??= y[0];
            columns.Add(t[0] ?? Tangents.Zeros(y[0].Aval.Strong()));
        }
        value ??= f(args);
        var outShape = value.Aval.Shape;
        if (columns.Count == 0) return Tangents.Zeros(new ShapedArray([.. outShape, .. x.Aval.Shape], value.DType));
        return Jax.Lax.Reshape(Jnp.Stack(columns.ToArray(), axis: outShape.Length), [.. outShape, .. x.Aval.Shape]);
    }

    public static NDArray Reverse(Func<NDArray[], NDArray> f, NDArray[] args, int argnum, string name)
    {
        var x = args[Check(args, argnum, name)];
        var (y, pullback) = ReverseMode.Vjp(a => [f(Replace(args, argnum, a[0]))], [x], name);
        var outAval = y[0].Aval.Strong();
        if (outAval.Size == 0) return Tangents.Zeros(new ShapedArray([.. outAval.Shape, .. x.Aval.Shape], x.DType));
        var rows = new NDArray[outAval.Size];
        for (var j = 0; j < rows.Length; j++) rows[j] = pullback([Basis(outAval, j)])[0];
        return Jax.Lax.Reshape(Jnp.Stack(rows), [.. outAval.Shape, .. x.Aval.Shape]);
    }

    // The i-th standard basis vector of the aval's space, shaped like it.
    private static NDArray Basis(ShapedArray aval, int i)
    {
        var n = (int)aval.Size;
        var flat = Jax.Lax.Eq(Jax.Lax.Iota(DType.Int32, n), NDArray.FromScalar(Scalar.FromBits(DType.Int32, i), weak: false));
        return Jax.Lax.Reshape(Jax.Lax.ConvertElementType(flat, aval.DType), aval.Shape);
    }

    private static NDArray[] Replace(NDArray[] args, int index, NDArray value)
    {
        var full = (NDArray[])args.Clone();
        full[index] = value;
        return full;
    }

    private static int Check(NDArray[] args, int argnum, string name)
    {
        if (argnum < 0 || argnum >= args.Length) throw new ArgumentException($"Jacobian of {name}: argnums {argnum} is out of range");
        if (!args[argnum].DType.IsFloat())
            throw new ArgumentException($"Jacobian of {name}: argument {argnum} must be floating point, got {args[argnum].Aval.Str()}");
        return argnum;
    }
}
