namespace JaxNet.Cli.Commands;

/// <summary>The options of one command: <c>--name value</c> pairs; unknown or valueless options are errors.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> options;

    private CommandLine(Dictionary<string, string> options) => this.options = options;

    public static CommandLine Parse(string[] args, IReadOnlyCollection<string> known)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new CommandLineException($"unexpected argument '{arg}'");
            var name = arg[2..];
            string value;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else
            {
                if (i + 1 >= args.Length) throw new CommandLineException($"option --{name} needs a value");
                value = args[++i];
            }
            if (!known.Contains(name))
                throw new CommandLineException($"unknown option --{name}" + (known.Count > 0 ? $" (known: {string.Join(", ", known.Select(k => "--" + k))})" : ""));
            options[name] = value;
        }
        return new CommandLine(options);
    }

    public string? this[string name] => options.TryGetValue(name, out var v) ? v : null;
}

public sealed class CommandLineException(string message) : Exception(message);
