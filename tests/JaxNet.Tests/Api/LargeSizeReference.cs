namespace JaxNet.Tests.Api;

/// <summary>A row-major array on the host, in float64: the inputs of the large-size tests and their expected
/// results, computed by plain loops that share no code with JaxNet.</summary>
internal sealed record HostArray(double[] Values, int[] Shape)
{
    public int Size => Values.Length;

    /// <summary>Element i of a deterministic wave: sin(0.618 i + phase), rounded to steps of 1/<paramref name="steps"/>
    /// when given (few distinct values, so many ties), with NaN at every <paramref name="nanEvery"/>-th element.</summary>
    public static HostArray Wave(int[] shape, double phase = 0, int steps = 0, int nanEvery = 0)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = Math.Sin(0.618 * i + phase);
            values[i] = nanEvery > 0 && i % nanEvery == nanEvery - 1 ? double.NaN : steps > 0 ? Math.Round(v * steps) / steps : v;
        }
        return new HostArray(values, shape);
    }

    /// <summary>Factors near 1 (1 + sin / 500), so that products of 10^5 of them stay finite.</summary>
    public static HostArray Factors(int[] shape, double phase)
    {
        var wave = Wave(shape, phase);
        return wave with { Values = wave.Values.Select(v => 1 + 0.002 * v).ToArray() };
    }

    /// <summary>A copy with NaN at the given flat indices.</summary>
    public HostArray WithNaN(params int[] at)
    {
        var values = (double[])Values.Clone();
        foreach (var i in at) values[i] = double.NaN;
        return this with { Values = values };
    }

    /// <summary>The values rounded to <paramref name="dtype"/> (what the device holds), so that references see the
    /// same inputs.</summary>
    public HostArray RoundedTo(DType dtype) => this with { Values = ToDevice(dtype).ToArray<double>() };

    public NDArray ToDevice(DType dtype = DType.Float32) => dtype switch
    {
        DType.Float64 => Jnp.FromHost<double>(Values, Shape, DType.Float64),
        DType.Int32 => Jnp.FromHost<int>(Values.Select(v => (int)v).ToArray(), Shape, DType.Int32),
        _ => Jnp.FromHost<float>(Values.Select(v => (float)v).ToArray(), Shape, DType.Float32).Astype(dtype),
    };

    /// <summary>The axis as [outer, length, inner]: element j of lane (o, i) is at (o * length + j) * inner + i.</summary>
    public (int Outer, int Length, int Inner) Lanes(int axis) =>
        (Shape[..axis].Aggregate(1, (a, b) => a * b), Shape[axis], Shape[(axis + 1)..].Aggregate(1, (a, b) => a * b));
}

