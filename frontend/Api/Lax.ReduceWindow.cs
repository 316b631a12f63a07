using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.reduce_window: <paramref name="computation"/> folded over every window of <paramref name="operand"/>, after
        /// the operand is dilated by <paramref name="baseDilation"/> and padded, both with <paramref name="initValue"/>
        /// (XLA's ReduceWindow). <paramref name="padding"/> is "VALID", "SAME" or "SAME_LOWER" (see
        /// <see cref="PadtypeToPads"/>). Pass the lax function itself, as in JAX: <c>ReduceWindow(x, double.NegativeInfinity,
        /// Jax.Lax.Max, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")</c> is a 2x2 max pool of an NHWC array.
        /// <para>
        /// <see cref="Add(NDArray, NDArray)"/>, <see cref="Max(NDArray, NDArray)"/> and <see cref="Min(NDArray, NDArray)"/>
        /// (or <see cref="Jnp.Add"/>, <see cref="Jnp.Maximum"/>, <see cref="Jnp.Minimum"/>) are recognised, as JAX
        /// recognises its monoids: the result is a composition of strided slices combined elementwise (one fused kernel
        /// under Jit), or for non-overlapping windows of more than 64 elements a reshape and a reduction. A max or min
        /// window differentiates to the first extremum of each window in row-major order (JAX's select_and_scatter);
        /// padding gets no gradient. Any other function (an associative one, such as <see cref="Mul(NDArray, NDArray)"/>)
        /// is folded as <c>computation(...computation(computation(init, w0), w1)..., wn)</c> over the window's elements
        /// in row-major order, and differentiates as that composition does.
        /// </para>
        /// <para>
        /// With the computation's identity as <paramref name="initValue"/> (0 for add; -inf or the dtype's lowest value
        /// for max; +inf or the highest for min) the init value only fills padding; any other value is also combined
        /// into each window's result once, as in XLA.
        /// </para>
        /// </summary>
        /// <exception cref="ShapeException">A window, stride, dilation or padding list whose length is not the operand's
        /// rank, a window larger than the padded operand, or an init value that is not a scalar.</exception>
        /// <exception cref="ArgumentException">Window sizes, strides or dilations below 1, an unknown padding name, an
        /// init value of another dtype, or a computation that changes the shape or dtype.</exception>
        public static NDArray ReduceWindow(NDArray operand, NDArray initValue, Func<NDArray, NDArray, NDArray> computation,
            int[] windowDimensions, int[] windowStrides, string padding, int[]? baseDilation = null, int[]? windowDilation = null)
        {
            WindowGeometry.CheckLists(operand.Aval, windowDimensions, windowStrides, operand.Ndim, baseDilation, windowDilation);
            var dilatedWindow = windowDimensions.Select((w, d) => WindowGeometry.Dilate(w, windowDilation?[d] ?? 1)).ToArray();
            return ReduceWindow(operand, initValue, computation, windowDimensions, windowStrides,
                PadtypeToPads(operand.Shape, dilatedWindow, windowStrides, padding), baseDilation, windowDilation);
        }

        /// <inheritdoc cref="ReduceWindow(NDArray, NDArray, Func{NDArray, NDArray, NDArray}, int[], int[], string, int[], int[])"/>
        /// <param name="padding">(low, high) padding per dimension, in elements of the base-dilated operand.</param>
        public static NDArray ReduceWindow(NDArray operand, NDArray initValue, Func<NDArray, NDArray, NDArray> computation,
            int[] windowDimensions, int[] windowStrides, (int Low, int High)[] padding, int[]? baseDilation = null,
            int[]? windowDilation = null)
        {
            var window = WindowGeometry.Create(operand.Aval, windowDimensions, windowStrides, padding, baseDilation, windowDilation);
            var init = WindowInit(operand, initValue);
            if (Shapes.Size(window.OutShape) == 0) return BroadcastInDim(init, window.OutShape, []);
            var padded = PadWithInit(operand, init, window.PadConfig);
            if (WindowMonoids.Of(computation) is not { } monoid) return FoldWindows(padded, init, computation, window);
            var reduced = monoid == BinaryOp.Add ? window.Sum(padded) : window.Choose(padded, monoid == BinaryOp.Max);
            return IsIdentity(init, monoid) ? reduced : CheckedCombine(computation, BroadcastInDim(init, window.OutShape, []), reduced);
        }

        /// <summary>
        /// lax.padtype_to_pads: the (low, high) padding that "VALID" (none), "SAME" (the output has ceil(n / stride)
        /// elements, the odd element of padding at the end) or "SAME_LOWER" (at the start) means; case-insensitive.
        /// </summary>
        public static (int Low, int High)[] PadtypeToPads(int[] inShape, int[] windowShape, int[] windowStrides, string padding)
        {
            if (inShape.Length != windowShape.Length || windowStrides.Length != windowShape.Length)
                throw new ShapeException($"Lax.PadtypeToPads: shape {Shapes.Format(inShape)}, window {Shapes.Format(windowShape)} and " +
                    $"strides {Shapes.Format(windowStrides)} need one entry per dimension");
            if (windowStrides.Any(s => s < 1))
                throw new ArgumentException($"Lax.PadtypeToPads: window strides must be positive, got {Shapes.Format(windowStrides)}");
            switch (padding.ToUpperInvariant())
            {
                case "VALID":
                    return inShape.Select(_ => (0, 0)).ToArray();
                case "SAME" or "SAME_LOWER":
                    var lower = padding.Equals("SAME_LOWER", StringComparison.OrdinalIgnoreCase);
                    return inShape.Select((n, d) =>
                    {
                        var outSize = (n + windowStrides[d] - 1) / windowStrides[d];
                        var total = Math.Max((outSize - 1) * windowStrides[d] + windowShape[d] - n, 0);
                        return lower ? (total - total / 2, total / 2) : (total / 2, total - total / 2);
                    }).ToArray();
                default:
                    throw new ArgumentException($"Lax.PadtypeToPads: unrecognized padding type '{padding}': expected 'VALID', 'SAME' or 'SAME_LOWER'");
            }
        }

        private static NDArray WindowInit(NDArray operand, NDArray initValue)
        {
            if (initValue.Ndim != 0) throw new ShapeException($"Lax.ReduceWindow: init_value must be a scalar, got {initValue.Aval.Str()}");
            if (initValue.WeakType) return ConvertElementType(initValue, operand.DType);
            if (initValue.DType != operand.DType)
                throw new ArgumentException($"Lax.ReduceWindow: init_value has dtype {initValue.DType.NumpyName()}, the operand " +
                    $"{operand.DType.NumpyName()}; they must match");
            return initValue;
        }

        /// <summary>Dilation holes and padding hold the init value: a constant pad when the value is known on the host
        /// and exact as a double, else a select between the padded operand and the (traced) init.</summary>
        private static NDArray PadWithInit(NDArray x, NDArray init, (int Low, int High, int Interior)[] config)
        {
            if (config.All(c => c == (0, 0, 0))) return x;
            if (HostScalar(init) is { } s && (s.DType.IsFloat() || Math.Abs(s.Bits) <= 1L << 53)) return Pad(x, s.AsDouble, config);
            var inside = Pad(BroadcastInDim(NDArray.FromScalar(Scalar.FromBits(DType.Bool, 1), false), x.Shape, []), 0, config);
            return Select(inside, Pad(x, 0, config), BroadcastInDim(init, inside.Shape, []));
        }

        private static Scalar? HostScalar(NDArray x) => x.LiteralValue ?? (x.IsConcrete ? x.ToScalars()[0] : null);

        private static bool IsIdentity(NDArray init, BinaryOp monoid) =>
            HostScalar(init) is { } s && WindowMonoids.Identity(monoid, s.DType) is var e &&
            (s.DType.IsFloat() ? s.Value == e.Value : s.Bits == e.Bits);

        private static NDArray FoldWindows(NDArray padded, NDArray init, Func<NDArray, NDArray, NDArray> computation, WindowGeometry window)
        {
            var acc = BroadcastInDim(init, window.OutShape, []);
            foreach (var element in window.Slices(padded)) acc = CheckedCombine(computation, acc, element);
            return acc;
        }

        private static NDArray CheckedCombine(Func<NDArray, NDArray, NDArray> computation, NDArray acc, NDArray next)
        {
            var result = computation(acc, next);
            if (!Shapes.Equal(result.Aval.Shape, acc.Aval.Shape) || result.DType != acc.DType)
                throw new ArgumentException($"Lax.ReduceWindow: the computation must keep the shape and dtype of its operands " +
                    $"({acc.Aval.Str()}), got {result.Aval.Str()}");
            return result;
        }
    }
}

