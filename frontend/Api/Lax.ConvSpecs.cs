using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.conv_dimension_numbers for layout strings such as ("NHWC", "HWIO", "NHWC"): the positions of batch 'N',
        /// feature 'C', then the spatial dimensions for lhs and the output; of out feature 'O', in feature 'I', then the
        /// spatial dimensions for the kernel. Spatial dimensions are matched by letter and ordered as the kernel's spec
        /// lists them (JAX's conv_general_permutations), so "NCHW" with "OIWH" pairs the input's H with the kernel's H.
        /// The result is the <c>dimensionNumbers</c> form every convolution here takes.
        /// </summary>
        /// <exception cref="ArgumentException">A spec without exactly one of its two named letters, a repeated letter,
        /// or spatial letters that differ between the three specs.</exception>
        public static int[][] ConvDimensionNumbers((string Lhs, string Rhs, string Out) specs)
        {
            var (lhs, rhs, output) = specs;
            CheckConvSpec(lhs, 'N', 'C', "lhs");
            CheckConvSpec(rhs, 'O', 'I', "rhs");
            CheckConvSpec(output, 'N', 'C', "out");
            var spatial = SpatialLetters(rhs, 'O', 'I');
            if (!SameLetters(SpatialLetters(lhs, 'N', 'C'), spatial) || !SameLetters(SpatialLetters(output, 'N', 'C'), spatial))
                throw new ArgumentException($"Lax.ConvDimensionNumbers: the spatial letters of lhs \"{lhs}\", rhs \"{rhs}\" and out " +
                    $"\"{output}\" must be the same");
            int[] Permutation(string spec, char first, char second) =>
                [spec.IndexOf(first), spec.IndexOf(second), .. spatial.Select(letter => spec.IndexOf(letter))];
            return [Permutation(lhs, 'N', 'C'), Permutation(rhs, 'O', 'I'), Permutation(output, 'N', 'C')];
        }

        /// <summary>
        /// lax.conv_general_dilated with the layouts given as strings, e.g. <c>("NHWC", "HWIO", "NHWC")</c> as Flax
        /// writes them, and explicit (low, high) padding per spatial dimension.
        /// </summary>
        public static NDArray ConvGeneralDilated(NDArray lhs, NDArray rhs, int[] windowStrides, (int Low, int High)[] padding,
            (string Lhs, string Rhs, string Out) dimensionNumbers, int[]? lhsDilation = null, int[]? rhsDilation = null,
            int featureGroupCount = 1, int batchGroupCount = 1, Precision precision = Precision.Default, DType? preferredElementType = null) =>
            ConvGeneralDilated(lhs, rhs, windowStrides, padding, lhsDilation, rhsDilation, ConvDimensionNumbers(dimensionNumbers),
                featureGroupCount, batchGroupCount, precision, preferredElementType);

        /// <summary>
        /// lax.conv_general_dilated with the layouts given as strings and padding "SAME", "SAME_LOWER" or "VALID".
        /// </summary>
        public static NDArray ConvGeneralDilated(NDArray lhs, NDArray rhs, int[] windowStrides, string padding,
            (string Lhs, string Rhs, string Out) dimensionNumbers, int[]? lhsDilation = null, int[]? rhsDilation = null,
            int featureGroupCount = 1, int batchGroupCount = 1, Precision precision = Precision.Default, DType? preferredElementType = null) =>
            ConvGeneralDilated(lhs, rhs, windowStrides, padding, lhsDilation, rhsDilation, ConvDimensionNumbers(dimensionNumbers),
                featureGroupCount, batchGroupCount, precision, preferredElementType);

        /// <summary>
        /// lax.conv_general_dilated with padding "SAME" (the output has ceil(n / stride) positions per spatial
        /// dimension, an odd element of padding at the end), "SAME_LOWER" (at the start) or "VALID" (none), chosen as
        /// JAX does from the input's spatial sizes and the kernel's size after <paramref name="rhsDilation"/>.
        /// </summary>
        /// <exception cref="ArgumentException">A padding name JAX does not know, or a string padding with an lhs
        /// dilation other than 1 (a transposed convolution: give explicit padding, or use <see cref="ConvTranspose(NDArray, NDArray, int[], string, int[], int[][], bool, Precision)"/>,
        /// as JAX says).</exception>
        /// <exception cref="ShapeException">Strides or dilations whose length is not the number of spatial dimensions.</exception>
        public static NDArray ConvGeneralDilated(NDArray lhs, NDArray rhs, int[] windowStrides, string padding,
            int[]? lhsDilation = null, int[]? rhsDilation = null, int[][]? dimensionNumbers = null, int featureGroupCount = 1,
            int batchGroupCount = 1, Precision precision = Precision.Default, DType? preferredElementType = null)
        {
            if (lhsDilation is not null && lhsDilation.Any(d => d != 1))
                throw new ArgumentException($"Lax.ConvGeneralDilated: string padding \"{padding}\" with lhs dilation " +
                    $"{Shapes.Format(lhsDilation)} is a transposed convolution, which JAX does not pad by name either: give explicit " +
                    "(low, high) padding or use Lax.ConvTranspose", nameof(padding));
            var spatialCount = lhs.Ndim - 2;
            var numbers = dimensionNumbers ?? ChannelsFirstConvNumbers(lhs.Ndim);
            if (spatialCount < 1 || rhs.Ndim != lhs.Ndim || numbers.Length != 3 || numbers.Any(n => n.Length != lhs.Ndim))
                throw new ShapeException($"Lax.ConvGeneralDilated: lhs {lhs.Aval.Str()} and rhs {rhs.Aval.Str()} need the same rank, " +
                    "at least 3, and dimension numbers of that length");
            var dilation = rhsDilation ?? Enumerable.Repeat(1, spatialCount).ToArray();
            if (dilation.Length != spatialCount)
                throw new ShapeException($"Lax.ConvGeneralDilated: rhs dilation {Shapes.Format(dilation)} for {spatialCount} spatial dimensions");
            var inShape = numbers[0][2..].Select(axis => lhs.Shape[axis]).ToArray();
            var dilatedKernel = numbers[1][2..].Select((axis, i) => (rhs.Shape[axis] - 1) * dilation[i] + 1).ToArray();
            var pads = PadtypeToPads(inShape, dilatedKernel, windowStrides, padding);
            return ConvGeneralDilated(lhs, rhs, windowStrides, pads, lhsDilation, rhsDilation, numbers, featureGroupCount,
                batchGroupCount, precision, preferredElementType);
        }

        /// <summary>lax.conv: an NCHW input, an OIHW kernel and an NCHW output, padding "SAME", "SAME_LOWER" or "VALID".</summary>
        public static NDArray Conv(NDArray lhs, NDArray rhs, int[] windowStrides, string padding, Precision precision = Precision.Default,
            DType? preferredElementType = null) =>
            ConvGeneralDilated(lhs, rhs, windowStrides, padding, precision: precision, preferredElementType: preferredElementType);

        private static int[][] ChannelsFirstConvNumbers(int rank)
        {
            var channelsFirst = Enumerable.Range(0, rank).ToArray();
            return [channelsFirst, channelsFirst, channelsFirst];
        }

        private static void CheckConvSpec(string spec, char first, char second, string name)
        {
            if (spec.Count(c => c == first) != 1 || spec.Count(c => c == second) != 1)
                throw new ArgumentException($"Lax.ConvDimensionNumbers: the {name} spec \"{spec}\" must contain '{first}' and '{second}' " +
                    "exactly once each");
            if (spec.Distinct().Count() != spec.Length)
                throw new ArgumentException($"Lax.ConvDimensionNumbers: the {name} spec \"{spec}\" repeats a letter");
            if (spec.Length < 3)
                throw new ArgumentException($"Lax.ConvDimensionNumbers: the {name} spec \"{spec}\" has no spatial dimension");
        }

        private static char[] SpatialLetters(string spec, char first, char second) => spec.Where(c => c != first && c != second).ToArray();

        private static bool SameLetters(char[] a, char[] b) => a.Length == b.Length && a.All(b.Contains);
    }
}
