using System.Globalization;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.debug: printing and callbacks that run when the program runs, also inside Jit, Grad, Vmap, pmap
    /// and loop bodies, rather than once when the function is traced.</summary>
    public static class Debug
    {
        /// <summary>
        /// jax.debug.print: writes <paramref name="format"/> (a .NET composite format: <c>"x = {0}, y = {1}"</c>)
        /// with the values of <paramref name="args"/>, printed as NumPy's str prints them (<c>[2. 4.]</c>), to standard
        /// output each time the program reaches it. Under Grad it prints the primal values; under Vmap once per batch
        /// element.
        /// </summary>
        public static void Print(string format, params NDArray[] args) => Print(Console.Out, format, args);

        /// <summary><see cref="Print(string, NDArray[])"/> to <paramref name="writer"/>.</summary>
        public static void Print(TextWriter writer, string format, params NDArray[] args)
        {
            // Check the format now, where the call is, not when the program runs.
            _ = string.Format(CultureInfo.InvariantCulture, format, args.Select(a => (object)a.Aval.Str()).ToArray());
            Callback(values => writer.WriteLine(string.Format(CultureInfo.InvariantCulture, format, values.Select(v => (object)v.ToStr()).ToArray())),
                args);
        }

        /// <summary>jax.debug.callback: calls <paramref name="callback"/> with the concrete values of
        /// <paramref name="args"/> each time the program reaches it.</summary>
        public static void Callback(Action<NDArray[]> callback, params NDArray[] args)
        {
            var host = new HostCallback(values =>
            {
                callback(values);
                return [];
            }, callback.Method.Name, []);
            DebugCallbackPrimitive.Instance.Bind(Params.Of(("callback", host)), args);
        }
    }

    /// <summary>
    /// jax.pure_callback: <paramref name="callback"/> computes results of the declared shapes and dtypes from concrete
    /// arrays on the host, inside traced code. It must be pure: an unused call may be dropped and identical calls
    /// merged. Under Vmap it follows <paramref name="vmapMethod"/>; it has no derivative (wrap it in
    /// <see cref="CustomJvp(Func{NDArray, NDArray}, Func{NDArray, NDArray, ValueTuple{NDArray, NDArray}})"/>).
    /// </summary>
    public static NDArray[] PureCallback(Func<NDArray[], NDArray[]> callback, ShapeDtypeStruct[] resultShapeDtypes, NDArray[] args,
        VmapMethod vmapMethod = VmapMethod.Sequential) => PureCallback(callback, callback.Method.Name, resultShapeDtypes, args, vmapMethod);

    private static NDArray[] PureCallback(Func<NDArray[], NDArray[]> callback, string name, ShapeDtypeStruct[] resultShapeDtypes, NDArray[] args,
        VmapMethod vmapMethod)
    {
        var results = resultShapeDtypes.Select(r => new ShapedArray(r.Shape, r.DType)).ToArray();
        var host = new HostCallback(callback, name, results);
        return PureCallbackPrimitive.Instance.Bind(Params.Of(("callback", host), ("vmap_method", vmapMethod)), args);
    }

    /// <summary><see cref="PureCallback(Func{NDArray[], NDArray[]}, ShapeDtypeStruct[], NDArray[], VmapMethod)"/> of one
    /// array to one array.</summary>
    public static NDArray PureCallback(Func<NDArray, NDArray> callback, ShapeDtypeStruct resultShapeDtype, NDArray arg,
        VmapMethod vmapMethod = VmapMethod.Sequential) =>
        PureCallback(a => [callback(a[0])], callback.Method.Name, [resultShapeDtype], [arg], vmapMethod)[0];
}
