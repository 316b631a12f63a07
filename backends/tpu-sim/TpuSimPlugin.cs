using JaxNet.Abstractions;
using JaxNet.Backends.TpuSim.Cli;
using JaxNet.Backends.TpuSim.Machine;

[assembly: JaxNet.Abstractions.BackendPlugin("tpu-sim", typeof(JaxNet.Backends.TpuSim.TpuSimPlugin))]

namespace JaxNet.Backends.TpuSim;

/// <summary>
/// The tpu-sim plugin's entry point. Settings (jaxnet.json <c>backends:tpu-sim</c> or <c>JAXNET_TPU_SIM_*</c>):
/// <c>preset</c> = v4 (default) or v1; <c>config</c> = path of a JSON machine description (see docs/tpu-sim.md),
/// which wins over the preset; <c>devices</c> = number of simulated cores (default 1); <c>trace</c> = path of a
/// Chrome trace JSON of simulated time, rewritten after every launch. Also offers <c>jaxnet tpu-sim gemm</c>.
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
            if (!string.IsNullOrWhiteSpace(config)) return TpuMachine.FromJson(File.ReadAllText(config));
            return TpuMachine.Preset(context.Setting("preset") ?? "v4");
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw new BackendUnavailableException($"tpu-sim machine description: {e.Message}", e);
        }
    }

    public string Usage => "jaxnet tpu-sim <command>\n  machine        print the machine the settings describe, as JSON\n  " + GemmCommand.Usage;

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
