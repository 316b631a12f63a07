using System.Globalization;

namespace JaxNet.Samples.Mnist;

/// <summary>The sample's command line: <c>--epochs N --batch-size N --backend NAME --learning-rate X --plot FILE.png
/// --distributed</c> (data parallel over the processes of an mpirun).</summary>
public sealed record TrainingOptions(int Epochs, int BatchSize, string? Backend, float LearningRate, float Momentum, int Seed, string PlotPath,
    bool Distributed = false)
{
    public static TrainingOptions Parse(string[] args)
    {
        var options = new TrainingOptions(Epochs: 10, BatchSize: 128, Backend: null, LearningRate: 0.1f, Momentum: 0.9f, Seed: 0,
            PlotPath: "mnist-loss.png");
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--epochs" => options with { Epochs = Positive(Value(), "--epochs") },
                "--batch-size" => options with { BatchSize = Positive(Value(), "--batch-size") },
                "--backend" => options with { Backend = Value() },
                "--learning-rate" => options with { LearningRate = float.Parse(Value(), CultureInfo.InvariantCulture) },
                "--momentum" => options with { Momentum = float.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--plot" => options with { PlotPath = Value() },
                "--distributed" => options with { Distributed = true },
                _ => throw new ArgumentException($"unknown option {args[i]} (known: --epochs --batch-size --backend --learning-rate --momentum --seed --plot --distributed)"),
            };
        }
        return options;
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"{name} must be a positive integer, got '{text}'");
}
