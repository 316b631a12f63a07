using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Random samples of <c>arange(a)</c> (jax.random.choice of an int), of shape <paramref name="shape"/>
        /// (default: one value, rank 0). With replacement (the default) they are uniform integers, or follow the
        /// weights <paramref name="p"/> (a vector of length a, normalised here); without replacement they are the first
        /// values of a random permutation, or with weights the top values under Gumbel noise, so they are distinct.
        /// </summary>
        /// <exception cref="ArgumentException">a is not positive while samples are asked for, or more samples than a are
        /// asked for without replacement.</exception>
        public static NDArray Choice(KeyArrayLike key, int a, int[]? shape = null, bool replace = true, NDArray? p = null) =>
            ChoiceOf(key, null, a, 0, shape ?? [], replace, p);

        /// <summary>
        /// Random slices of <paramref name="a"/> along <paramref name="axis"/> (jax.random.choice of an array): the result
        /// has shape <c>a.shape[..axis] + shape + a.shape[axis+1..]</c>. See <see cref="Choice(NDArray, int, int[], bool, NDArray)"/>
        /// for <paramref name="replace"/> and <paramref name="p"/>. A concrete integer scalar stands for <c>arange(a)</c>.
        /// </summary>
        public static NDArray Choice(KeyArrayLike key, NDArray a, int[]? shape = null, bool replace = true, NDArray? p = null, int axis = 0)
        {
            if (a.Ndim > 0)
            {
                var ax = Shapes.Axis(axis, a.Ndim, "choice");
                return ChoiceOf(key, a, a.Shape[ax], ax, shape ?? [], replace, p);
            }
            if (!a.DType.IsInteger() || !a.IsConcrete)
                throw new ArgumentException($"Jax.Random.Choice: a must be an array of at least one dimension or a concrete integer, got {a.Aval.Str()}");
            return Choice(key, Lax.ConvertElementType(a, DType.Int32).Item<int>(), shape, replace, p);
        }

        private static NDArray ChoiceOf(KeyArrayLike key, NDArray? array, int n, int axis, int[] shape, bool replace, NDArray? p)
        {
            if (shape.Any(d => d < 0)) throw new ArgumentException($"Jax.Random.Choice: shape {Shapes.Format(shape)} has a negative dimension");
            int[] outShape = array is null ? shape : [.. array.Shape[..axis], .. shape, .. array.Shape[(axis + 1)..]];
            var draws = checked((int)Shapes.Size(shape));
            if (draws == 0) return Jnp.Zeros(outShape, array?.DType ?? TypePromotion.DefaultInt);
            if (n <= 0) throw new ArgumentException($"Jax.Random.Choice: a must be greater than 0 unless no samples are taken, got a population of {n}");
            if (!replace && draws > n)
                throw new ArgumentException($"Jax.Random.Choice: cannot take a larger sample (size {draws}) than the population (size {n}) when replace is false");
            if (p is not null && (p.Ndim != 1 || p.Shape[0] != n))
                throw new ShapeException($"Jax.Random.Choice: p must be a vector of the population's size {n}, got shape {Shapes.Format(p.Aval.Shape)}");

            var part = KeyScheme.Of(key);
            NDArray[] args = [key, .. array is null ? [] : new[] { array }, .. p is null ? [] : new[] { p }];
            var signature = $"choice{n}|{axis}{Shapes.Format(shape)}{replace}{array is null}{p is null}{TypePromotion.DefaultInt}{Scheme(part)}";
            return Compiled(signature, x =>
            {
                var index = ChoiceIndices(x[0], n, shape, draws, replace, p is null ? null : x[^1], part);
                if (array is null) return Lax.ConvertElementType(index, TypePromotion.DefaultInt);
                return Lax.Reshape(Jnp.Take(x[1], index, axis, TakeMode.Clip), outShape);
            }, args);
        }

        /// <summary>The int32 indices JAX's choice draws: of shape <paramref name="shape"/>, or [draws] without replacement.</summary>
        private static NDArray ChoiceIndices(NDArray key, int n, int[] shape, int draws, bool replace, NDArray? p, KeyScheme scheme)
        {
            if (p is null)
            {
                if (replace) return RandIntCore(key, shape, Lit(0, DType.Int32), Lit(n, DType.Int32), DType.Int32, scheme);
                // Permuting the indices orders them as permuting the array would: the sort keys alone decide the order.
                var order = Shuffle(key, Lax.Iota(DType.Int32, n), 0, scheme);
                return Lax.Reshape(Lax.Slice(order, [0], [draws]), shape);
            }
            var weights = Jnp.PromoteInexact(p)[0];
            if (replace)
            {
                var cumulative = Jnp.Cumsum(weights);
                var total = Lax.Reshape(Lax.Slice(cumulative, [n - 1], [n]), []);
                var u = UnitUniform(key, shape, weights.DType, scheme);
                return Jnp.Searchsorted(cumulative, Lax.Mul(total, Lax.Sub(Lit(1, weights.DType), u)));
            }
            // The Gumbel top-k trick: the order of log p plus Gumbel noise samples without replacement.
            var keys = Lax.Sub(Lax.Neg(GumbelCore(key, [n], weights.DType, scheme)), Lax.Log(weights));
            return Lax.Reshape(Lax.Slice(Jnp.Argsort(keys), [0], [draws]), shape);
        }
    }
}
