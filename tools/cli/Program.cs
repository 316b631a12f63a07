using JaxNet.Cli.Commands;

namespace JaxNet.Cli;

/// <summary>Entry point of the <c>jaxnet</c> command.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "backends" => BackendsCommand.Run(CommandLine.Parse(args[1..], []), Console.Out),
                "conformance" => ConformanceCommand.Run(CommandLine.Parse(args[1..], ["backend", "report", "filter"]), Console.Out),
                "fuzz" => FuzzCommand.Run(CommandLine.Parse(args[1..], ["backend", "seed", "count", "max-elements", "minimize", "print", "family"]), Console.Out),
                "tpu-sim" when args.Length > 1 && args[1] == "run" => TpuSimRunCommand.Run(CommandLine.Parse(args[2..], ["batch", "hidden"]), Console.Out),
                _ => PluginCommand.TryRun(Runtime.BackendRegistry.Default, args[0], args[1..], Console.Out)
                     ?? Fail($"unknown command '{args[0]}'\n\n{Usage}"),
            };
        }
        catch (CommandLineException e)
        {
            return Fail(e.Message);
        }
    }

    public const string Usage = """
        usage: jaxnet <command> [options]

        commands:
          backends                         every plugin found, loaded or not (with the reason), its ABI version,
                                           devices and capabilities
          conformance [--backend NAME]     run the conformance suite on a backend (default: the default backend)
                      [--report FILE.json] also write the results as JSON
                      [--filter TEXT]      only cases whose id contains TEXT
          fuzz [--backend NAME]            random programs under Jit and Jit(Vmap) on a backend (eagerly on the default one),
               [--seed S] [--count N]      checked against a float64 host interpreter with per-element error bounds;
               [--max-elements N]          failures are minimised and printed as C# (seeds S..S+N-1, default 1 and 100)
               [--minimize false] [--print true]
          tpu-sim run [--batch N]          the MNIST MLP training step on the TPU simulator: cycles per kernel
          <platform> ...                   a plugin's own commands, e.g. jaxnet tpu-sim gemm --help

        configuration: JAXNET_PLATFORMS, JAXNET_PLUGIN_PATH, JAXNET_<PLATFORM>_<KEY> (e.g. JAXNET_CPU_DEVICES=8),
        or jaxnet.json in the working directory.
        """;

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"jaxnet: {message}");
        return 2;
    }
}
