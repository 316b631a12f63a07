namespace JaxNet.Samples.Mnist;

/// <summary>Writes the training loss per step (and its per-epoch mean) as a PNG.</summary>
public static class LossPlot
{
    public static void Save(string path, IReadOnlyList<float> stepLosses, IReadOnlyList<float> epochLosses, int stepsPerEpoch)
    {
        var plot = new ScottPlot.Plot();
        var steps = Enumerable.Range(1, stepLosses.Count).Select(s => (double)s).ToArray();
        var perStep = plot.Add.Scatter(steps, stepLosses.Select(l => (double)l).ToArray());
        perStep.LegendText = "batch loss";
        perStep.MarkerSize = 0;
        var epochEnds = Enumerable.Range(1, epochLosses.Count).Select(e => (double)e * stepsPerEpoch).ToArray();
        var perEpoch = plot.Add.Scatter(epochEnds, epochLosses.Select(l => (double)l).ToArray());
        perEpoch.LegendText = "epoch mean";
        perEpoch.LineWidth = 2;
        plot.Title("MNIST MLP 784-512-512-10: training loss");
        plot.XLabel("step");
        plot.YLabel("softmax cross-entropy");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }
}
