using System.Diagnostics;
using JaxNet;
using JaxNet.Samples.Mnist;

// The README's main job: an MLP 784-512-512-10 trained on the 10,000 bundled MNIST digits (8,000 train, 2,000
// test) with Jax.Jit(Jax.ValueAndGrad(loss)) and SGD with momentum, on the default backend (or --backend). With
// --distributed, under mpirun, the same training runs data parallel over every process's devices (Jax.Pmap).

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
if (options.Distributed)
{
    // Started by mpirun: one process per rank, each with its own devices; rank 0 reports.
    Jax.Distributed.Initialize();
    if (Jax.ProcessIndex() != 0) Console.SetOut(TextWriter.Null);
}
var members = Jax.ProcessCount() * (options.Distributed ? Jax.Devices().Count : 1);
if (options.BatchSize % members != 0)
{
    Console.Error.WriteLine($"mnist: --batch-size {options.BatchSize} does not split over {members} devices");
    return 2;
}
// Each process assembles its own part of every batch (all of it without --distributed).
var share = options.BatchSize / Jax.ProcessCount();
var shareStart = Jax.ProcessIndex() * share;

var dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
var all = MnistData.Load(
    Path.Combine(dataDirectory, "mnist10k-images-idx3-ubyte.gz"),
    Path.Combine(dataDirectory, "mnist10k-labels-idx1-ubyte.gz"));
var (train, test) = all.Split(8000);
Console.WriteLine($"MNIST: {train.Count} train, {test.Count} test digits of {all.Rows}x{all.Columns}");
if (options.Distributed)
    Console.WriteLine($"data parallel over {members} devices: {Jax.ProcessCount()} processes x {Jax.Devices().Count}, " +
                      $"joined by {Jax.Distributed.Transport}; {options.BatchSize / members} examples per device per step");
Console.WriteLine($"backend: {Jax.DefaultBackend()} ({string.Join(", ", Jax.Devices())}); " +
                  $"{options.Epochs} epochs, batch {options.BatchSize}, SGD lr {options.LearningRate} (cosine decay), momentum {options.Momentum}");

var key = Jax.Random.PRNGKey(options.Seed);
var (initKey, shuffleKey) = Jax.Random.Split2(key);
var parameters = Mlp.Init(initKey);
var velocity = Mlp.ZerosLike(parameters);

var momentum = options.Momentum;
var jitted = options.Distributed ? null : TrainStep.Jitted(momentum);
var step = jitted ?? TrainStep.DataParallel(momentum);
// Data parallel, the parameters live on every device (one replica each) from here on; evaluation reads the first.
Mlp Evaluated(Mlp p) => options.Distributed ? TrainStep.FirstReplica(p) : p;
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
var stepCost = jitted?.Lower(exampleBatch).Compile().CostAnalysis();
if (stepCost is not null && stepCost.BackendTotals.TryGetValue("cycles", out var cycles))
    Console.WriteLine($"simulated on {Jax.DefaultBackend()}: {cycles:N0} cycles per training step " +
                      $"({stepCost.BackendTotals.GetValueOrDefault("time_us"):F1} us), MXU utilization {stepCost.BackendTotals.GetValueOrDefault("mxu_util"):P1}, " +
                      $"{stepCost.BackendTotals.GetValueOrDefault("hbm_bytes") / 1e6:F1} MB from HBM, in {stepCost.BackendKernels.Count} kernels");

if (options.Distributed) (parameters, velocity) = (TrainStep.Replicate(parameters), TrainStep.Replicate(velocity));

var stepsPerEpoch = train.Count / options.BatchSize;
var totalSteps = stepsPerEpoch * options.Epochs;
var stepLosses = new List<float>();
var epochLosses = new List<float>();
var stepIndex = 0;
var testAccuracy = 0f;
for (var epoch = 1; epoch <= options.Epochs; epoch++)
{
    var order = Jax.Random.Permutation(Jax.Random.FoldIn(shuffleKey, epoch), train.Count).ToArray<int>();
    var bar = new ProgressBar($"epoch {epoch,2}/{options.Epochs}", stepsPerEpoch, redraw: !options.Distributed);
    var clock = Stopwatch.StartNew();
    var epochLoss = 0.0;
    var images = new float[share * train.Pixels];
    var labels = new int[share];
    for (var b = 0; b < stepsPerEpoch; b++)
    {
        for (var i = 0; i < share; i++)
        {
            var example = order[b * options.BatchSize + shareStart + i];
            Array.Copy(train.Images, example * train.Pixels, images, i * train.Pixels, train.Pixels);
            labels[i] = train.Labels[example];
        }
        var lr = options.LearningRate * 0.5f * (1 + MathF.Cos(MathF.PI * stepIndex / totalSteps));
        var result = step((parameters, velocity, Jnp.FromHost<float>(images, [share, train.Pixels]),
            Jnp.Array(labels), Jnp.Array(lr)));
        (parameters, velocity) = (result.Params, result.Velocity);
        var loss = result.Loss.Item<float>();
        stepLosses.Add(loss);
        epochLoss += loss;
        stepIndex++;
        bar.Report(b + 1, $"loss {loss:F4}");
    }
    var seconds = clock.Elapsed.TotalSeconds;
    var trainAccuracy = Accuracy(Evaluated(parameters), train);
    testAccuracy = Accuracy(Evaluated(parameters), test);
    epochLosses.Add((float)(epochLoss / stepsPerEpoch));
    bar.Finish($"loss {epochLoss / stepsPerEpoch:F4}, train accuracy {trainAccuracy:P1}, test accuracy {testAccuracy:P1}, " +
               $"{stepsPerEpoch * options.BatchSize / seconds:F0} samples/s");
}

if (options.Distributed)
    Console.WriteLine($"replicas agree: parameter sums differ by {TrainStep.ReplicaSpread(parameters)} across the {members} devices");
if (Jax.ProcessIndex() == 0) LossPlot.Save(options.PlotPath, stepLosses, epochLosses, stepsPerEpoch);
Console.WriteLine($"loss plot written to {Path.GetFullPath(options.PlotPath)}");
Console.WriteLine($"test accuracy: {testAccuracy:P1}");
return 0;
