using JaxNet.Transforms;

namespace JaxNet;

/// <summary>
/// Reverse-mode gradients (jax.grad, jax.value_and_grad). <c>argnums</c> selects the differentiated arguments:
/// one index gives one gradient, several give an array of gradients in their order. With <c>hasAux</c> the
/// function returns (value, aux) and aux comes back undifferentiated. The output must be a float scalar; complex
/// inputs give JAX's df/dx - i df/dy. With <c>holomorphic</c> (one argument), input and output are complex and the
/// result is the complex derivative f'(z), as jax.grad(f, holomorphic=True).
/// </summary>
public static partial class Jax
{
    public static Func<NDArray, NDArray> Grad(Func<NDArray, NDArray> f, bool holomorphic = false) =>
        x => Gradient.ValueAndGrad(a => [f(a[0])], [x], [0], f.Method.Name, holomorphic).Grads[0];

    public static Func<NDArray, NDArray, NDArray> Grad(Func<NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y) => Gradient.ValueAndGrad(a => [f(a[0], a[1])], [x, y], [argnums], f.Method.Name).Grads[0];

    public static Func<NDArray, NDArray, NDArray[]> Grad(Func<NDArray, NDArray, NDArray> f, int[] argnums) =>
        (x, y) => Gradient.ValueAndGrad(a => [f(a[0], a[1])], [x, y], argnums, f.Method.Name).Grads;

    public static Func<NDArray, NDArray, NDArray, NDArray> Grad(Func<NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y, z) => Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2])], [x, y, z], [argnums], f.Method.Name).Grads[0];

    public static Func<NDArray, NDArray, NDArray, NDArray[]> Grad(Func<NDArray, NDArray, NDArray, NDArray> f, int[] argnums) =>
        (x, y, z) => Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2])], [x, y, z], argnums, f.Method.Name).Grads;

    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray> Grad(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y, z, w) => Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2], a[3])], [x, y, z, w], [argnums], f.Method.Name).Grads[0];

    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray[]> Grad(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, int[] argnums) =>
        (x, y, z, w) => Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2], a[3])], [x, y, z, w], argnums, f.Method.Name).Grads;

    /// <summary>Gradient of a function returning (value, aux); <paramref name="hasAux"/> must be true.</summary>
    public static Func<NDArray, (NDArray Grad, NDArray Aux)> Grad(Func<NDArray, (NDArray Value, NDArray Aux)> f, bool hasAux)
    {
        RequireAux(hasAux);
        return x =>
        {
            var r = Gradient.ValueAndGrad(a => Pair(f(a[0])), [x], [0], f.Method.Name);
            return (r.Grads[0], r.Aux[0]);
        };
    }

    public static Func<NDArray, NDArray, (NDArray Grad, NDArray Aux)> Grad(Func<NDArray, NDArray, (NDArray Value, NDArray Aux)> f, bool hasAux,
        int argnums = 0)
    {
        RequireAux(hasAux);
        return (x, y) =>
        {
            var r = Gradient.ValueAndGrad(a => Pair(f(a[0], a[1])), [x, y], [argnums], f.Method.Name);
            return (r.Grads[0], r.Aux[0]);
        };
    }

    public static Func<NDArray, (NDArray Value, NDArray Grad)> ValueAndGrad(Func<NDArray, NDArray> f, bool holomorphic = false) => x =>
    {
        var r = Gradient.ValueAndGrad(a => [f(a[0])], [x], [0], f.Method.Name, holomorphic);
        return (r.Value, r.Grads[0]);
    };

    public static Func<NDArray, NDArray, (NDArray Value, NDArray Grad)> ValueAndGrad(Func<NDArray, NDArray, NDArray> f, int argnums = 0) =>
        (x, y) =>
        {
            var r = Gradient.ValueAndGrad(a => [f(a[0], a[1])], [x, y], [argnums], f.Method.Name);
            return (r.Value, r.Grads[0]);
        };

    public static Func<NDArray, NDArray, (NDArray Value, NDArray[] Grads)> ValueAndGrad(Func<NDArray, NDArray, NDArray> f, int[] argnums) =>
        (x, y) =>
        {
            var r = Gradient.ValueAndGrad(a => [f(a[0], a[1])], [x, y], argnums, f.Method.Name);
            return (r.Value, r.Grads);
        };

    public static Func<NDArray, NDArray, NDArray, (NDArray Value, NDArray Grad)> ValueAndGrad(Func<NDArray, NDArray, NDArray, NDArray> f,
        int argnums = 0) => (x, y, z) =>
        {
            var r = Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2])], [x, y, z], [argnums], f.Method.Name);
            return (r.Value, r.Grads[0]);
        };

    public static Func<NDArray, NDArray, NDArray, (NDArray Value, NDArray[] Grads)> ValueAndGrad(Func<NDArray, NDArray, NDArray, NDArray> f,
        int[] argnums) => (x, y, z) =>
        {
            var r = Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2])], [x, y, z], argnums, f.Method.Name);
            return (r.Value, r.Grads);
        };

    public static Func<NDArray, NDArray, NDArray, NDArray, (NDArray Value, NDArray[] Grads)> ValueAndGrad(
        Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, int[] argnums) => (x, y, z, w) =>
        {
            var r = Gradient.ValueAndGrad(a => [f(a[0], a[1], a[2], a[3])], [x, y, z, w], argnums, f.Method.Name);
            return (r.Value, r.Grads);
        };

    /// <summary>value_and_grad of a function of several arrays: the scalar value and the gradients of the <paramref name="argnums"/> arguments.</summary>
    public static Func<NDArray[], (NDArray Value, NDArray[] Grads)> ValueAndGradN(Func<NDArray[], NDArray> f, int[] argnums) => args =>
    {
        var r = Gradient.ValueAndGrad(a => [f(a)], args, argnums, f.Method.Name);
        return (r.Value, r.Grads);
    };

    private static NDArray[] Pair((NDArray Value, NDArray Aux) r) => [r.Value, r.Aux];

    private static void RequireAux(bool hasAux)
    {
        if (!hasAux) throw new ArgumentException("a function returning (value, aux) needs hasAux: true");
    }
}
