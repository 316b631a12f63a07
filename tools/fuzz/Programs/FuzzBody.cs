using System.Text;
using JaxNet.Fuzz.Running;

namespace JaxNet.Fuzz.Programs;

/// <summary>
/// A function that a control-flow op calls (a branch of a cond, the body of a loop or scan): a program whose first
/// <see cref="ParameterCount"/> inputs are its parameters, given by the op at each call, and whose other inputs are
/// captured, values of the enclosing program it closes over (the op passes them as its last operands, so that under
/// Jit they are tracers the frontend hoists into the body).
/// </summary>
public sealed class FuzzBody(FuzzProgram program, int parameterCount)
{
    public FuzzProgram Program { get; } = program;

    public int ParameterCount { get; } = parameterCount;

    public FuzzBody Retyped(Func<DType, DType> retype) => new(Program.Retyped(retype), ParameterCount);

    /// <summary>The data of the captured values, as generated (they become inputs of the enclosing program).</summary>
    public IReadOnlyList<RefArray> Captured => Program.Inputs.Skip(ParameterCount).ToArray();

    public int CapturedCount => Program.Inputs.Count - ParameterCount;

    public IReadOnlyList<TensorType> ResultTypes => Program.Outputs.Select(Program.TypeOf).ToArray();

    /// <summary>The body applied to NDArrays (tracers while the control-flow primitive traces it).</summary>
    public NDArray[] Apply(IReadOnlyList<NDArray> parameters, IReadOnlyList<NDArray> captured) => Program.Apply([.. parameters, .. captured]);

    /// <summary>The results with their bounds: the parameters' and captured values' bounds carry into the ops', so that
    /// a loop's bounds compound over its iterations.</summary>
    public RefArray[] Evaluate(IReadOnlyList<RefArray> parameters, IReadOnlyList<RefArray> captured, NumericsModel numerics)
    {
        var values = HostInterpreter.Run(Program, [.. parameters, .. captured], numerics);
        return Program.Outputs.Select(o => values[o]).ToArray();
    }

    /// <summary>
    /// The body as a C# lambda: parameters named <paramref name="prefix"/>_p0.., its values <paramref name="prefix"/>_v..,
    /// captured values by the enclosing program's names, returning what <paramref name="result"/> makes of the
    /// results' names.
    /// </summary>
    public string Lambda(string prefix, IReadOnlyList<string> captured, Func<string[], string> result)
    {
        string NameOf(int value) => value < ParameterCount ? $"{prefix}_p{value}"
            : value < Program.Inputs.Count ? captured[value - ParameterCount] : $"{prefix}_v{value}";
        var text = new StringBuilder();
        var parameters = string.Join(", ", Enumerable.Range(0, ParameterCount).Select(NameOf));
        text.Append(ParameterCount == 1 ? parameters : $"({parameters})").Append(" => { ");
        for (var n = 0; n < Program.Nodes.Count; n++)
        {
            var node = Program.Nodes[n];
            text.Append($"var {NameOf(Program.Inputs.Count + n)} = {node.Op.Render(node.Args.Select(NameOf).ToArray())}; ");
        }
        return text.Append($"return {result(Program.Outputs.Select(NameOf).ToArray())}; }}").ToString();
    }
}
