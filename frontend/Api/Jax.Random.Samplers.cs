using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Uniform values in [minval, maxval) (jax.random.uniform; default dtype float32, float64 with x64). As in JAX,
        /// the top mantissa-width bits of each random word become a float in [0, 1), scaled as
        /// <c>max(minval, u * (maxval - minval) + minval)</c>; minval and maxval broadcast against the shape.
        /// </summary>
        public static NDArray Uniform(KeyArrayLike key, int[]? shape = null, DType? dtype = null, NDArray? minval = null, NDArray? maxval = null)
        {
            var d = FloatDType("Uniform", dtype);
            var s = shape ?? [];
            var p = KeyScheme.Of(key);
            return Compiled($"uniform{Shapes.Format(s)}{d}{Scheme(p)}", a => UniformCore(a[0], s, d, a[1], a[2], p), key, minval ?? 0.0, maxval ?? 1.0);
        }

        /// <summary>
        /// Standard normal values (jax.random.normal): <c>sqrt(2) * erf_inv(u)</c> for u uniform in (-1, 1). For a
        /// complex dtype, JAX's circular normal: the key split in two, a real normal for each part, divided by sqrt(2)
        /// so that E|z|^2 = 1.
        /// </summary>
        public static NDArray Normal(KeyArrayLike key, int[]? shape = null, DType? dtype = null)
        {
            if (dtype is { } c && c.IsComplex())
            {
                var keys = SplitKeyLike(key, 2);
                var (re, im) = (Normal(keys[0], shape, c.RealPart()), Normal(keys[1], shape, c.RealPart()));
                return Lax.Complex(re, im) * (1 / Math.Sqrt(2));
            }
            var d = FloatDType("Normal", dtype);
            var s = shape ?? [];
            var p = KeyScheme.Of(key);
            return Compiled($"normal{Shapes.Format(s)}{d}{Scheme(p)}", a => NormalCore(a[0], s, d, p), key);
        }

        /// <summary>
        /// Standard normal values truncated to the open interval (lower, upper) (jax.random.truncated_normal): the
        /// inverse CDF of a uniform between the bounds' CDFs, clamped strictly inside the bounds. The shape defaults
        /// to the bounds' broadcast shape.
        /// </summary>
        public static NDArray TruncatedNormal(KeyArrayLike key, NDArray lower, NDArray upper, int[]? shape = null, DType? dtype = null)
        {
            var d = FloatDType("TruncatedNormal", dtype);
            var s = shape ?? Shapes.Broadcast("truncated_normal", lower.Aval.Shape, upper.Aval.Shape);
            var p = KeyScheme.Of(key);
            return Compiled($"truncated_normal{Shapes.Format(s)}{d}{Scheme(p)}", a => TruncatedNormalCore(a[0], a[1], a[2], s, d, p), key, lower, upper);
        }

        /// <summary>
        /// Booleans that are true with probability <paramref name="p"/> (default 0.5; jax.random.bernoulli, "low"
        /// mode): <c>uniform(key, shape, dtype(p)) &lt; p</c>. The shape defaults to p's shape.
        /// </summary>
        public static NDArray Bernoulli(KeyArrayLike key, NDArray? p = null, int[]? shape = null)
        {
            p ??= 0.5;
            if (!p.DType.IsFloat()) throw new ArgumentException($"Jax.Random.Bernoulli: the probability p must be a float, got {p.Aval.Str()}");
            var s = shape ?? p.Shape;
            var part = KeyScheme.Of(key);
            return Compiled($"bernoulli{Shapes.Format(s)}{Scheme(part)}",
                a => Jnp.Less(UniformCore(a[0], s, a[1].DType, Lit(0, a[1].DType), Lit(1, a[1].DType), part), a[1]), key, p);
        }

        /// <summary>
        /// Gumbel-distributed values (jax.random.gumbel, "low" mode): <c>-log(-log(u))</c> for u uniform in
        /// [tiny, 1).
        /// </summary>
        public static NDArray Gumbel(KeyArrayLike key, int[]? shape = null, DType? dtype = null)
        {
            var d = FloatDType("Gumbel", dtype);
            var s = shape ?? [];
            var p = KeyScheme.Of(key);
            return Compiled($"gumbel{Shapes.Format(s)}{d}{Scheme(p)}", a => GumbelCore(a[0], s, d, p), key);
        }

        /// <summary>
        /// Samples of the categorical distributions given by unnormalised log-probabilities along
        /// <paramref name="axis"/> (jax.random.categorical, with replacement): the argmax of logits plus Gumbel noise.
        /// The result is int32 of shape <paramref name="shape"/>, by default the logits' shape without the axis;
        /// a longer shape draws several samples per distribution (its trailing dimensions match the batch shape).
        /// </summary>
        public static NDArray Categorical(KeyArrayLike key, NDArray logits, int axis = -1, int[]? shape = null)
        {
            var a = Shapes.Axis(axis, logits.Ndim, "categorical");
            var batchShape = logits.Shape.Where((_, i) => i != a).ToArray();
            var s = shape ?? batchShape;
            if (s.Length < batchShape.Length || !Shapes.Equal(Shapes.Broadcast("categorical", s[^batchShape.Length..], batchShape), s[^batchShape.Length..]))
                throw new ShapeException($"Jax.Random.Categorical: shape {Shapes.Format(s)} must end with the logits' batch shape {Shapes.Format(batchShape)}");
            var p = KeyScheme.Of(key);
            return Compiled($"categorical{Shapes.Format(s)}{a}{Scheme(p)}", x => CategoricalCore(x[0], x[1], a, s, p), key, logits);
        }

        /// <summary>A random permutation of 0..n-1 (int32; jax.random.permutation of an integer).</summary>
        public static NDArray Permutation(KeyArrayLike key, int n)
        {
            if (n < 0) throw new ArgumentException($"Jax.Random.Permutation: n must be non-negative, got {n}");
            var p = KeyScheme.Of(key);
            return Compiled($"permutation{n}{Scheme(p)}", a => Shuffle(a[0], Jnp.Arange(n), 0, p), key);
        }

        /// <summary>
        /// <paramref name="x"/> randomly permuted along <paramref name="axis"/> (jax.random.permutation): whole slices
        /// move together, or with <paramref name="independent"/> every 1-D lane is shuffled on its own.
        /// </summary>
        public static NDArray Permutation(KeyArrayLike key, NDArray x, int axis = 0, bool independent = false)
        {
            if (x.Ndim == 0) throw new ArgumentException("Jax.Random.Permutation: x must be at least 1-dimensional (or pass an int n)");
            var ax = Shapes.Axis(axis, x.Ndim, "permutation");
            var p = KeyScheme.Of(key);
            return Compiled($"permutation_array{ax}{independent}{Scheme(p)}", a =>
            {
                if (independent || a[1].Ndim == 1) return Shuffle(a[0], a[1], ax, p);
                var order = Shuffle(a[0], Jnp.Arange(a[1].Shape[ax]), 0, p);
                return Jnp.Take(a[1], order, ax, TakeMode.Clip);
            }, key, x);
        }

        /// <summary>
        /// Integers uniform in [minval, maxval) (jax.random.randint) of any integer dtype (default Int32), with JAX's
        /// algorithm (two draws of the dtype's width per value, reduced modulo the span; 8- and 16-bit types are drawn
        /// as int32 and cast, as JAX does to keep the bias small) so results match JAX's.
        /// </summary>
        public static NDArray RandInt(KeyArrayLike key, int[] shape, NDArray minval, NDArray maxval, DType dtype = DType.Int32)
        {
            if (!dtype.IsInteger()) throw new ArgumentException($"Jax.Random.RandInt: dtype must be an integer type, got {dtype}");
            var p = KeyScheme.Of(key);
            return Compiled($"randint{Shapes.Format(shape)}{dtype}{Scheme(p)}", a => RandIntCore(a[0], shape, a[1], a[2], dtype, p), key, minval, maxval);
        }

        // ---- traceable bodies ----

        internal static NDArray UniformCore(NDArray key, int[] shape, DType dtype, NDArray minval, NDArray maxval, KeyScheme scheme)
        {
            var (bits, mantissa) = FloatLayout(dtype);
            var rngBits = mantissa < 8 ? 8 : bits;
            var word = scheme.RandomBits(key, rngBits, shape);
            // JAX ORs the top mantissa bits into the exponent of 1.0, bitcasts and subtracts 1; m * 2^-mantissa is
            // the same float exactly, so no bitcast is needed.
            NDArray fraction;
            if (bits == 64)
            {
                var m = Lax.ShiftRightLogical(word, NDArray.FromScalar(Scalar.FromBits(DType.Int64, 64 - mantissa), false));
                fraction = Lax.Mul(Lax.ConvertElementType(m, dtype), Lit(Math.ScaleB(1, -mantissa), dtype));
            }
            else
            {
                if (word.DType != DType.UInt32) word = Lax.ConvertElementType(word, DType.UInt32);
                var m = Lax.ShiftRightLogical(word, Threefry.U32((uint)(rngBits - mantissa)));
                fraction = Lax.Mul(Lax.ConvertElementType(m, dtype), Lit(Math.ScaleB(1, -mantissa), dtype));
            }
            var lo = Lax.ConvertElementType(minval, dtype);
            var hi = Lax.ConvertElementType(maxval, dtype);
            return Jnp.Maximum(lo, Jnp.Add(Jnp.Multiply(fraction, Jnp.Subtract(hi, lo)), lo));
        }

        internal static NDArray NormalCore(NDArray key, int[] shape, DType dtype, KeyScheme scheme)
        {
            var (_, mantissa) = FloatLayout(dtype);
            // nextafter(-1, 0): the open lower end keeps erf_inv finite.
            var lo = Lit(-(1 - Math.ScaleB(1, -(mantissa + 1))), dtype);
            var u = UniformCore(key, shape, dtype, lo, Lit(1, dtype), scheme);
            return Lax.Mul(Lit(Math.Sqrt(2), dtype), Lax.ErfInv(u));
        }

        internal static NDArray TruncatedNormalCore(NDArray key, NDArray lower, NDArray upper, int[] shape, DType dtype, KeyScheme scheme)
        {
            var sqrt2 = Lit(Math.Sqrt(2), dtype);
            lower = Lax.ConvertElementType(lower, dtype);
            upper = Lax.ConvertElementType(upper, dtype);
            var a = Lax.Erf(Jnp.Divide(lower, sqrt2));
            var b = Lax.Erf(Jnp.Divide(upper, sqrt2));
            var u = UniformCore(key, shape, dtype, a, b, scheme);
            var z = Lax.Mul(sqrt2, Lax.ErfInv(u));
            // Rounding (or u landing exactly on a) could reach a bound; clamp into the open interval as JAX does.
            var above = BroadcastLike(Lax.NextAfter(lower, Lit(double.PositiveInfinity, dtype)), z);
            var below = BroadcastLike(Lax.NextAfter(upper, Lit(double.NegativeInfinity, dtype)), z);
            return Jnp.Clip(z, above, below);
        }

        internal static NDArray GumbelCore(NDArray key, int[] shape, DType dtype, KeyScheme scheme)
        {
            var u = UniformCore(key, shape, dtype, Lit(SmallestNormal(dtype), dtype), Lit(1, dtype), scheme);
            return Lax.Neg(Lax.Log(Lax.Neg(Lax.Log(u))));
        }

        internal static NDArray CategoricalCore(NDArray key, NDArray logits, int axis, int[] shape, KeyScheme scheme)
        {
            var batchRank = logits.Ndim - 1;
            var prefix = shape[..(shape.Length - batchRank)];
            var noiseShape = shape[prefix.Length..].ToList();
            noiseShape.Insert(axis, logits.Shape[axis]);
            var dtype = logits.DType.IsFloat() ? logits.DType : TypePromotion.DefaultFloat;
            var noise = GumbelCore(key, [.. prefix, .. noiseShape], dtype, scheme);
            var expanded = Lax.ExpandDims(Lax.ConvertElementType(logits, dtype), [.. Enumerable.Range(0, prefix.Length)]);
            return Jnp.Argmax(Jnp.Add(noise, expanded), prefix.Length + axis);
        }

        /// <summary>
        /// JAX's _shuffle: sort by fresh random uint32 keys, repeated enough rounds (3 ln n / ln 2^32) that
        /// collisions between sort keys leave no measurable bias.
        /// </summary>
        internal static NDArray Shuffle(NDArray key, NDArray x, int axis, KeyScheme scheme)
        {
            var size = Math.Max(1L, x.Size);
            var rounds = (int)Math.Ceiling(3 * Math.Log(size) / Math.Log(uint.MaxValue));
            for (var i = 0; i < rounds; i++)
            {
                var keys = SplitKeys(key, 2, scheme);
                key = keys[0];
                var sortKeys = scheme.RandomBits(keys[1], 32, x.Shape);
                x = Lax.Sort([sortKeys, x], axis, isStable: true, numKeys: 1)[1];
            }
            return x;
        }

        internal static NDArray RandIntCore(NDArray key, int[] shape, NDArray minval, NDArray maxval, DType dtype, KeyScheme scheme)
        {
            if (!minval.DType.IsInteger()) minval = Lax.ConvertElementType(minval, TypePromotion.DefaultInt);
            if (!maxval.DType.IsInteger()) maxval = Lax.ConvertElementType(maxval, TypePromotion.DefaultInt);
            var info = Jnp.Iinfo(dtype);
            if (info.Bits < 32)
            {
                // JAX samples narrow types in int32 (less modulo bias) and casts at the end.
                minval = Jnp.Clip(ConvertAndClip(minval, DType.Int32), IntLit(info.Min, DType.Int32), IntLit(info.Max, DType.Int32));
                maxval = Jnp.Clip(ConvertAndClip(maxval, DType.Int32), IntLit(info.Min, DType.Int32), IntLit(info.Max + 1, DType.Int32));
                return Lax.ConvertElementType(RandIntCore(key, shape, minval, maxval, DType.Int32, scheme), dtype);
            }
            // maxval may exceed the dtype (randint(0, 2^32) as uint32): the span then grows by one.
            var outOfRange = Jnp.Greater(maxval, IntLit(Int128.Min(info.Max, Jnp.Iinfo(maxval.DType).Max), maxval.DType));
            minval = Jnp.BroadcastTo(ConvertAndClip(minval, dtype), shape);
            maxval = Jnp.BroadcastTo(ConvertAndClip(maxval, dtype), shape);
            outOfRange = Jnp.BroadcastTo(outOfRange, shape);

            var keys = SplitKeys(key, 2, scheme);
            var unsigned = info.Bits == 64 ? DType.UInt64 : DType.UInt32;
            NDArray Draw(NDArray k)
            {
                var bits = scheme.RandomBits(k, info.Bits, shape);
                return bits.DType == unsigned ? bits : Lax.BitcastConvertType(bits, unsigned);
            }
            var (higher, lower) = (Draw(keys[0]), Draw(keys[1]));

            var one = Lax.BroadcastInDim(IntLit(1, unsigned), shape, []);
            var span = Lax.ConvertElementType(Lax.Sub(maxval, minval), unsigned);
            span = Lax.Select(Lax.Le(maxval, minval), one, span);
            span = Lax.Select(Lax.BitwiseAnd(outOfRange, Lax.Gt(maxval, minval)), Lax.Add(span, one), span);
            // (hi * 2^bits + lo) mod span without wider arithmetic: 2^bits mod span = (2^(bits/2) mod span)^2 mod span
            // (the square wraps for 64-bit spans above 2^32, as it does in JAX).
            var multiplier = Lax.Rem(Lax.BroadcastInDim(IntLit(Int128.One << (info.Bits / 2), unsigned), shape, []), span);
            multiplier = Lax.Rem(Lax.Mul(multiplier, multiplier), span);
            var offset = Lax.Add(Lax.Mul(Lax.Rem(higher, span), multiplier), Lax.Rem(lower, span));
            offset = Lax.Rem(offset, span);
            return Lax.Add(minval, Lax.ConvertElementType(offset, dtype));
        }

        // ---- helpers ----

        private static DType FloatDType(string caller, DType? dtype)
        {
            var d = dtype ?? TypePromotion.DefaultFloat;
            if (!d.IsFloat()) throw new ArgumentException($"Jax.Random.{caller}: dtype must be a float type, got {d}");
            return d;
        }

        /// <summary>Total bits and explicit mantissa bits (numpy's finfo.bits, finfo.nmant).</summary>
        private static (int Bits, int Mantissa) FloatLayout(DType dtype) => dtype switch
        {
            DType.Float16 => (16, 10),
            DType.BFloat16 => (16, 7),
            DType.Float32 => (32, 23),
            DType.Float64 => (64, 52),
            _ => throw new ArgumentException($"not a float dtype: {dtype}"),
        };

        /// <summary>finfo.tiny: the smallest positive normal number.</summary>
        private static double SmallestNormal(DType dtype) => dtype switch
        {
            DType.Float16 => Math.ScaleB(1, -14),
            DType.Float64 => Math.ScaleB(1, -1022),
            _ => Math.ScaleB(1, -126),
        };

        /// <summary>Converts between integer types clipping to the target's range instead of wrapping.</summary>
        private static NDArray ConvertAndClip(NDArray x, DType dtype)
        {
            if (x.DType == dtype) return x;
            var (from, to) = (Jnp.Iinfo(x.DType), Jnp.Iinfo(dtype));
            var lo = Int128.Max(from.Min, to.Min);
            var hi = Int128.Min(from.Max, to.Max);
            return Lax.ConvertElementType(Jnp.Clip(x, IntLit(lo, x.DType), IntLit(hi, x.DType)), dtype);
        }

        /// <summary>An integer constant of <paramref name="dtype"/>, exact for every 64-bit value (a literal in jaxprs).</summary>
        private static NDArray IntLit(Int128 value, DType dtype) =>
            NDArray.FromScalar(Scalar.FromBits(dtype, unchecked((long)(ulong)(value & ulong.MaxValue))), weak: false);

        /// <summary>A constant of <paramref name="dtype"/> (rounded to it), a literal in jaxprs.</summary>
        private static NDArray Lit(double value, DType dtype) =>
            NDArray.FromScalar(dtype.IsFloat() ? Scalar.Of(DType.Float64, value).Convert(dtype) : Scalar.Of(dtype, value), weak: false);

        private static NDArray BroadcastLike(NDArray x, NDArray like) =>
            Shapes.Equal(x.Aval.Shape, like.Aval.Shape) ? x : Jnp.BroadcastTo(x, like.Shape);
    }
}
