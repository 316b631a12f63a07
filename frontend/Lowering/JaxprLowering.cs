using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>
/// Lowers a jaxpr to a kernel module: each equation's primitive builds fused expressions or opens kernels, values
/// used more than once are materialised (unless reading them is free), outputs are written straight into the
/// module's result buffers, and temporaries are planned. Elementwise values materialised this way join a
/// multi-output fusion group of their shape (<see cref="FusionGroup"/>), so a value shared by consumers in the same
/// group stays in registers and only values read by other kernels, or returned, reach memory; chains are cut where
/// <see cref="FusionBudget"/> says one kernel should end; scatters update dying operands in place
/// (<see cref="InPlaceUpdates"/>). Module parameters are the constant variables, then the
/// input variables; results follow the jaxpr's outputs. Eager execution lowers one-equation jaxprs the same way. Complex
/// values are first rewritten into real ones (<see cref="ComplexExpansion"/>).
/// </summary>
internal static class JaxprLowering
{
    /// <summary>Lowers for a backend described by <paramref name="target"/>.</summary>
    /// <param name="donatedInputs">Positions in <see cref="Jaxpr.InVars"/> the caller gives up at every call (jit's
    /// donateArgnums): results computed element by element from them may be written over them.</param>
    public static KernelModule Lower(Jaxpr jaxpr, string name, LoweringTarget target, IReadOnlySet<int>? donatedInputs = null)
    {
        if (ComplexExpansion.Needed(jaxpr))
        {
            jaxpr = ComplexExpansion.Expand(jaxpr, target.NativeFft, target.InterleavedFft);
            donatedInputs = null; // the expansion splits inputs into parts, so positions no longer match
        }
        var context = new LoweringContext(name, target.MaxBuffers);
        var env = new Dictionary<Var, LValue>();
        var parameters = new List<int>();
        foreach (var v in jaxpr.ConstVars.Concat(jaxpr.InVars))
        {
            var buffer = context.NewBuffer(BufferRole.Parameter, v.Aval);
            parameters.Add(buffer);
            env[v] = LoweringContext.InBuffer(buffer, v.Aval);
        }
        var uses = CountUses(jaxpr);
        var results = new int[jaxpr.Outputs.Length];
        var resultOf = new Dictionary<Var, int>();
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = context.NewBuffer(BufferRole.Result, jaxpr.Outputs[i].Aval);
            if (jaxpr.Outputs[i] is Var v && !env.ContainsKey(v)) resultOf.TryAdd(v, results[i]);
        }

        LValue Read(Atom atom) => atom is Literal lit ? LoweringContext.Constant(lit.Aval, lit.Value) : env[(Var)atom];

        foreach (var eqn in jaxpr.Eqns)
        {
            var inputs = eqn.Inputs.Select(Read).ToArray();
            var outAvals = eqn.Outputs.Select(o => o.Aval).ToArray();
            var outputs = eqn.Primitive.Lower(context, inputs, eqn.Params, outAvals);
            if (outputs.Any(o => OverBudget(o.Expr, context)) && inputs.Any(IsFusedChain))
            {
                // The chain so far goes to memory and this equation starts a new program.
                inputs = inputs.Select(i => IsFusedChain(i) ? LoweringContext.InBuffer(context.Materialize(i), i.Aval) : i).ToArray();
                outputs = eqn.Primitive.Lower(context, inputs, eqn.Params, outAvals);
            }
            for (var k = 0; k < eqn.Outputs.Length; k++)
            {
                var v = eqn.Outputs[k];
                var value = outputs[k];
                uses.TryGetValue(v, out var count);
                if ((count > 1 && !ExprWalk.IsCheap(value.Expr)) || OverBudget(value.Expr, context))
                {
                    var buffer = context.Materialize(value, resultOf.TryGetValue(v, out var r) ? r : null);
                    value = LoweringContext.InBuffer(buffer, v.Aval);
                }
                env[v] = value;
            }
        }
        for (var i = 0; i < results.Length; i++)
        {
            var value = Read(jaxpr.Outputs[i]);
            if (value.Expr is LoadExpr l && l.Buffer == results[i]) continue;
            context.Materialize(value, results[i]);
        }
        var donated = donatedInputs?.Select(i => parameters[jaxpr.ConstVars.Length + i]).ToHashSet();
        var (kernels, aliases) = InPlaceUpdates.Apply(context.Buffers, context.Finish(results), parameters, results, donated);
        return BufferPlanner.Plan(name, context.Buffers, kernels, parameters, results) with { Aliases = aliases };
    }

    /// <summary>
    /// True when a lazily fused value (a chain of single-use elementwise ops) has grown past what one kernel
    /// should hold (<see cref="FusionBudget"/>). The equation that would grow it so is lowered again on its
    /// inputs written out, and a value over the budget on its own is written out, so that consumers start a new
    /// program instead of growing it further.
    /// </summary>
    private static bool OverBudget(Expr expr, LoweringContext context) => FusionBudget.Exceeds(expr, context.MaxBuffers);

    private static bool IsFusedChain(LValue value) =>
        value.Expr is not (LoadExpr or ConstExpr or IotaExpr) && ExprWalk.OpenKernels(value.Expr).Count == 0;

    private static Dictionary<Var, int> CountUses(Jaxpr jaxpr)
    {
        var uses = new Dictionary<Var, int>();
        void Use(Atom a)
        {
            if (a is Var v) uses[v] = uses.GetValueOrDefault(v) + 1;
        }
        foreach (var eqn in jaxpr.Eqns)
            foreach (var a in eqn.Inputs) Use(a);
        foreach (var a in jaxpr.Outputs) Use(a);
        return uses;
    }
}
