using System.Diagnostics;
using JaxNet;
using JaxNet.Samples.Mnist;

// The README's main job: an MLP 784-512-512-10 trained on the 10,000 bundled MNIST digits (8,000 train, 2,000
// test) with Jax.Jit(Jax.ValueAndGrad(loss)) and SGD with momentum, on the default backend (or --backend).

TrainingOptions options;
try
{
    options = TrainingOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"mnist: {e.Message}");
    return 2;
}
if (options.Backend is not null) Environment.SetEnvironmentVariable("JAXNET_PLATFORMS", options.Backend);

var dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
var all = MnistData.Load(
    Path.Combine(dataDirectory, "mnist10k-images-idx3-ubyte.gz"),
    Path.Combine(dataDirectory, "mnist10k-labels-idx1-ubyte.gz"));
var (train, test) = all.Split(8000);
Console.WriteLine($"MNIST: {train.Count} train, {test.Count} test digits of {all.Rows}x{all.Columns}");
Console.WriteLine($"backend: {Jax.DefaultBackend()} ({string.Join(", ", Jax.Devices())}); " +
                  $"{options.Epochs} epochs, batch {options.BatchSize}, SGD lr {options.LearningRate} (cosine decay), momentum {options.Momentum}");

var key = Jax.Random.PRNGKey(options.Seed);
var (initKey, shuffleKey) = Jax.Random.Split2(key);
var parameters = Mlp.Init(initKey);
var velocity = Mlp.ZerosLike(parameters);

// One training step, traced once and compiled into a few fused kernels: loss and gradients, then the momentum
// update (v = m v + g; p = p - lr v). The learning rate is an argument, so the schedule does not retrace.
var momentum = options.Momentum;
var step = Jax.Jit(((Mlp Params, Mlp Velocity, NDArray X, NDArray Y, NDArray Lr) s) =>
{
    var (loss, grads) = Jax.ValueAndGrad<Mlp>(Mlp.Loss)(s.Params, s.X, s.Y);
    var v = Jax.TreeUtil.TreeMap((vi, gi) => vi * momentum + gi, s.Velocity, grads);
    var p = Jax.TreeUtil.TreeMap((pi, vi) => pi - s.Lr * vi, s.Params, v);
    return (Params: p, Velocity: v, Loss: loss);
});
var predict = Jax.Jit(((Mlp Params, NDArray X) s) => Jnp.Argmax(s.Params.LogProbabilities(s.X), axis: 1));

float Accuracy(Mlp p, MnistData data)
{
    var correct = 0;
    for (var start = 0; start < data.Count; start += 1000)
    {
        var n = Math.Min(1000, data.Count - start);
        var batch = data.Slice(start, n);
        var predicted = predict((p, Jnp.FromHost<float>(batch.Images, [n, data.Pixels]))).ToArray<int>();
        correct += predicted.Where((c, i) => c == batch.Labels[i]).Count();
    }
    return (float)correct / data.Count;
}

// A backend that simulates hardware (tpu-sim) reports what a step would cost on it.
var exampleBatch = (parameters, velocity, Jnp.Zeros([options.BatchSize, train.Pixels]), Jnp.Zeros([options.BatchSize], DType.Int32), Jnp.Array(0f));
var stepCost = step.Lower(exampleBatch).Compile().CostAnalysis();
if (stepCost.BackendTotals.TryGetValue("cycles", out var cycles))
    Console.WriteLine($"simulated on {Jax.DefaultBackend()}: {cycles:N0} cycles per training step " +
                      $"({stepCost.BackendTotals.GetValueOrDefault("time_us"):F1} us), MXU utilization {stepCost.BackendTotals.GetValueOrDefault("mxu_util"):P1}, " +
                      $"{stepCost.BackendTotals.GetValueOrDefault("hbm_bytes") / 1e6:F1} MB from HBM, in {stepCost.BackendKernels.Count} kernels");

var stepsPerEpoch = train.Count / options.BatchSize;
var totalSteps = stepsPerEpoch * options.Epochs;
var stepLosses = new List<float>();
var epochLosses = new List<float>();
var stepIndex = 0;
var testAccuracy = 0f;
for (var epoch = 1; epoch <= options.Epochs; epoch++)
{
    var order = Jax.Random.Permutation(Jax.Random.FoldIn(shuffleKey, epoch), train.Count).ToArray<int>();
    var bar = new ProgressBar($"epoch {epoch,2}/{options.Epochs}", stepsPerEpoch);
    var clock = Stopwatch.StartNew();
    var epochLoss = 0.0;
    var images = new float[options.BatchSize * train.Pixels];
    var labels = new int[options.BatchSize];
    for (var b = 0; b < stepsPerEpoch; b++)
    {
        for (var i = 0; i < options.BatchSize; i++)
        {
            var example = order[b * options.BatchSize + i];
            Array.Copy(train.Images, example * train.Pixels, images, i * train.Pixels, train.Pixels);
            labels[i] = train.Labels[example];
        }
        var lr = options.LearningRate * 0.5f * (1 + MathF.Cos(MathF.PI * stepIndex / totalSteps));
        var result = step((parameters, velocity, Jnp.FromHost<float>(images, [options.BatchSize, train.Pixels]),
            Jnp.Array(labels), Jnp.Array(lr)));
        (parameters, velocity) = (result.Params, result.Velocity);
        var loss = result.Loss.Item<float>();
        stepLosses.Add(loss);
        epochLoss += loss;
        stepIndex++;
        bar.Report(b + 1, $"loss {loss:F4}");
    }
    var seconds = clock.Elapsed.TotalSeconds;
    var trainAccuracy = Accuracy(parameters, train);
    testAccuracy = Accuracy(parameters, test);
    epochLosses.Add((float)(epochLoss / stepsPerEpoch));
    bar.Finish($"loss {epochLoss / stepsPerEpoch:F4}, train accuracy {trainAccuracy:P1}, test accuracy {testAccuracy:P1}, " +
               $"{stepsPerEpoch * options.BatchSize / seconds:F0} samples/s");
}

LossPlot.Save(options.PlotPath, stepLosses, epochLosses, stepsPerEpoch);
Console.WriteLine($"loss plot written to {Path.GetFullPath(options.PlotPath)}");
Console.WriteLine($"test accuracy: {testAccuracy:P1}");
return 0;
