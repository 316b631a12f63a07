using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>The reference: a program evaluated on the host, op by op, with every element's bound.</summary>
public static class HostInterpreter
{
    /// <summary>Every value of the program (inputs first, then the nodes).</summary>
    public static RefArray[] Run(FuzzProgram program, NumericsModel numerics)
    {
        var values = new RefArray[program.ValueCount];
        for (var i = 0; i < program.Inputs.Count; i++)
        {
            var input = program.Inputs[i];
            values[i] = new RefArray(input.Type, input.Values, input.Values.Select(v => Bounds.OfInput(v, numerics)).ToArray());
        }
        return Run(program, values, numerics);
    }

    /// <summary>Every value of the program from its inputs' values and bounds in <paramref name="values"/> (the
    /// parameters and captured values of a body, which carry the bounds of the calls before).</summary>
    public static RefArray[] Run(FuzzProgram program, RefArray[] values, NumericsModel numerics)
    {
        Array.Resize(ref values, program.ValueCount);
        for (var n = 0; n < program.Nodes.Count; n++)
        {
            var node = program.Nodes[n];
            values[program.Inputs.Count + n] = node.Op.Evaluate(node.Args.Select(a => values[a]).ToArray(), numerics);
        }
        return values;
    }
}
