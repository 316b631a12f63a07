namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// <see cref="Cond(NDArray, Func{NDArray[], NDArray[]}, Func{NDArray[], NDArray[]}, NDArray[])"/> of pytrees: the
        /// operand and the branches' results may be tuples, records, lists or dictionaries of arrays, as in JAX. Both
        /// branches must return the same structure.
        /// </summary>
        public static TOut Cond<TIn, TOut>(NDArray pred, Func<TIn, TOut> trueFn, Func<TIn, TOut> falseFn, TIn operand)
        {
            var (leaves, inDef) = TreeUtil.TreeFlatten(operand);
            var result = new ResultStructure("cond", "the branches");
            var outs = Cond(pred, a => result.Flatten(trueFn(TreeUtil.TreeUnflatten<TIn>(inDef, a))),
                a => result.Flatten(falseFn(TreeUtil.TreeUnflatten<TIn>(inDef, a))), [.. leaves]);
            return result.Unflatten<TOut>(outs);
        }

        /// <summary><see cref="Switch(NDArray, Func{NDArray[], NDArray[]}[], NDArray[])"/> of pytrees; every branch must
        /// return the same structure.</summary>
        public static TOut Switch<TIn, TOut>(NDArray index, Func<TIn, TOut>[] branches, TIn operand)
        {
            var (leaves, inDef) = TreeUtil.TreeFlatten(operand);
            var result = new ResultStructure("switch", "the branches");
            var flat = branches.Select(b => (Func<NDArray[], NDArray[]>)(a => result.Flatten(b(TreeUtil.TreeUnflatten<TIn>(inDef, a))))).ToArray();
            return result.Unflatten<TOut>(Switch(index, flat, [.. leaves]));
        }

        /// <summary><see cref="WhileLoop(Func{NDArray[], NDArray}, Func{NDArray[], NDArray[]}, NDArray[])"/> with a pytree
        /// carry (JAX's usual loop state: a tuple or record of arrays); the body must return the carry's structure.</summary>
        public static T WhileLoop<T>(Func<T, NDArray> condFn, Func<T, T> bodyFn, T init)
        {
            var (leaves, def) = TreeUtil.TreeFlatten(init);
            var carry = new ResultStructure("while_loop", "body_fun", def);
            var outs = WhileLoop(a => condFn(TreeUtil.TreeUnflatten<T>(def, a)), a => carry.Flatten(bodyFn(TreeUtil.TreeUnflatten<T>(def, a))),
                [.. leaves]);
            return TreeUtil.TreeUnflatten<T>(def, outs);
        }

        /// <summary>
        /// <see cref="ForiLoop(int, int, Func{NDArray, NDArray[], NDArray[]}, NDArray[])"/> with a pytree carry: with these
        /// static bounds a scan, as JAX lowers fori_loop with concrete bounds, so that reverse mode works through it.
        /// </summary>
        public static T ForiLoop<T>(int lower, int upper, Func<NDArray, T, T> bodyFn, T init) =>
            ForiLoopOfLeaves(bodyFn, init, (body, leaves) => ForiLoop(lower, upper, body, leaves));

        /// <summary><see cref="ForiLoop(NDArray, NDArray, Func{NDArray, NDArray[], NDArray[]}, NDArray[])"/> with a pytree
        /// carry.</summary>
        public static T ForiLoop<T>(NDArray lower, NDArray upper, Func<NDArray, T, T> bodyFn, T init) =>
            ForiLoopOfLeaves(bodyFn, init, (body, leaves) => ForiLoop(lower, upper, body, leaves));

        /// <summary>Runs <paramref name="loop"/>, a fori_loop over flat carries, on the leaves of the pytree carry.</summary>
        private static T ForiLoopOfLeaves<T>(Func<NDArray, T, T> bodyFn, T init, Func<Func<NDArray, NDArray[], NDArray[]>, NDArray[], NDArray[]> loop)
        {
            var (leaves, def) = TreeUtil.TreeFlatten(init);
            var carry = new ResultStructure("fori_loop", "body_fun", def);
            var outs = loop((i, a) => carry.Flatten(bodyFn(i, TreeUtil.TreeUnflatten<T>(def, a))), [.. leaves]);
            return TreeUtil.TreeUnflatten<T>(def, outs);
        }

        /// <summary>
        /// <see cref="Scan(Func{NDArray[], NDArray[], ValueTuple{NDArray[], NDArray[]}}, NDArray[], NDArray[], int?, bool)"/>
        /// of pytrees: <c>(carry, y) = f(carry, x)</c> where the carry, each x (a slice of every leaf of
        /// <paramref name="xs"/> along its leading axis) and each y are pytrees; the ys come back stacked leaf by leaf.
        /// A null <paramref name="xs"/> scans nothing, for <paramref name="length"/> steps.
        /// </summary>
        /// <remarks>With arrays for the carry, x and y it is the single-array scan (a leaf is a tree of one leaf).</remarks>
        public static (TCarry Carry, TY Ys) Scan<TCarry, TX, TY>(Func<TCarry, TX, (TCarry Carry, TY Y)> f, TCarry init, TX xs,
            bool reverse = false, int? length = null)
        {
            var (carryLeaves, carryDef) = TreeUtil.TreeFlatten(init);
            var (xLeaves, xDef) = TreeUtil.TreeFlatten(xs);
            var carry = new ResultStructure("scan", "f's carry", carryDef);
            var ys = new ResultStructure("scan", "f's y");
            var (c, y) = Scan((a, x) =>
            {
                var (next, yi) = f(TreeUtil.TreeUnflatten<TCarry>(carryDef, a), TreeUtil.TreeUnflatten<TX>(xDef, x));
                return (carry.Flatten(next), ys.Flatten(yi));
            }, [.. carryLeaves], [.. xLeaves], length, reverse);
            return (TreeUtil.TreeUnflatten<TCarry>(carryDef, c), ys.Unflatten<TY>(y));
        }

        /// <summary><see cref="Map(Func{NDArray[], NDArray[]}, NDArray[])"/> of pytrees: <paramref name="f"/> on each slice of
        /// every leaf along its leading axis, the results stacked leaf by leaf.</summary>
        public static TY Map<TX, TY>(Func<TX, TY> f, TX xs) => Scan((object? _, TX x) => ((object?)null, f(x)), (object?)null, xs).Ys;

        /// <summary>The tree structure a traced function returns, fixed by its first trace (or given), and checked on every
        /// later one, so that branches or a loop body that return another structure fail with both named.</summary>
        private sealed class ResultStructure(string op, string what, TreeDef? expected = null)
        {
            private TreeDef? def = expected;

            public NDArray[] Flatten(object? tree)
            {
                var (leaves, d) = TreeUtil.TreeFlatten(tree);
                if (def is null) def = d;
                else if (def != d)
                    throw new ShapeException($"{op}: {what} must return the structure {def}, got {d}");
                return [.. leaves];
            }

            public T Unflatten<T>(NDArray[] leaves) => TreeUtil.TreeUnflatten<T>(def!, leaves);
        }
    }
}