/// <summary>The binary functions reduce_window treats as monoids, and their identities.</summary>
internal static class WindowMonoids
{
    private static readonly (Func<NDArray, NDArray, NDArray> F, BinaryOp Op)[] Known =
    [
        (Jax.Lax.Add, BinaryOp.Add), (Jnp.Add, BinaryOp.Add),
        (Jax.Lax.Max, BinaryOp.Max), (Jnp.Maximum, BinaryOp.Max),
        (Jax.Lax.Min, BinaryOp.Min), (Jnp.Minimum, BinaryOp.Min),
    ];

    public static BinaryOp? Of(Func<NDArray, NDArray, NDArray> computation) =>
        Known.Where(k => k.F.Method == computation.Method && computation.Target is null).Select(k => (BinaryOp?)k.Op).FirstOrDefault();

    public static Scalar Identity(BinaryOp monoid, DType dtype) => (monoid, dtype) switch
    {
        (BinaryOp.Add, _) => Scalar.Of(dtype, 0),
        (_, _) when dtype.IsFloat() => Scalar.Of(dtype, monoid == BinaryOp.Max ? double.NegativeInfinity : double.PositiveInfinity),
        (BinaryOp.Max, _) => IntegerBounds.Lowest(dtype),
        _ => IntegerBounds.Highest(dtype),
    };
}
