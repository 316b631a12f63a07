using System.Globalization;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;
using JaxNet.Primitives;
using JaxNet.Fuzz.Running;
using static JaxNet.Fuzz.Derivatives.DerivativeFunction;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// One program's derivatives on one target against the references: the value against the host interpreter (as
/// <see cref="FuzzCheck"/> does), J v elementwise against the finite differences along v, um J and the gradient of
/// sum(um f) against the differences along v and w (&lt;um J, v&gt; = &lt;um, J v&gt;), and the transposition identity
/// &lt;J v, u&gt; = &lt;v, u J&gt; on the backend's own results (it holds at kinks too: a VJP is the transposed JVP).
/// </summary>
public static class DerivativeCheck
{
    public static CheckResult Run(FuzzProgram program, Target target)
    {
        var d = new DerivativeFunction(program);
        if (d.Differentiated.Length == 0 || program.Outputs.Any(o => !program.TypeOf(o).DType.IsFloat())) return FuzzCheck.Run(program, target);
        if (target.Mode == RunMode.Vmap && program.Inputs.Count == 0) target = target with { Mode = RunMode.Jit };
        var result = FuzzCheck.WithX64(() => Check(d, target));
        // JAX refuses reverse mode through a while loop with a dynamic trip count, and so must JaxNet (not give a
        // wrong value): then the values and J v are still checked.
        if (result.Outcome == CheckOutcome.Error && result.Message.Contains(WhilePrimitive.ReverseModeError, StringComparison.Ordinal)
            && program.Ops.Any(op => op is LoopFuzzOp { IsDynamic: true }))
            return FuzzCheck.WithX64(() => Check(new DerivativeFunction(program, reverse: false), target));
        return result;
    }

    private static CheckResult Check(DerivativeFunction d, Target target)
    {
        var copies = target.Mode == RunMode.Vmap ? Batch.Of(d.Program).Copies : [d.Program];
        var references = copies.Select((c, e) => DerivativeProbe.Of(c, e, target.Numerics)).ToArray();
        var arguments = copies.Select((c, e) => d.Arguments(c.Inputs, references[e].Probe)).ToArray();
        (TensorType Type, Scalar[] Values)[][] got;
        try
        {
            got = DerivativeExecutor.Run(d, target, arguments);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var declined = e.Message.Contains("not supported", StringComparison.OrdinalIgnoreCase);
            return new CheckResult(declined ? CheckOutcome.Unsupported : CheckOutcome.Error, $"{e.GetType().Name}: {e.Message}", [], 0, 0);
        }
        var tally = new Tally(DerivativeTolerance.For(d.Program, target.Numerics));
        for (var e = 0; e < copies.Length; e++)
        {
            var prefix = copies.Length > 1 ? $"batch element {e}: " : "";
            var (probe, alongV, alongW) = references[e];
            var values = HostInterpreter.Run(copies[e], target.Numerics);
            var results = d.Results.Zip(got[e]).ToList();
            NDArrayParts parts = new(results);
            foreach (var ((part, of), (type, elements)) in results)
            {
                var expected = ExpectedType(d, part, of);
                if (!type.Equals(expected))
                    return new CheckResult(CheckOutcome.WrongType, $"{prefix}{Name(part, of)} is {type}, expected {expected}", [], 0, 0);
            }
            for (var o = 0; o < d.Program.Outputs.Count; o++)
            {
                tally.Elements($"{prefix}{Name(Part.Value, o)}", values[d.Program.Outputs[o]], parts.Of(Part.Value, o));
                tally.Elements($"{prefix}{Name(Part.Tangent, o)}", alongV[o], parts.Of(Part.Tangent, o));
            }
            if (!d.Reverse) continue;
            var tangents = parts.All(Part.Tangent);
            var direction = d.Differentiated.Select(k => probe.Direction[k]!.Values).ToArray();
            var second = d.Differentiated.Select(k => probe.SecondDirection[k]!.Values).ToArray();
            var outputs = d.Program.Outputs.Select(o => values[o]).ToArray();
            // A value the reference cannot bound (exp(8.6) - 5568 in bfloat16 cancels every bit, derivatives-bf16 seed
            // 148) has a tangent computed by the same ops on terms as large (the JVP of that sub is 5568 t - t'), which
            // has lost its bits as well: the dense u's identity is then unknown, and um, zero there, is checked instead.
            var lostBits = outputs.Any(y => y.Error.Any(double.IsPositiveInfinity));
            foreach (var (part, cotangent) in new[] { (Part.Cotangent, probe.Cotangent), (Part.MaskedCotangent, probe.MaskedCotangent) })
                if (part == Part.Cotangent && lostBits) tally.Unknown();
                else tally.Identity($"{prefix}<J v, {Short(part)}> = <v, {Short(part)} J>", tangents, cotangent.Select(c => c.Values).ToArray(),
                    direction, parts.All(part), outputs, probe.TangentRounding);
            foreach (var part in new[] { Part.MaskedCotangent, Part.Gradient })
            {
                var masked = probe.MaskedCotangent.Select(c => c.Values).ToArray();
                tally.Difference($"{prefix}<{Name(part, -1)}, v> = <um, differences along v>", parts.All(part), direction, masked, alongV);
                tally.Difference($"{prefix}<{Name(part, -1)}, w> = <um, differences along w>", parts.All(part), second, masked, alongW);
            }
        }
        return tally.Result();
    }

    /// <summary>The results of one batch element, by part.</summary>
    private sealed class NDArrayParts(List<((Part Part, int Of) Key, (TensorType Type, Scalar[] Values) Result)> results)
    {
        public Scalar[] Of(Part part, int of) => results.First(r => r.Key == (part, of)).Result.Values;

