using System.Text.RegularExpressions;
using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// jnp.vectorize: a function written for single elements (or, with a signature, for core arrays such as vectors)
/// lifted to arrays by NumPy's broadcasting, built on vmap as JAX builds it. The loop dimensions of the
/// arguments (all of them without a signature; those before the core dimensions with one) broadcast together,
/// then the function is vmapped once per loop dimension, so it stays a traced program under Jit and composes
/// with Grad. A signature names core dimensions, e.g. "(n),(n)->()" for a dot product or "(m,n)->(n)"; a name
/// used twice must have one size. A function of <c>NDArray[]</c> returning <c>NDArray[]</c> may have several
/// outputs, e.g. "(n)->(),(n)" for a norm and the normalized vector; each output gets the loop dimensions in front.
/// </summary>
public static partial class Jnp
{
    public static Func<NDArray, NDArray> Vectorize(Func<NDArray, NDArray> f, string? signature = null)
    {
        var g = Vectorize((NDArray[] a) => f(a[0]), signature);
        return x => g([x]);
    }

    public static Func<NDArray, NDArray, NDArray> Vectorize(Func<NDArray, NDArray, NDArray> f, string? signature = null)
    {
        var g = Vectorize((NDArray[] a) => f(a[0], a[1]), signature);
        return (x, y) => g([x, y]);
    }

    public static Func<NDArray[], NDArray> Vectorize(Func<NDArray[], NDArray> f, string? signature = null)
    {
        if (signature is not null && VectorizeSignature.Parse(signature).Outputs.Length != 1)
            throw new ArgumentException($"vectorize: the signature \"{signature}\" has several outputs; vectorize a function returning NDArray[]", nameof(signature));
        var g = Vectorize((NDArray[] a) => new[] { f(a) }, signature);
        return args => g(args)[0];
    }

    /// <summary>A function of several outputs (without a signature, each an elementwise result).</summary>
    public static Func<NDArray[], NDArray[]> Vectorize(Func<NDArray[], NDArray[]> f, string? signature = null)
    {
        var parsed = signature is null ? null : VectorizeSignature.Parse(signature);
        return args =>
        {
            if (parsed is not null && parsed.Inputs.Length != args.Length)
                throw new ArgumentException($"vectorize: the signature \"{signature}\" has {parsed.Inputs.Length} inputs, but {args.Length} arguments were given");
            var sizes = new Dictionary<string, int>();
            var coreRanks = new int[args.Length];
            var loopShape = System.Array.Empty<int>();
            for (var i = 0; i < args.Length; i++)
            {
                var core = parsed?.Inputs[i] ?? [];
                coreRanks[i] = core.Length;
                var shape = args[i].Aval.Shape;
                if (shape.Length < core.Length)
                    throw new ShapeException($"vectorize: argument {i} of shape {Shapes.Format(shape)} has fewer dimensions than its core dimensions ({string.Join(",", core)})");
                VectorizeSignature.Bind(sizes, core, shape[(shape.Length - core.Length)..], $"argument {i}");
                loopShape = Shapes.Broadcast("vectorize", loopShape, shape[..(shape.Length - core.Length)]);
            }
            var broadcast = args.Select((x, i) =>
            {
                var target = loopShape.Concat(x.Aval.Shape[(x.Ndim - coreRanks[i])..]).ToArray();
                return Shapes.Equal(x.Aval.Shape, target) ? x : BroadcastTo(x, target);
            }).ToArray();
            Func<NDArray[], NDArray[]> mapped = a =>
            {
                var results = f(a);
                if (parsed is null) return results;
                if (results.Length != parsed.Outputs.Length)
                    throw new ShapeException($"vectorize: the function returned {results.Length} outputs, but the signature \"{signature}\" promises {parsed.Outputs.Length}");
                for (var o = 0; o < results.Length; o++)
                {
                    var promised = parsed.Outputs[o];
                    if (results[o].Ndim != promised.Length)
                        throw new ShapeException($"vectorize: the function returned shape {Shapes.Format(results[o].Aval.Shape)} for output {o}, but the signature \"{signature}\" promises ({string.Join(",", promised)})");
                    VectorizeSignature.Bind(sizes, promised, results[o].Aval.Shape, $"output {o}");
                }
                return results;
            };
            // One vmap per loop dimension; an out axis of 0 applies to every output.
            for (var k = 0; k < loopShape.Length; k++)
                mapped = Jax.Vmap(mapped, Enumerable.Repeat<int?>(0, args.Length).ToArray(), [0]);
            return mapped(broadcast);
        };
    }

    /// <summary>A parsed gufunc signature: the core dimension names of each input and of each output.</summary>
    private sealed record VectorizeSignature(string[][] Inputs, string[][] Outputs)
    {
        private static readonly Regex Pattern = new(@"^(\(\w*(,\w+)*\)(,\(\w*(,\w+)*\))*)?->(\(\w*(,\w+)*\)(,\(\w*(,\w+)*\))*)$");

        public static VectorizeSignature Parse(string signature)
        {
            var compact = Regex.Replace(signature, @"\s", "");
            if (!Pattern.IsMatch(compact))
                throw new ArgumentException($"vectorize: not a valid signature: \"{signature}\" (expected e.g. \"(n),(n)->()\" or \"(n)->(),(n)\")", nameof(signature));
            var sides = compact.Split("->");
            return new(Groups(sides[0]), Groups(sides[1]));
        }

        // "(m,n),()" -> [["m", "n"], []].
        private static string[][] Groups(string side) => Regex.Matches(side, @"\(([^)]*)\)")
            .Select(m => m.Groups[1].Value.Length == 0 ? [] : m.Groups[1].Value.Split(',')).ToArray();

        /// <summary>Records each name's size, refusing a name seen before with another size.</summary>
        public static void Bind(Dictionary<string, int> sizes, string[] names, int[] shape, string what)
        {
            for (var d = 0; d < names.Length; d++)
            {
                if (sizes.TryGetValue(names[d], out var known) && known != shape[d])
                    throw new ShapeException($"vectorize: inconsistent size for core dimension '{names[d]}': {known} and {shape[d]} ({what})");
                sizes[names[d]] = shape[d];
            }
        }
    }
}
