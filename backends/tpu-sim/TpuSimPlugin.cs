using JaxNet.Abstractions;
using JaxNet.Backends.TpuSim.Cli;
using JaxNet.Backends.TpuSim.Machine;

[assembly: JaxNet.Abstractions.BackendPlugin("tpu-sim", typeof(JaxNet.Backends.TpuSim.TpuSimPlugin))]

namespace JaxNet.Backends.TpuSim;

/// <summary>
/// The tpu-sim plugin's entry point. Settings (jaxnet.json <c>backends:tpu-sim</c> or <c>JAXNET_TPU_SIM_*</c>):
/// <c>preset</c> = v4 (default) or v1; <c>config</c> = path of a JSON machine description (see docs/tpu-sim.md),
/// which wins over the preset; <c>devices</c> = number of simulated chips (default 1); <c>torus</c> = their
/// arrangement on the interconnect, such as <c>2x2x2</c> (default: one ring); <c>trace</c> = path of a Chrome trace
/// JSON of simulated time, rewritten after every launch. Also offers <c>jaxnet tpu-sim gemm</c> and <c>collective</c>.
/// </summary>
public sealed class TpuSimPlugin : IBackendPlugin, IPluginCommands
{
    public IBackend Create(PluginContext context)
    {
        var machine = MachineFrom(context);
        var backend = new TpuSimBackend(machine, context.IntSetting("devices", 1), context.Setting("trace"));
        context.Log($"tpu-sim: {machine.Summary}");
        return backend;
    }

    /// <summary>The machine the settings describe.</summary>
    public static TpuMachine MachineFrom(PluginContext context)
    {
        var config = context.Setting("config");
        try
        {
            var machine = !string.IsNullOrWhiteSpace(config)
                ? TpuMachine.FromJson(File.ReadAllText(config))
                : TpuMachine.Preset(context.Setting("preset") ?? "v4");
            return context.Setting("torus") is { Length: > 0 } torus
                ? machine with { Interconnect = machine.Interconnect with { Torus = ParseTorus(torus) } }
                : machine;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw new BackendUnavailableException($"tpu-sim machine description: {e.Message}", e);
        }
    }

    /// <summary>"2x2x2" as extents [2, 2, 2].</summary>
    internal static int[] ParseTorus(string text)
    {
        var parts = text.Split('x', StringSplitOptions.TrimEntries);
        var extents = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out extents[i]) || extents[i] < 1)
                throw new FormatException($"setting 'torus' must look like 2x2x2 (positive extents), got '{text}'");
        return extents;
    }

    public string Usage => "jaxnet tpu-sim <command>\n  machine        print the machine the settings describe, as JSON\n  " + GemmCommand.Usage + "  " +
        CollectiveCommand.Usage;

    public int RunCommand(IReadOnlyList<string> args, TextWriter output, PluginContext context)
    {
        if (args.Count == 0)
        {
            output.Write(Usage);
            return 2;
        }
        switch (args[0])
        {
            case "gemm":
                return GemmCommand.Run(args.Skip(1).ToList(), output);
            case "collective":
                try
                {
                    return CollectiveCommand.Run(args.Skip(1).ToList(), output, MachineFrom(context));
                }
                catch (BackendUnavailableException e)
                {
                    output.WriteLine($"error: {e.Message}");
                    return 2;
                }
            case "machine":
                try
                {
                    output.WriteLine(MachineFrom(context).ToJson());
                    return 0;
                }
                catch (BackendUnavailableException e)
                {
                    output.WriteLine($"error: {e.Message}");
                    return 2;
                }
            default:
                output.WriteLine($"unknown tpu-sim command '{args[0]}'");
                output.Write(Usage);
                return 2;
        }
    }
}
