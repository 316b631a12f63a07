using JaxNet;

// The examples of JAX's introduction ("JAX: Autograd and XLA"), translated to C#, each printing its result.

Console.WriteLine($"JaxNet on {Jax.DefaultBackend()} ({string.Join(", ", Jax.Devices())})\n");

// 1. The hidden layer on a device: relu(W x + b), written for one example.
var key = Jax.Random.PRNGKey(0);
var (kw, kx) = Jax.Random.Split2(key);
var w = Jax.Random.Normal(kw, [128, 128]) * 0.1f;
var b = Jnp.Zeros([128]);
NDArray HiddenLayer(NDArray x) => Jax.Nn.Relu(Jnp.Dot(w, x) + b);
var x0 = Jax.Random.Normal(kx, [128]);
var h = HiddenLayer(x0);
Console.WriteLine($"hidden layer: {h.Shape.Str()} {h.DType.NumpyName()} on {h.Device}, mean {Jnp.Mean(h).Item<float>():F4}");

// 2. SVD of the layer's weights: singular values, and the factors put back together.
var (u, sv, vh) = Jax.Scipy.Linalg.Svd(w, fullMatrices: false);
var rebuilt = Jnp.Matmul(u * sv, vh);
Console.WriteLine($"svd(W): largest singular value {sv[0].Item<float>():F4}, max |U S Vh - W| {Jnp.Max(Jnp.Abs(rebuilt - w)).Item<float>():E1}");

// 3. grad of the hidden layer's scalar loss.
NDArray Loss(NDArray x) => Jnp.Sum(Jnp.Square(HiddenLayer(x)));
var g = Jax.Grad(Loss)(x0);
Console.WriteLine($"grad(loss)(x): {g.Shape.Str()}, norm {Jnp.Sqrt(Jnp.Sum(g * g)).Item<float>():F4}");

// 4. C# control flow under grad: the absolute value.
static NDArray Abs(NDArray x)
{
    if (x >= 0) return x;
    else return -x;
}
var dAbs = Jax.Grad(Abs);
Console.WriteLine($"grad(abs)(2.0) = {dAbs(Jnp.Array(2f)).Item<float>()}, grad(abs)(-2.0) = {dAbs(Jnp.Array(-2f)).Item<float>()}");

// 5. grad(grad(grad(tanh)))(1.0).
var d3 = Jax.Grad(Jax.Grad(Jax.Grad((Func<NDArray, NDArray>)Jnp.Tanh)));
Console.WriteLine($"grad(grad(grad(tanh)))(1.0) = {d3(Jnp.Array(1f)).Item<float>():F4}");

// 6. jacfwd(jacrev(f)): the Hessian.
NDArray F(NDArray v) => Jnp.Sum(Jnp.Tanh(v) * v);
var hessian = Jax.JacFwd(Jax.JacRev(F))(Jnp.Array(new float[] { 0.5f, -1f, 2f }));
Console.WriteLine($"jacfwd(jacrev(f))(v): {hessian.Shape.Str()}, diagonal {Jnp.Diagonal(hessian)}");

// 7. The fused sum(x + y*z): one kernel.
var n = 10_000_000;
var (k1, k2) = Jax.Random.Split2(kx);
var (xs, ys, zs) = (Jax.Random.Normal(k1, [n]), Jax.Random.Normal(k2, [n]), Jax.Random.Uniform(key, [n]));
var fused = Jax.Jit((NDArray a, NDArray bb, NDArray c) => Jnp.Sum(a + bb * c));
var kernels = fused.Lower(xs, ys, zs).Compile().Kernels.Count;
Console.WriteLine($"sum(x + y*z) over {n:N0} floats = {fused(xs, ys, zs).Item<float>():F2} in {kernels} kernel{(kernels == 1 ? "" : "s")}");

// 8. jit(grad(f)).
var fastGrad = Jax.Jit(Jax.Grad(Loss));
Console.WriteLine($"jit(grad(loss))(x) equals grad(loss)(x): {Jnp.Allclose(fastGrad(x0), g, rtol: 1e-4, atol: 1e-5)}");

// 9. vmap(hidden_layer) over a batch.
var batch = Jax.Random.Normal(key, [32, 128]);
var hs = Jax.Vmap((Func<NDArray, NDArray>)HiddenLayer)(batch);
Console.WriteLine($"vmap(hidden_layer)(batch): {hs.Shape.Str()}");

// 10. pmap: one slice per device, and a psum across them (JAXNET_CPU_DEVICES=4 gives the cpu backend four).
var devices = Jax.Devices().Count;
var shards = Jnp.Arange(devices * 3).Astype(DType.Float32).Reshape([devices, 3]);
var normalized = Jax.Pmap(v => v / Jax.Lax.Psum(Jnp.Sum(v), "i"), "i")(shards);
Console.WriteLine($"pmap over {devices} device(s): {normalized.Shape.Str()}, total {Jnp.Sum(normalized).Item<float>():F4}");

static class ShapeText
{
    public static string Str(this int[] shape) => "[" + string.Join(", ", shape) + "]";
}
