using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.conv_with_general_padding: <see cref="ConvGeneralDilated"/> in NCHW / OIHW / NCHW layout with explicit
        /// (low, high) padding per spatial dimension.
        /// </summary>
        public static NDArray ConvWithGeneralPadding(NDArray lhs, NDArray rhs, int[] windowStrides, (int Low, int High)[] padding,
            int[]? lhsDilation = null, int[]? rhsDilation = null, Precision precision = Precision.Default, DType? preferredElementType = null) =>
            ConvGeneralDilated(lhs, rhs, windowStrides, padding, lhsDilation, rhsDilation, precision: precision,
                preferredElementType: preferredElementType);

        /// <summary>
        /// lax.conv_transpose with "SAME" or "VALID" padding: the gradient of a strided convolution with respect to
        /// its input, as a convolution over the input dilated by <paramref name="strides"/>. Padding is chosen as JAX
        /// does from the dilated kernel's size and the stride.
        /// </summary>
        /// <exception cref="ArgumentException">A padding name other than SAME or VALID.</exception>
        public static NDArray ConvTranspose(NDArray lhs, NDArray rhs, int[] strides, string padding, int[]? rhsDilation = null,
            int[][]? dimensionNumbers = null, bool transposeKernel = false, Precision precision = Precision.Default)
        {
            var numbers = dimensionNumbers ?? ChannelsLastConvNumbers(lhs.Ndim);
            var dilation = rhsDilation ?? Enumerable.Repeat(1, lhs.Ndim - 2).ToArray();
            CheckConvTransposeGeometry(lhs, rhs, strides, dilation, numbers);
            var pads = new (int, int)[strides.Length];
            for (var i = 0; i < pads.Length; i++)
            {
                var dilatedKernel = (rhs.Shape[numbers[1][2 + i]] - 1) * dilation[i] + 1;
                pads[i] = ConvTransposePadding(dilatedKernel, strides[i], padding);
            }
            return ConvTranspose(lhs, rhs, strides, pads, dilation, numbers, transposeKernel, precision);
        }

        /// <summary>
        /// lax.conv_transpose with explicit (low, high) padding of the stride-dilated input. <paramref
        /// name="dimensionNumbers"/> are ConvGeneralDilated's (positions of batch, feature, spatial... for lhs; of out
        /// feature, in feature, spatial... for rhs; of batch, feature, spatial... for the output); null means JAX's
        /// channels-last default (NHWC / HWIO / NHWC and its 1-D and 3-D forms). With <paramref
        /// name="transposeKernel"/> the kernel is that of the forward convolution: its spatial axes are flipped and
        /// its two feature axes swapped, which makes this the input gradient of that convolution (PyTorch's
        /// conv_transpose with an OIHW spec).
        /// </summary>
        /// <exception cref="ShapeException">Ranks below 3 or unequal, or strides, dilations or padding of the wrong
        /// length.</exception>
        public static NDArray ConvTranspose(NDArray lhs, NDArray rhs, int[] strides, (int Low, int High)[] padding, int[]? rhsDilation = null,
            int[][]? dimensionNumbers = null, bool transposeKernel = false, Precision precision = Precision.Default)
        {
            var numbers = dimensionNumbers ?? ChannelsLastConvNumbers(lhs.Ndim);
            var dilation = rhsDilation ?? Enumerable.Repeat(1, lhs.Ndim - 2).ToArray();
            CheckConvTransposeGeometry(lhs, rhs, strides, dilation, numbers);
            if (padding.Length != strides.Length)
                throw new ShapeException($"Lax.ConvTranspose: {padding.Length} padding pairs for {strides.Length} spatial dimensions");
            if (transposeKernel)
            {
                var (outFeature, inFeature) = (numbers[1][0], numbers[1][1]);
                rhs = Rev(rhs, numbers[1][2..]);
                var swap = Enumerable.Range(0, rhs.Ndim).ToArray();
                (swap[outFeature], swap[inFeature]) = (inFeature, outFeature);
                rhs = Transpose(rhs, swap);
            }
            var ones = Enumerable.Repeat(1, strides.Length).ToArray();
            return ConvGeneralDilated(lhs, rhs, ones, padding, strides, dilation, numbers, precision: precision);
        }

        private static (int Low, int High) ConvTransposePadding(int dilatedKernel, int stride, string padding)
        {
            switch (padding)
            {
                case "SAME":
                    {
                        var total = dilatedKernel + stride - 2;
                        var low = stride > dilatedKernel - 1 ? dilatedKernel - 1 : (total + 1) / 2;
                        return (low, total - low);
                    }
                case "VALID":
                    {
                        var total = dilatedKernel + stride - 2 + Math.Max(dilatedKernel - stride, 0);
                        return (dilatedKernel - 1, total - (dilatedKernel - 1));
                    }
                default:
                    throw new ArgumentException($"Lax.ConvTranspose: padding must be \"SAME\" or \"VALID\", got \"{padding}\"", nameof(padding));
            }
        }

        private static int[][] ChannelsLastConvNumbers(int rank)
        {
            var spatial = Enumerable.Range(1, Math.Max(rank - 2, 0)).ToArray();
            var kernelSpatial = Enumerable.Range(0, Math.Max(rank - 2, 0)).ToArray();
            return [[0, rank - 1, .. spatial], [rank - 1, rank - 2, .. kernelSpatial], [0, rank - 1, .. spatial]];
        }

        private static void CheckConvTransposeGeometry(NDArray lhs, NDArray rhs, int[] strides, int[] dilation, int[][] numbers)
        {
            if (lhs.Ndim < 3 || lhs.Ndim != rhs.Ndim)
                throw new ShapeException($"Lax.ConvTranspose: lhs and rhs need one rank of at least 3, got {lhs.Aval.Str()} and {rhs.Aval.Str()}");
            if (strides.Length != lhs.Ndim - 2 || dilation.Length != lhs.Ndim - 2)
                throw new ShapeException($"Lax.ConvTranspose: {lhs.Ndim - 2} spatial dimensions need as many strides and dilations, got " +
                    $"{strides.Length} and {dilation.Length}");
            if (numbers.Length != 3 || numbers.Any(spec => spec.Length != lhs.Ndim))
                throw new ShapeException($"Lax.ConvTranspose: dimension numbers need three specs of {lhs.Ndim} positions");
        }
    }
}
