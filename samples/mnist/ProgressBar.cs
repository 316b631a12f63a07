namespace JaxNet.Samples.Mnist;

/// <summary>A one-line progress bar for an epoch: redrawn in place on a terminal, printed once when redirected (or
/// when <paramref name="redraw"/> is false: mpirun forwards a rank's output as a terminal, but into one log).</summary>
public sealed class ProgressBar(string label, int total, bool redraw = true)
{
    private const int Width = 30;
    private readonly bool interactive = redraw && !Console.IsOutputRedirected;
    private int lastDrawn = -1;

    public void Report(int done, string status)
    {
        if (!interactive) return;
        var filled = total == 0 ? Width : done * Width / total;
        if (filled == lastDrawn && done != total) return;
        lastDrawn = filled;
        Console.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {status}   ");
    }

    public void Finish(string summary)
    {
        if (interactive) Console.Write($"\r{new string(' ', Width + label.Length + 40)}\r");
        Console.WriteLine($"{label} {summary}");
    }
}