        public Scalar[][] All(Part part) => results.Where(r => r.Key.Part == part).Select(r => r.Result.Values).ToArray();
    }

    private static TensorType ExpectedType(DerivativeFunction d, Part part, int of) => part switch
    {
        Part.Value or Part.Tangent => d.Program.TypeOf(d.Program.Outputs[of]),
        _ => d.Program.Inputs[d.Differentiated[of]].Type,
    };

    private static string Short(Part part) => part == Part.Cotangent ? "u" : "um";

    private static string Name(Part part, int of) => part switch
    {
        Part.Value => $"output {of}",
        Part.Tangent => $"J v of output {of}",
        Part.Cotangent => "u J",
        Part.MaskedCotangent => "um J",
        _ => "grad sum(um f)",
    };

    /// <summary>The comparisons made so far.</summary>
    private sealed class Tally(DerivativeTolerance tolerance)
    {
        private readonly List<Mismatch> mismatches = [];
        private readonly List<string> messages = [];
        private long compared, unknown;

        public void Elements(string name, RefArray expected, Scalar[] got)
        {
            var (found, count) = OutputComparer.Compare([expected], [got]);
            compared += count;
            unknown += expected.Error.Count(double.IsPositiveInfinity);
            mismatches.AddRange(found);
            messages.AddRange(found.Take(3).Select(m => $"{name} {m.ToString()["output 0 ".Length..]}"));
        }

        /// <summary>
        /// Two inner products of the backend's results that must agree up to its rounding: relative to their terms, and
        /// to the outputs' magnitudes (a derivative that cancels to nearly zero, of sum(x / sum(x)) say, keeps the
        /// rounding of the terms that cancelled, which are of the order of the values over the inputs'), and the rounding
        /// of the intermediate tangents twice: &lt;|u|, rounding of J v&gt; bounds that of J v, and that of u J as well,
        /// since each op's cotangent rule rounds the same terms, weighted by the cotangents there, which |u| |J| bounds.
        /// </summary>
        public void Identity(string name, Scalar[][] tangents, Scalar[][] cotangent, Scalar[][] direction, Scalar[][] pulled, RefArray[] outputs,
            double[][] tangentRounding)
        {
            var (left, leftScale) = Dot(tangents, cotangent);
            var (right, rightScale) = Dot(direction, pulled);
            var floor = outputs.Select((y, o) => cotangent[o].Sum(c => Math.Abs(c.Float)) * Largest(y)).Sum();
            var units = cotangent.Sum(c => c.Sum(x => Math.Abs(x.Float))) + direction.Sum(v => v.Sum(x => Math.Abs(x.Float)));
            var intermediate = cotangent.Select((c, o) => c.Select((x, i) => x.Float == 0 ? 0 : Math.Abs(x.Float) * tangentRounding[o][i]).Sum()).Sum();
            Compare(name, left, right, tolerance.Relative * (leftScale + rightScale) + tolerance.Cancellation * floor + tolerance.Absolute * units
                + 2 * intermediate);
        }

        private static double Largest(RefArray y) => y.Values.Select(v => Math.Abs(v.Float)).Where(double.IsFinite).DefaultIfEmpty(0).Max();

        /// <summary>A comparison the reference cannot make.</summary>
        public void Unknown() => unknown++;

        /// <summary>&lt;pulled, direction&gt; against &lt;cotangent, reference&gt; and the reference's bounds.</summary>
        public void Difference(string name, Scalar[][] pulled, Scalar[][] direction, Scalar[][] cotangent, RefArray[] reference)
        {
            var (got, gotScale) = Dot(pulled, direction);
            var (expected, expectedScale) = Dot(cotangent, reference.Select(r => r.Values).ToArray());
            var bound = cotangent.Select((c, o) => c.Select((x, i) => x.Float == 0 ? 0 : Math.Abs(x.Float) * reference[o].Error[i]).Sum()).Sum();
            var units = direction.Sum(v => v.Sum(x => Math.Abs(x.Float)));
            Compare(name, got, expected, bound + tolerance.Relative * (gotScale + expectedScale) + tolerance.Absolute * units);
        }

        private void Compare(string name, double got, double expected, double bound)
        {
            if (!double.IsFinite(got) || !double.IsFinite(expected) || !double.IsFinite(bound))
            {
                unknown++;
                return;
            }
            compared++;
            if (Math.Abs(got - expected) <= bound) return;
            var f64 = (double v) => Scalar.FromDouble(DType.Float64, v);
            mismatches.Add(new Mismatch(-1, 0, [], f64(got), f64(expected), bound));
            messages.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: got {got:R}, expected {expected:R} ± {bound:G3}"));
        }

        /// <summary>The inner product of two lists of arrays and the sum of its terms' magnitudes.</summary>
        private static (double Value, double Scale) Dot(Scalar[][] a, Scalar[][] b)
        {
            double value = 0, scale = 0;
            for (var k = 0; k < a.Length; k++)
                for (var i = 0; i < a[k].Length; i++)
                {
                    var term = a[k][i].Float * b[k][i].Float;
                    value += term;
                    scale += Math.Abs(term);
                }
            return (value, scale);
        }

        public CheckResult Result() => mismatches.Count == 0
            ? new CheckResult(CheckOutcome.Passed, "", [], compared, unknown)
            : new CheckResult(CheckOutcome.Mismatch, string.Join("; ", messages.Take(4)), mismatches, compared, unknown);
    }
}
