using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Emits a <see cref="ScalarProgram"/> as straight-line GLSL: one local per node, in SSA order. Loads call back
/// into the kernel's generator (which knows the index maps); each input is loaded once.
/// </summary>
internal static class ProgramEmitter
{
    /// <param name="load">Emits the read of input k and returns the expression of its register value.</param>
    /// <param name="coords">The current point's coordinates (int locals), for index nodes.</param>
    /// <returns>The locals holding the program's results.</returns>
    public static string[] Emit(ShaderWriter w, ScalarProgram program, Func<int, string> load, IReadOnlyList<string> coords)
    {
        var names = new string[program.Nodes.Count];
        var loaded = new Dictionary<int, string>();
        for (var i = 0; i < program.Nodes.Count; i++)
        {
            var node = program.Nodes[i];
            w.Uses(node.DType);
            string expr;
            try
            {
                expr = node switch
                {
                    LoadNode l => loaded.TryGetValue(l.Input, out var v) ? v : loaded[l.Input] = load(l.Input),
                    ConstNode c => OpRenderer.Constant(c),
                    IndexNode x => x.DType == DType.Int64 ? $"int64_t({coords[x.Dimension]})" : coords[x.Dimension],
                    UnaryNode u => OpRenderer.Unary(w, u.Op, program.Nodes[u.X].DType, names[u.X]),
                    BinaryNode b => OpRenderer.Binary(w, b.Op, program.Nodes[b.A].DType, names[b.A], names[b.B]),
                    SelectNode s => $"({names[s.Predicate]} ? {names[s.OnTrue]} : {names[s.OnFalse]})",
                    ConvertNode c => OpRenderer.Convert(w, program.Nodes[c.X].DType, c.DType, names[c.X]),
                    BitcastNode c => OpRenderer.Bitcast(program.Nodes[c.X].DType, c.DType, names[c.X]),
                    _ => throw new NotSupportedException($"node {node.Describe()}"),
                };
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"node %{i} ({node.Describe()}): {e.Message}", e);
            }
            names[i] = w.Let(GlslTypes.Reg(node.DType), expr, "v");
        }
        return program.Results.Select(r => names[r]).ToArray();
    }
}
