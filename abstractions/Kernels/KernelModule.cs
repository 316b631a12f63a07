using System.Security.Cryptography;
using System.Text;

namespace JaxNet.Abstractions.Kernels;

/// <summary>Whether a module's buffer is passed in, handed back, or lives only during a launch.</summary>
public enum BufferRole
{
    Parameter,
    Result,
    Temporary,
}

/// <summary>
/// A buffer of a module: <see cref="ByteSize"/> bytes. The host's buffer planner may let several values share
/// one temporary over disjoint lifetimes, so a temporary is a slot of bytes, not a typed array.
/// </summary>
public sealed record BufferDecl(int Id, BufferRole Role, long ByteSize)
{
    public override string ToString() => $"b{Id}: {Role.ToString().ToLowerInvariant()} {ByteSize}B";
}

/// <summary>
/// A result that starts as a copy of a parameter (positions in <see cref="KernelModule.Results"/> and
/// <see cref="KernelModule.Parameters"/>), so the module's kernels update it in place: XLA's input/output alias.
/// The host binds the result to the parameter's own buffer when the caller gives that buffer up (donation), and to a
/// copy otherwise; either way the backend sees a result whose contents are defined before its first kernel runs.
/// </summary>
public sealed record ResultAlias(int Result, int Parameter)
{
    public override string ToString() => $"r{Result}<-p{Parameter}";
}

/// <summary>
/// The unit a backend compiles: buffers, and kernels launched in list order (the schedule). Buffers are
/// numbered 0..n-1 (<see cref="BufferDecl.Id"/> equals the position). Control flow stays with the host, which
/// launches modules; a module is straight-line code.
/// </summary>
public sealed record KernelModule(
    string Name,
    IReadOnlyList<BufferDecl> Buffers,
    IReadOnlyList<Kernel> Kernels,
    IReadOnlyList<int> Parameters,
    IReadOnlyList<int> Results)
{
    private string? text;
    private string? fingerprint;

    /// <summary>Results the host initialises from parameters (ABI 1.1); empty for most modules.</summary>
    public IReadOnlyList<ResultAlias> Aliases { get; init; } = [];

    /// <summary>The module in the IR's text form (stable: it defines the module's identity).</summary>
    public string ToText()
    {
        if (text is not null) return text;
        var s = new StringBuilder();
        s.Append("module ").Append(Name).Append(" (")
            .Append(string.Join(", ", Parameters.Select(p => "b" + p))).Append(") -> (")
            .Append(string.Join(", ", Results.Select(r => "b" + r))).Append(')');
        if (Aliases.Count > 0) s.Append(" aliases(").Append(string.Join(", ", Aliases)).Append(')');
        s.Append('\n');
        foreach (var b in Buffers) s.Append("  ").Append(b).Append('\n');
        foreach (var k in Kernels)
            s.Append("  ").Append(k.Kind.ToString().ToLowerInvariant()).Append(' ').Append(k.Name).Append(' ')
                .Append(k.Describe()).Append('\n');
        return text = s.ToString();
    }

    /// <summary>A hash of <see cref="ToText"/> (hex SHA-256), a key for compile and disk caches.</summary>
    public string Fingerprint() =>
        fingerprint ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToText())));

    /// <summary>Checks the structure (buffer ids, SSA order, dtypes of ops); throws <see cref="InvalidKernelModuleException"/>.</summary>
    public void Validate() => KernelModuleValidator.Validate(this);

    public override string ToString() => ToText();
}

/// <summary>A module breaks a structural rule of the IR; the message names the kernel and the rule.</summary>
public sealed class InvalidKernelModuleException(string message) : Exception(message);
