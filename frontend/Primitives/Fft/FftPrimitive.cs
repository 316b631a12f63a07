using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// fft[fft_type, fft_lengths]: the discrete Fourier transform of a complex array over its last
/// <c>fft_lengths.Length</c> axes (one to three), forward (FFT) or inverse with the 1/n scale (IFFT), as lax.fft.
/// Real-input and real-output transforms are compositions of this one (<see cref="Jax.Lax.Fft"/>). It is expanded
/// into real kernels with the rest of the complex arithmetic: along each axis one transform kernel where the backend
/// has that kind (<see cref="PlanarFftPrimitive"/>, or <see cref="InterleavedFftPrimitive"/> on complex arrays as
/// they are stored where its kernel takes them so), else a mixed-radix Cooley-Tukey recursion whose small DFTs are
/// real matrix products (<see cref="PlanarDft"/>).
/// </summary>
public sealed class FftPrimitive() : ComplexOnlyPrimitive("fft")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = RequireComplex(inputs[0]);
        var lengths = p.Get<int[]>("fft_lengths");
        if (lengths.Length is < 1 or > 3 || lengths.Length > x.Rank)
            throw Error($"transforms one to three trailing axes, got fft_lengths ({string.Join(", ", lengths)}) for {x.Str()}");
        if (!x.Shape.AsSpan(x.Rank - lengths.Length).SequenceEqual(lengths))
            throw Error($"fft_lengths ({string.Join(", ", lengths)}) must be the trailing dimensions of {x.Str()}");
        return [x];
    }

    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs)
    {
        var inverse = p.Get<FftType>("fft_type") == FftType.Ifft;
        var rank = outputs[0].Rank;
        var first = rank - p.Get<int[]>("fft_lengths").Length;
        if (ComplexExpansion.InterleavedFft) return [Interleaved(inputs[0], inverse, first, outputs[0].Shape)];
        var (re, im) = (inputs[0].Re, inputs[0].ImOrZero);
        var native = ComplexExpansion.NativeFft;
        for (var axis = first; axis < rank; axis++)
        {
            if (native)
            {
                // The backend's kernel reads the axis where it is.
                var parts = Prims.PlanarFft.Bind(Params.Of(("axis", axis), ("inverse", inverse)), [re, im]);
                (re, im) = (parts[0], parts[1]);
                continue;
            }
            // The DFT runs along the last axis: swap this axis there and back (a no-op for the last one).
            var swap = Enumerable.Range(0, rank).ToArray();
            (swap[axis], swap[rank - 1]) = (rank - 1, axis);
            var moved = axis == rank - 1 ? (re, im) : (Lax.Transpose(re, swap), Lax.Transpose(im, swap));
            var (tr, ti) = PlanarDft.Transform(moved.Item1, moved.Item2, inverse);
            (re, im) = axis == rank - 1 ? (tr, ti) : (Lax.Transpose(tr, swap), Lax.Transpose(ti, swap));
        }
        return [Planar.Complex(re, im)];
    }

    // One kernel per axis on the stored layout: the operand goes in as it is stored when it still is (else as its
    // parts), each result is the next one's operand, and the last is returned as it is unless something reads its parts.
    private static Planar Interleaved(Planar x, bool inverse, int first, int[] shape)
    {
        var stored = ComplexExpansion.Stored(x);
        for (var axis = first; axis < shape.Length; axis++)
        {
            var operand = stored is not null;
            var p = Params.Of(("axis", axis), ("inverse", inverse), ("interleaved_operand", operand));
            stored = Prims.InterleavedFft.Bind1(p, operand ? [stored!] : [x.Re, x.ImOrZero]);
        }
        return ComplexExpansion.Parts(stored!, shape, owned: true);
    }

    /// <summary>Linear: the tangent's transform.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>The DFT matrix is symmetric, so each transform is its own transpose (not its adjoint: JAX does not conjugate).</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Bind1(p, cotangents[0])];

    /// <summary>The transformed axes are the trailing ones, so the batch axis moves to the front.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var x = Batching.AtFront(inputs[0], axes[0], inputs[0].Shape[axes[0]!.Value]);
        return Batching.One(Bind1(p, x), 0);
    }
}

public static partial class Prims
{
    public static readonly FftPrimitive Fft = new();
}