/// <summary>Reference loops in float64 for the large-size differential tests.</summary>
internal static class LargeSizeReference
{
    /// <summary>Folds the elements that share the kept coordinates, in index order, starting from <paramref name="init"/>.</summary>
    public static HostArray Reduce(HostArray x, int[] axes, Func<double, double, double> combine, double init)
    {
        var shape = x.Shape;
        var kept = Enumerable.Range(0, shape.Length).Where(d => !axes.Contains(d)).ToArray();
        var outShape = kept.Select(d => shape[d]).ToArray();
        var result = new double[outShape.Aggregate(1, (a, b) => a * b)];
        Array.Fill(result, init);
        var outStride = new int[shape.Length];
        for (int k = kept.Length - 1, stride = 1; k >= 0; k--)
        {
            outStride[kept[k]] = stride;
            stride *= shape[kept[k]];
        }
        var index = new int[shape.Length];
        var target = 0;
        for (var i = 0; i < x.Size; i++)
        {
            result[target] = combine(result[target], x.Values[i]);
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                target += outStride[d];
                if (++index[d] < shape[d]) break;
                target -= outStride[d] * shape[d];
                index[d] = 0;
            }
        }
        return new HostArray(result, outShape);
    }

    public static HostArray Sum(HostArray x, int[] axes) => Reduce(x, axes, (a, b) => a + b, 0);

    /// <summary>The sum of absolute values: the scale a float sum's rounding error is measured against.</summary>
    public static HostArray AbsSum(HostArray x, int[] axes) => Reduce(x, axes, (a, b) => a + Math.Abs(b), 0);

    /// <summary>NumPy's max and min: NaN when any element is NaN.</summary>
    public static HostArray Max(HostArray x, int[] axes) => Reduce(x, axes, (a, b) => double.IsNaN(b) || b > a ? b : a, double.NegativeInfinity);

    public static HostArray Min(HostArray x, int[] axes) => Reduce(x, axes, (a, b) => double.IsNaN(b) || b < a ? b : a, double.PositiveInfinity);

    public static HostArray Prod(HostArray x, int[] axes) => Reduce(x, axes, (a, b) => a * b, 1);

    public static HostArray Mean(HostArray x, int[] axes)
    {
        var sum = Sum(x, axes);
        var n = (double)x.Size / sum.Size;
        return sum with { Values = sum.Values.Select(v => v / n).ToArray() };
    }

    /// <summary>The population variance along one axis (two passes: the mean, then squared deviations).</summary>
    public static HostArray Var(HostArray x, int axis)
    {
        var (outer, length, inner) = x.Lanes(axis);
        var result = new double[outer * inner];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                double mean = 0, squares = 0;
                for (var j = 0; j < length; j++) mean += x.Values[(o * length + j) * inner + i];
                mean /= length;
                for (var j = 0; j < length; j++) squares += Math.Pow(x.Values[(o * length + j) * inner + i] - mean, 2);
                result[o * inner + i] = squares / length;
            }
        return new HostArray(result, x.Shape.Where((_, d) => d != axis).ToArray());
    }

    /// <summary>The first position of the largest (or smallest) value along the axis; the first NaN when there is one.</summary>
    public static int[] ArgExtreme(HostArray x, int axis, bool max)
    {
        var (outer, length, inner) = x.Lanes(axis);
        var result = new int[outer * inner];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                var best = 0;
                for (var j = 1; j < length && !double.IsNaN(x.Values[(o * length + best) * inner + i]); j++)
                {
                    var v = x.Values[(o * length + j) * inner + i];
                    var b = x.Values[(o * length + best) * inner + i];
                    if (double.IsNaN(v) || (max ? v > b : v < b)) best = j;
                }
                result[o * inner + i] = best;
            }
        return result;
    }

    /// <summary>An inclusive scan along the axis, in float64.</summary>
    public static HostArray Cumulative(HostArray x, int axis, Func<double, double, double> combine)
    {
        var (outer, length, inner) = x.Lanes(axis);
        var result = new double[x.Size];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                var acc = x.Values[o * length * inner + i];
                result[o * length * inner + i] = acc;
                for (var j = 1; j < length; j++)
                {
                    var at = (o * length + j) * inner + i;
                    result[at] = acc = combine(acc, x.Values[at]);
                }
            }
        return x with { Values = result };
    }

    /// <summary>A reversed scan: the forward scan of the array flipped along the axis, flipped back.</summary>
    public static HostArray Reversed(HostArray x, int axis, Func<double, double, double> combine) =>
        Flip(Cumulative(Flip(x, axis), axis, combine), axis);

    public static HostArray Flip(HostArray x, int axis)
    {
        var (outer, length, inner) = x.Lanes(axis);
        var values = new double[x.Size];
        for (var o = 0; o < outer; o++)
            for (var j = 0; j < length; j++)
                Array.Copy(x.Values, (o * length + j) * inner, values, (o * length + length - 1 - j) * inner, inner);
        return x with { Values = values };
    }

    /// <summary>Each lane's stable ascending order, NaN last: the sorted values, or the positions they came from.</summary>
    public static (HostArray Sorted, int[] Order) Sort(HostArray x, int axis)
    {
        var (outer, length, inner) = x.Lanes(axis);
        var sorted = new double[x.Size];
        var order = new int[x.Size];
        var positions = new int[length];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                var lane = Enumerable.Range(0, length).Select(j => x.Values[(o * length + j) * inner + i]).ToArray();
                for (var j = 0; j < length; j++) positions[j] = j;
                // OrderBy is stable; NaN keys compare as the largest.
                var ranked = positions.OrderBy(j => double.IsNaN(lane[j]) ? 1 : 0).ThenBy(j => double.IsNaN(lane[j]) ? 0 : lane[j]).ToArray();
                for (var j = 0; j < length; j++)
                {
                    sorted[(o * length + j) * inner + i] = lane[ranked[j]];
                    order[(o * length + j) * inner + i] = ranked[j];
                }
            }
        return (x with { Values = sorted }, order);
    }

    /// <summary>Result element at index r comes from source index r permuted back: out[i_0..] = x[i_perm^-1].</summary>
    public static HostArray Transpose(HostArray x, int[] permutation)
    {
        var rank = x.Shape.Length;
        var outShape = permutation.Select(p => x.Shape[p]).ToArray();
        var sourceStrides = new int[rank];
        for (int d = rank - 1, s = 1; d >= 0; d--)
        {
            sourceStrides[d] = s;
            s *= x.Shape[d];
        }
        var result = new double[x.Size];
        var index = new int[rank];
        var source = 0;
        for (var r = 0; r < x.Size; r++)
        {
            result[r] = x.Values[source];
            for (var d = rank - 1; d >= 0; d--)
            {
                source += sourceStrides[permutation[d]];
                if (++index[d] < outShape[d]) break;
                source -= sourceStrides[permutation[d]] * outShape[d];
                index[d] = 0;
            }
        }
        return new HostArray(result, outShape);
    }

    /// <summary>Batched [b, m, k] x [b, k, n] products (a batch of 1 for matrices), and each element's scale, the sum
    /// of |a||b| over its terms, to measure rounding against.</summary>
    public static (HostArray Product, double[] Scale) MatMul(HostArray a, HostArray b, int batch, int m, int k, int n)
    {
        var product = new double[batch * m * n];
        var scale = new double[batch * m * n];
        for (var p = 0; p < batch; p++)
            for (var i = 0; i < m; i++)
                for (var t = 0; t < k; t++)
                {
                    var av = a.Values[(p * m + i) * k + t];
                    for (var j = 0; j < n; j++)
                    {
                        var bv = b.Values[(p * k + t) * n + j];
                        product[(p * m + i) * n + j] += av * bv;
                        scale[(p * m + i) * n + j] += Math.Abs(av * bv);
                    }
                }
        return (new HostArray(product, [batch, m, n]), scale);
    }

    /// <summary>An NCHW / OIHW convolution with strides, (low, high) zero padding and feature groups, and each output's
    /// scale (the sum of |x||w| over its terms).</summary>
    public static (HostArray Output, double[] Scale) Conv2d(HostArray x, HostArray w, (int H, int W) stride,
        ((int Low, int High) H, (int Low, int High) W) padding, int groups)
    {
        var (batch, channels, height, width) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var (features, groupChannels, kh, kw) = (w.Shape[0], w.Shape[1], w.Shape[2], w.Shape[3]);
        var outH = (height + padding.H.Low + padding.H.High - kh) / stride.H + 1;
        var outW = (width + padding.W.Low + padding.W.High - kw) / stride.W + 1;
        var output = new double[batch * features * outH * outW];
        var scale = new double[output.Length];
        var featuresPerGroup = features / groups;
        for (var nb = 0; nb < batch; nb++)
            for (var f = 0; f < features; f++)
                for (var oh = 0; oh < outH; oh++)
                    for (var ow = 0; ow < outW; ow++)
                    {
                        double sum = 0, abs = 0;
                        for (var c = 0; c < groupChannels; c++)
                            for (var i = 0; i < kh; i++)
                                for (var j = 0; j < kw; j++)
                                {
                                    var (h, v) = (oh * stride.H + i - padding.H.Low, ow * stride.W + j - padding.W.Low);
                                    if (h < 0 || h >= height || v < 0 || v >= width) continue;
                                    var channel = f / featuresPerGroup * groupChannels + c;
                                    var term = x.Values[((nb * channels + channel) * height + h) * width + v] * w.Values[((f * groupChannels + c) * kh + i) * kw + j];
                                    sum += term;
                                    abs += Math.Abs(term);
                                }
                        var at = ((nb * features + f) * outH + oh) * outW + ow;
                        output[at] = sum;
                        scale[at] = abs;
                    }
        return (new HostArray(output, [batch, features, outH, outW]), scale);
    }
}
