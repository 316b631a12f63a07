using System.Diagnostics;
using JaxNet;
using JaxNet.Samples.Mnist;

// The README's main job. Until JaxNet has reverse-mode autodiff (the project's autodiff issue), this runs the
// part of the MNIST pipeline that exists: the bundled digits loaded onto the default backend, and the forward pass
// of the MLP 784-512-512-10 jitted into fused kernels and evaluated on the test split. Training comes with Jax.Grad.

var dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
var all = MnistData.Load(
    Path.Combine(dataDirectory, "mnist10k-images-idx3-ubyte.gz"),
    Path.Combine(dataDirectory, "mnist10k-labels-idx1-ubyte.gz"));
var (train, test) = all.Split(8000);
Console.WriteLine($"MNIST: {all.Count} digits of {all.Rows}x{all.Columns}; {train.Count} train, {test.Count} test");
Console.WriteLine($"backend: {Jax.DefaultBackend()}, devices: {string.Join(", ", Jax.Devices())}");

// Host-side initialisation for now (He-scaled, fixed seed); the training sample will use Jax.Random keys.
var rng = new Random(0);
NDArray Weights(int fanIn, int fanOut)
{
    var w = new float[fanIn, fanOut];
    var scale = MathF.Sqrt(2f / fanIn);
    for (var i = 0; i < fanIn; i++)
        for (var j = 0; j < fanOut; j++)
            w[i, j] = scale * (float)(rng.NextDouble() * 2 - 1) * 1.7320508f;
    return Jnp.Array(w);
}
NDArray w1 = Weights(784, 512), w2 = Weights(512, 512), w3 = Weights(512, 10);
NDArray b1 = Jnp.Zeros([512]), b2 = Jnp.Zeros([512]), b3 = Jnp.Zeros([10]);

Func<NDArray[], NDArray[]> logProbabilities = args =>
{
    var x = args[0];
    var h1 = Jax.Nn.Relu(Jnp.Matmul(x, args[1]) + args[2]);
    var h2 = Jax.Nn.Relu(Jnp.Matmul(h1, args[3]) + args[4]);
    return [Jax.Nn.LogSoftmax(Jnp.Matmul(h2, args[5]) + args[6])];
};
var forward = Jax.Jit(logProbabilities, arity: 7);

var images = Jnp.FromHost<float>(test.Images, [test.Count, test.Pixels]);
var labels = Jnp.Array(test.Labels);
var clock = Stopwatch.StartNew();
var logits = forward([images, w1, b1, w2, b2, w3, b3])[0];
var accuracy = Jnp.Mean((Jnp.Argmax(logits, axis: 1) == labels).Astype(DType.Float32)).Item<float>();
var first = clock.Elapsed.TotalMilliseconds;
clock.Restart();
logits = forward([images, w1, b1, w2, b2, w3, b3])[0];
logits.BlockUntilReady();
var second = clock.Elapsed.TotalMilliseconds;

var compiled = forward.JitInfo().Lower([images, w1, b1, w2, b2, w3, b3]).Compile();
Console.WriteLine($"jitted forward pass: {compiled.Kernels.Count} kernels; {first:F1} ms with tracing and compilation, {second:F1} ms cached");
Console.WriteLine($"untrained test accuracy: {accuracy:P1} (chance is 10%)");
Console.WriteLine("training needs Jax.Grad, which arrives with the autodiff issue; see README.md");
