using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// <c>pred ? trueFn(operands) : falseFn(operands)</c> as one primitive (lax.cond): both branches are traced once on
        /// the operands' abstract values and must return the same types; only the chosen one runs, eagerly and under Jit.
        /// Under Vmap with a batched predicate both run and a select picks each element's result. <paramref name="pred"/>
        /// is a scalar (bool, or a number compared with zero).
        /// </summary>
        public static NDArray[] Cond(NDArray pred, Func<NDArray[], NDArray[]> trueFn, Func<NDArray[], NDArray[]> falseFn, NDArray[] operands)
        {
            if (pred.Ndim != 0) throw new ShapeException($"Lax.Cond: the predicate must be a scalar, got {pred.Aval.Str()}");
            var truth = pred.DType == DType.Bool ? pred : Ne(pred, ConvertElementType(NDArray.FromScalar(Scalar.Of(pred.DType, 0), false), pred.DType));
            if (Jax.RunsWithoutJit && Concrete(truth, operands)) return truth.Item<bool>() ? trueFn(operands) : falseFn(operands);
            return BindCond(ConvertElementType(truth, DType.Int32), [falseFn, trueFn], operands, k => k == 0 ? "false branch" : "true branch",
                [falseFn.Method.Name, trueFn.Method.Name]);
        }

        /// <inheritdoc cref="Cond(NDArray, Func{NDArray[], NDArray[]}, Func{NDArray[], NDArray[]}, NDArray[])"/>
        public static NDArray Cond(NDArray pred, Func<NDArray, NDArray> trueFn, Func<NDArray, NDArray> falseFn, NDArray operand) =>
            Cond(pred, a => [trueFn(a[0])], a => [falseFn(a[0])], [operand])[0];

        /// <summary>
        /// <c>branches[index](operands)</c> (lax.switch): the index is clamped to the branches' range, as in JAX, and the
        /// branches must return the same types. Traced and run like <see cref="Cond(NDArray, Func{NDArray[], NDArray[]}, Func{NDArray[], NDArray[]}, NDArray[])"/>.
        /// </summary>
        public static NDArray[] Switch(NDArray index, Func<NDArray[], NDArray[]>[] branches, NDArray[] operands)
        {
            if (branches.Length == 0) throw new ArgumentException("Lax.Switch needs at least one branch");
            if (index.Ndim != 0 || index.DType.IsFloat() || index.DType == DType.Bool)
                throw new ShapeException($"Lax.Switch: the index must be an integer scalar, got {index.Aval.Str()}");
            if (branches.Length == 1) return branches[0](operands);
            NDArray Int(int v) => NDArray.FromScalar(Scalar.Of(DType.Int32, v), false);
            var clamped = Min(Max(ConvertElementType(index, DType.Int32), Int(0)), Int(branches.Length - 1));
            if (Jax.RunsWithoutJit && Concrete(clamped, operands)) return branches[clamped.Item<int>()](operands);
            return BindCond(clamped, branches, operands, k => $"branch {k}", branches.Select(b => b.Method.Name).ToArray());
        }

        /// <inheritdoc cref="Switch(NDArray, Func{NDArray[], NDArray[]}[], NDArray[])"/>
        public static NDArray Switch(NDArray index, Func<NDArray, NDArray>[] branches, NDArray operand) =>
            Switch(index, branches.Select(b => (Func<NDArray[], NDArray[]>)(a => [b(a[0])])).ToArray(), [operand])[0];

        private static NDArray[] BindCond(NDArray index, Func<NDArray[], NDArray[]>[] branches, NDArray[] operands, Func<int, string> branchName,
            string[] functions)
        {
            var avals = operands.Select(o => o.Aval).ToArray();
            var traced = branches.Select((b, k) => ClosureTracing.Trace(b, avals, "cond", functions[k])).ToArray();
            CondPrimitive.JoinOutputs(traced.Select(t => t.Jaxpr.OutAvals).ToArray(), branchName);
            var hoistedAvals = traced.Select(t => t.Hoisted.Select(h => h.Aval).ToArray()).ToArray();
            var jaxprs = traced.Select((t, k) => ClosureTracing.WithUnusedInputs(t,
                hoistedAvals[..k].SelectMany(a => a).ToArray(), hoistedAvals[(k + 1)..].SelectMany(a => a).ToArray())).ToArray();
            NDArray[] inputs = [index, .. traced.SelectMany(t => t.Hoisted), .. operands];
            return Prims.Cond.Bind(Params.Of(("branches", jaxprs)), inputs);
        }

        /// <summary>
        /// <c>while (condFn(carry)) carry = bodyFn(carry);</c> as one primitive (lax.while_loop): both functions are traced
        /// once; the body must keep the carry's shapes and dtypes. Under Jit the loop stays a loop: its condition and body
        /// are compiled once each and run until the predicate, read back each iteration, is false. Not reverse-differentiable
        /// (as in JAX); use <see cref="Scan(Func{NDArray[], NDArray[], ValueTuple{NDArray[], NDArray[]}}, NDArray[], NDArray[], int?, bool)"/>
        /// or <see cref="ForiLoop(int, int, Func{NDArray, NDArray[], NDArray[]}, NDArray[])"/> with static bounds.
        /// </summary>
        public static NDArray[] WhileLoop(Func<NDArray[], NDArray> condFn, Func<NDArray[], NDArray[]> bodyFn, NDArray[] init)
        {
            init = Strong(init);
            if (Jax.RunsWithoutJit && Concrete(null, init)) return WhileWithoutJit(condFn, bodyFn, init);
            var avals = init.Select(x => x.Aval).ToArray();
            var cond = ClosureTracing.Trace(a => [condFn(a)], avals, "while_loop", condFn.Method.Name);
            var body = ClosureTracing.Trace(bodyFn, avals, "while_loop", bodyFn.Method.Name);
            if (cond.Jaxpr.OutAvals is not [{ Rank: 0, DType: DType.Bool }])
                throw new ShapeException($"Lax.WhileLoop: cond_fun must return a boolean scalar, got {ControlFlowTypes.List(cond.Jaxpr.OutAvals)}");
            WhilePrimitive.CheckCarry(avals, body.Jaxpr.OutAvals);
            var p = WhilePrimitive.MakeParams(cond.Jaxpr, body.Jaxpr, cond.Hoisted.Length, body.Hoisted.Length);
            return Prims.While.Bind(p, [.. cond.Hoisted, .. body.Hoisted, .. init]);
        }

        /// <inheritdoc cref="WhileLoop(Func{NDArray[], NDArray}, Func{NDArray[], NDArray[]}, NDArray[])"/>
        public static NDArray WhileLoop(Func<NDArray, NDArray> condFn, Func<NDArray, NDArray> bodyFn, NDArray init) =>
            WhileLoop(a => condFn(a[0]), a => [bodyFn(a[0])], [init])[0];

        /// <summary>
        /// <c>for (i = lower; i &lt; upper; i++) carry = bodyFn(i, carry);</c> (lax.fori_loop). With static bounds it is a
        /// scan of <c>upper - lower</c> steps (so reverse mode works, as in JAX); <c>i</c> is an int32 scalar.
        /// </summary>
        public static NDArray[] ForiLoop(int lower, int upper, Func<NDArray, NDArray[], NDArray[]> bodyFn, NDArray[] init)
        {
            // No steps: the init as it is (with jit disabled a scan of length 0 would be refused).
            if (upper <= lower && Jax.RunsWithoutJit) return init;
            var start = NDArray.FromScalar(Scalar.Of(DType.Int32, lower), false);
            var (carry, _) = Scan((c, _) => ([Add(c[0], NDArray.FromScalar(Scalar.Of(DType.Int32, 1), false)), .. bodyFn(c[0], c[1..])], []),
                [start, .. init], [], length: Math.Max(upper - lower, 0));
            return carry[1..];
        }

        /// <inheritdoc cref="ForiLoop(int, int, Func{NDArray, NDArray[], NDArray[]}, NDArray[])"/>
        public static NDArray ForiLoop(int lower, int upper, Func<NDArray, NDArray, NDArray> bodyFn, NDArray init) =>
            ForiLoop(lower, upper, (i, c) => [bodyFn(i, c[0])], [init])[0];

        /// <summary>
        /// lax.fori_loop with bounds that are scalar arrays (possibly traced): a while loop over (i, upper, carry). The
        /// bounds have one dtype, or one is an int literal and takes the other's signed integer dtype; <c>i</c> has it.
        /// </summary>
        public static NDArray[] ForiLoop(NDArray lower, NDArray upper, Func<NDArray, NDArray[], NDArray[]> bodyFn, NDArray[] init)
        {
            var (lo, hi) = ForiLoopBounds(lower, upper);
            var one = ConvertElementType(NDArray.FromScalar(Scalar.Of(DType.Int32, 1), false), lo.DType);
            var outs = WhileLoop(c => Lt(c[0], c[1]), c => [Add(c[0], one), c[1], .. bodyFn(c[0], c[2..])], [lo, hi, .. init]);
            return outs[2..];
        }

        /// <inheritdoc cref="ForiLoop(NDArray, NDArray, Func{NDArray, NDArray[], NDArray[]}, NDArray[])"/>
        public static NDArray ForiLoop(NDArray lower, NDArray upper, Func<NDArray, NDArray, NDArray> bodyFn, NDArray init) =>
            ForiLoop(lower, upper, (i, c) => [bodyFn(i, c[0])], [init])[0];

        /// <summary>
        /// lax.scan: <c>(carry, y) = f(carry, x)</c> over the leading axis of each of <paramref name="xs"/> (backwards when
        /// <paramref name="reverse"/>); returns the final carry and the ys stacked along a new leading axis. The body is
        /// traced once and, compiled, launched once per step. <paramref name="length"/> is needed when there are no xs.
        /// </summary>
        public static (NDArray[] Carry, NDArray[] Ys) Scan(Func<NDArray[], NDArray[], (NDArray[] Carry, NDArray[] Y)> f, NDArray[] init,
            NDArray[] xs, int? length = null, bool reverse = false)
        {
            foreach (var x in xs)
                if (x.Ndim == 0) throw new ShapeException($"Lax.Scan: scanned inputs need a leading axis, got a scalar {x.Aval.Str()}");
            var lengths = xs.Select(x => x.Shape[0]).Distinct().ToArray();
            if (lengths.Length > 1 || (length is { } n && lengths.Length == 1 && lengths[0] != n))
                throw new ShapeException($"Lax.Scan: scanned inputs have different leading sizes ({string.Join(", ", xs.Select(x => x.Aval.Str()))})" +
                    (length is null ? "" : $" or differ from length {length}"));
            var len = length ?? (lengths.Length == 1 ? lengths[0] : throw new ArgumentException("Lax.Scan needs a length when there are no xs"));
            init = Strong(init);
            if (Jax.RunsWithoutJit && Concrete(null, [.. init, .. xs])) return ScanWithoutJit(f, init, xs, len, reverse);
            var nk = init.Length;
            ShapedArray[] avals = [.. init.Select(c => c.Aval), .. xs.Select(x => x.Aval.WithShape(x.Shape[1..]))];
            var body = ClosureTracing.Trace(a =>
            {
                var (c, y) = f(a[..nk], a[nk..]);
                return [.. c, .. y];
            }, avals, "scan", f.Method.Name);
            WhilePrimitive.CheckCarry(init.Select(c => c.Aval).ToArray(), body.Jaxpr.OutAvals[..Math.Min(nk, body.Jaxpr.OutAvals.Length)], "scan", "f");
            var p = ScanPrimitive.MakeParams(body.Jaxpr, body.Hoisted.Length, nk, len, reverse);
            var outs = Prims.Scan.Bind(p, [.. body.Hoisted, .. init, .. xs]);
            return (outs[..nk], outs[nk..]);
        }

        /// <summary>lax.map: <c>f</c> applied to each slice along the leading axis of the xs, results stacked (a scan without carry).</summary>
        public static NDArray[] Map(Func<NDArray[], NDArray[]> f, NDArray[] xs) => Scan((_, x) => ([], f(x)), [], xs).Ys;

        /// <inheritdoc cref="Map(Func{NDArray[], NDArray[]}, NDArray[])"/>
        public static NDArray Map(Func<NDArray, NDArray> f, NDArray xs) => Map(x => [f(x[0])], [xs])[0];

        /// <summary>Loop carries start strongly typed, so that a C# literal start value takes the body's dtype (as in JAX).</summary>
        private static NDArray[] Strong(NDArray[] xs) => xs.Select(x => x.WeakType ? ConvertElementType(x, x.DType) : x).ToArray();
    }
}
