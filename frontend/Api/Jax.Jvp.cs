using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Forward mode (jax.jvp): the value of <paramref name="f"/> at <paramref name="primals"/> and its derivative
    /// along <paramref name="tangents"/> (one per argument, each like its primal).
    /// </summary>
    public static (NDArray Primal, NDArray Tangent) Jvp(Func<NDArray, NDArray> f, NDArray[] primals, NDArray[] tangents) =>
        JvpOne(a => [f(a[0])], 1, primals, tangents, f.Method.Name);

    public static (NDArray Primal, NDArray Tangent) Jvp(Func<NDArray, NDArray, NDArray> f, NDArray[] primals, NDArray[] tangents) =>
        JvpOne(a => [f(a[0], a[1])], 2, primals, tangents, f.Method.Name);

    public static (NDArray Primal, NDArray Tangent) Jvp(Func<NDArray, NDArray, NDArray, NDArray> f, NDArray[] primals, NDArray[] tangents) =>
        JvpOne(a => [f(a[0], a[1], a[2])], 3, primals, tangents, f.Method.Name);

    public static (NDArray Primal, NDArray Tangent) Jvp(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, NDArray[] primals,
        NDArray[] tangents) => JvpOne(a => [f(a[0], a[1], a[2], a[3])], 4, primals, tangents, f.Method.Name);

    /// <summary>Forward mode of a function of several arrays with several results.</summary>
    public static (NDArray[] Primals, NDArray[] Tangents) JvpN(Func<NDArray[], NDArray[]> f, NDArray[] primals, NDArray[] tangents)
    {
        var (y, t) = ForwardMode.Jvp(f, primals, tangents, f.Method.Name);
        return (y, t.Select((x, i) => x ?? Tangents.Zeros(y[i].Aval.Strong())).ToArray());
    }

    /// <summary>
    /// jax.linearize: the value of <paramref name="f"/> at <paramref name="x"/> and the linear map x_dot -> J x_dot,
    /// evaluated from a staged linear program (the JVP partially evaluated), not by re-running f.
    /// </summary>
    public static (NDArray Primal, Func<NDArray, NDArray> Linear) Linearize(Func<NDArray, NDArray> f, NDArray x)
    {
        var lin = ReverseMode.Linearize(a => [f(a[0])], [x], f.Method.Name);
        return (lin.PrimalsOut[0], t => lin.Apply([t])[0]);
    }

    public static (NDArray Primal, Func<NDArray, NDArray, NDArray> Linear) Linearize(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y)
    {
        var lin = ReverseMode.Linearize(a => [f(a[0], a[1])], [x, y], f.Method.Name);
        return (lin.PrimalsOut[0], (tx, ty) => lin.Apply([tx, ty])[0]);
    }

    public static (NDArray Primal, Func<NDArray, NDArray, NDArray, NDArray> Linear) Linearize(Func<NDArray, NDArray, NDArray, NDArray> f,
        NDArray x, NDArray y, NDArray z)
    {
        var lin = ReverseMode.Linearize(a => [f(a[0], a[1], a[2])], [x, y, z], f.Method.Name);
        return (lin.PrimalsOut[0], (tx, ty, tz) => lin.Apply([tx, ty, tz])[0]);
    }

    public static (NDArray Primal, Func<NDArray, NDArray, NDArray, NDArray, NDArray> Linear) Linearize(
        Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, NDArray x, NDArray y, NDArray z, NDArray w)
    {
        var lin = ReverseMode.Linearize(a => [f(a[0], a[1], a[2], a[3])], [x, y, z, w], f.Method.Name);
        return (lin.PrimalsOut[0], (tx, ty, tz, tw) => lin.Apply([tx, ty, tz, tw])[0]);
    }

    /// <summary>jax.vjp: the value of <paramref name="f"/> at <paramref name="x"/> and its pullback ct -> ct J.</summary>
    public static (NDArray Primal, Func<NDArray, NDArray> Pullback) Vjp(Func<NDArray, NDArray> f, NDArray x)
    {
        var (y, pullback) = ReverseMode.Vjp(a => [f(a[0])], [x], f.Method.Name);
        return (y[0], ct => pullback([ct])[0]);
    }

    public static (NDArray Primal, Func<NDArray, NDArray[]> Pullback) Vjp(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y)
    {
        var (value, pullback) = ReverseMode.Vjp(a => [f(a[0], a[1])], [x, y], f.Method.Name);
        return (value[0], ct => pullback([ct]));
    }

    public static (NDArray Primal, Func<NDArray, NDArray[]> Pullback) Vjp(Func<NDArray, NDArray, NDArray, NDArray> f, NDArray x, NDArray y,
        NDArray z)
    {
        var (value, pullback) = ReverseMode.Vjp(a => [f(a[0], a[1], a[2])], [x, y, z], f.Method.Name);
        return (value[0], ct => pullback([ct]));
    }

    public static (NDArray Primal, Func<NDArray, NDArray[]> Pullback) Vjp(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, NDArray x,
        NDArray y, NDArray z, NDArray w)
    {
        var (value, pullback) = ReverseMode.Vjp(a => [f(a[0], a[1], a[2], a[3])], [x, y, z, w], f.Method.Name);
        return (value[0], ct => pullback([ct]));
    }

    /// <summary>The pullback of a function of several arrays with several results.</summary>
    public static (NDArray[] Primals, Func<NDArray[], NDArray[]> Pullback) VjpN(Func<NDArray[], NDArray[]> f, NDArray[] primals)
    {
        var (value, pullback) = ReverseMode.Vjp(f, primals, f.Method.Name);
        return (value, cts => pullback(cts));
    }

    private static (NDArray, NDArray) JvpOne(Func<NDArray[], NDArray[]> f, int arity, NDArray[] primals, NDArray[] tangents, string name)
    {
        if (primals.Length != arity || tangents.Length != arity)
            throw new ArgumentException($"jvp of {name}: the function takes {arity} arguments; got {primals.Length} primals and {tangents.Length} tangents");
        var (y, t) = ForwardMode.Jvp(f, primals, tangents, name);
        return (y[0], t[0] ?? Tangents.Zeros(y[0].Aval.Strong()));
    }
}
