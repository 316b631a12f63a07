using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet;

/// <summary>
/// Jacobians (jax.jacfwd, jax.jacrev, jax.hessian). The result has the output's shape followed by the input's
/// shape. JacFwd pushes the input space's basis forward, JacRev linearizes once and pulls the output space's basis
/// back, each as one vmapped batch. Both compose with each other and with Grad, Vmap and Jit.
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

/// <summary>
/// Jacobians of a function with one array result with respect to one of its arguments. As in JAX, the basis is
/// pushed through in one batch with vmap: JacFwd vmaps the JVP over the identity's rows (tangents), JacRev vmaps the
/// pullback over the identity's rows (cotangents). One batched program, not a loop of n small ones.
/// </summary>
internal static class Jacobians
{
    public static NDArray Forward(Func<NDArray[], NDArray> f, NDArray[] args, int argnum, string name)
    {
        var x = args[Check(args, argnum, name)];
        NDArray[] Partial(NDArray[] a) => [f(Replace(args, argnum, a[0]))];
        var n = (int)x.Aval.Size;
        var outAval = Jax.EvalShape(a => Partial(a), x)[0];
        int[] jacobianShape = [.. outAval.Shape, .. x.Aval.Shape];
        if (n == 0) return Tangents.Zeros(new ShapedArray(jacobianShape, outAval.DType));
        // Column i of the Jacobian is the JVP along basis vector i; vmap puts the batch of columns last.
        var columns = BatchingVmap.Apply(t =>
        {
            var (y, tangent) = ForwardMode.Jvp(Partial, [x], [t[0]], name);
            return [tangent[0] ?? Tangents.Zeros(y[0].Aval.Strong())];
        }, [Basis(x.Aval, n)], [0], [-1], name, ["basis"]);
        return Jax.Lax.Reshape(columns[0], jacobianShape);
    }

    public static NDArray Reverse(Func<NDArray[], NDArray> f, NDArray[] args, int argnum, string name)
    {
        var x = args[Check(args, argnum, name)];
        var (y, pullback) = ReverseMode.Vjp(a => [f(Replace(args, argnum, a[0]))], [x], name);
        var outAval = y[0].Aval.Strong();
        if (outAval.Size == 0) return Tangents.Zeros(new ShapedArray([.. outAval.Shape, .. x.Aval.Shape], x.DType));
        // Row j of the Jacobian is the pullback of basis cotangent j; vmap stacks the rows first.
        var rows = BatchingVmap.Apply(c => [pullback([c[0]])[0]], [Basis(outAval, (int)outAval.Size)], [0], [0], name, ["basis"]);
        return Jax.Lax.Reshape(rows[0], [.. outAval.Shape, .. x.Aval.Shape]);
    }

    // The identity of the aval's space: n basis vectors, each shaped like the aval, stacked along a new first axis.
    private static NDArray Basis(ShapedArray aval, int n)
    {
        var identity = Jax.Lax.Eq(Jax.Lax.BroadcastedIota(DType.Int32, [n, n], 0), Jax.Lax.BroadcastedIota(DType.Int32, [n, n], 1));
        return Jax.Lax.Reshape(Jax.Lax.ConvertElementType(identity, aval.DType.IsFloat() ? aval.DType : DType.Float32), [n, .. aval.Shape]);
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
