using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.example_libraries: the small reference libraries JAX ships beside its core.</summary>
    public static partial class ExampleLibraries
    {
        /// <summary>
        /// jax.example_libraries.optimizers. An <see cref="Optimizer"/> is JAX's triple of functions over a pytree of
        /// parameters (records, tuples, lists, dictionaries of arrays): <see cref="Optimizer.Init{T}"/> makes a state,
        /// <see cref="Optimizer.Update{T}"/> takes a step with gradients of the parameters' structure, and
        /// <see cref="Optimizer.GetParams{T}"/> reads the parameters back. The state is itself a pytree, so a whole
        /// training step can be jitted:
        /// <code>
        /// var opt = Optimizers.Adam(1e-3);
        /// var state = opt.Init(parameters);
        /// var step = Jax.Jit(((NDArray I, Optimizers.OptimizerState&lt;Params&gt; S) a) =&gt;
        ///     opt.Update(a.I, Jax.Grad&lt;Params&gt;(Loss)(opt.GetParams(a.S)), a.S));
        /// for (var i = 0; i &lt; steps; i++) state = step((i, state));
        /// </code>
        /// Pass the step index as an argument of the jitted function, as above: a C# int captured by the lambda is read
        /// once, when the function is traced. Step sizes are a number or a schedule: a function from the step (a scalar
        /// NDArray, traced under Jit) to a scalar step size, such as <see cref="ExponentialDecay"/>.
        /// </summary>
        public static partial class Optimizers
        {
            /// <summary>
            /// An optimizer over pytrees built from one that acts on a single array (JAX's <c>@optimizer</c> decorator):
            /// <paramref name="init"/> makes the state of one parameter array (any pytree, e.g. a tuple of the array and
            /// its moments), <paramref name="update"/> takes (step, gradient, state) to the next state of that array,
            /// and <paramref name="getParams"/> reads the array back. The returned optimizer applies them leaf by leaf.
            /// </summary>
            public static Optimizer MakeOptimizer<TLeafState>(Func<NDArray, TLeafState> init, Func<NDArray, NDArray, TLeafState, TLeafState> update,
                Func<TLeafState, NDArray> getParams)
            {
                ArgumentNullException.ThrowIfNull(init);
                ArgumentNullException.ThrowIfNull(update);
                ArgumentNullException.ThrowIfNull(getParams);
                return new Optimizer(x => init(x), (i, g, s) => update(i, g, (TLeafState)s!), s => getParams((TLeafState)s!));
            }

            /// <summary>
            /// The state of an optimizer for parameters of type <typeparamref name="T"/> (JAX's OptimizerState): for each
            /// parameter leaf, the leaves of its state (<see cref="PackedState"/>) and their structure
            /// (<see cref="SubtreeDefs"/>), and the parameters' structure (<see cref="TreeDef"/>). It is a pytree whose
            /// leaves are the arrays of <see cref="PackedState"/> (the structures are static data), so it passes through
            /// <see cref="Jit{TIn, TOut}"/>, <see cref="Vmap{TIn, TOut}(Func{TIn, TOut}, int, int, string?)"/> and the
            /// tree utilities.
            /// </summary>
            public sealed record OptimizerState<T>(NDArray[][] PackedState, TreeDef TreeDef, TreeDef[] SubtreeDefs);

            /// <summary>
            /// An optimizer: JAX's (init_fun, update_fun, get_params) triple, as methods generic in the parameters' type.
            /// Made by <see cref="Sgd(double)"/>, <see cref="Adam(double, double, double, double)"/> and the others, or by
            /// <see cref="MakeOptimizer{TLeafState}"/>.
            /// </summary>
            public sealed class Optimizer
            {
                private readonly Func<NDArray, object?> init;
                private readonly Func<NDArray, NDArray, object?, object?> update;
                private readonly Func<object?, NDArray> getParams;

                internal Optimizer(Func<NDArray, object?> init, Func<NDArray, NDArray, object?, object?> update, Func<object?, NDArray> getParams)
                {
                    this.init = init;
                    this.update = update;
                    this.getParams = getParams;
                }

                /// <summary>init_fun: the initial state for <paramref name="parameters"/>, a pytree of arrays.</summary>
                public OptimizerState<T> Init<T>(T parameters) where T : notnull
                {
                    var (leaves, def) = TreeUtil.TreeFlatten(parameters);
                    var packed = new NDArray[leaves.Count][];
                    var subtrees = new TreeDef[leaves.Count];
                    for (var k = 0; k < leaves.Count; k++) (packed[k], subtrees[k]) = Flatten(init(leaves[k]));
                    return new OptimizerState<T>(packed, def, subtrees);
                }

                /// <summary>
                /// update_fun: the state after step <paramref name="step"/> (a scalar, traced or not; a C# int converts)
                /// with gradients <paramref name="grads"/>, a pytree of the parameters' structure whose leaves have the
                /// parameters' shapes. The result has the structure of <paramref name="state"/>.
                /// </summary>
                /// <exception cref="ArgumentException">The step is not a numeric scalar, the gradients' structure is not the
                /// parameters', or a gradient's shape is not its parameter's.</exception>
                public OptimizerState<T> Update<T>(NDArray step, T grads, OptimizerState<T> state) where T : notnull
                {
                    ArgumentNullException.ThrowIfNull(step);
                    ArgumentNullException.ThrowIfNull(state);
                    if (step.Ndim != 0 || step.DType == DType.Bool)
                        throw new ArgumentException($"Optimizer.Update: the step must be a numeric scalar; got {step.DType}{Shapes.Format(step.Shape)}", nameof(step));
                    var (gradLeaves, gradDef) = TreeUtil.TreeFlatten(grads);
                    if (gradDef != state.TreeDef)
                        throw new ArgumentException($"Optimizer.Update: the gradient tree {gradDef} does not match the parameter tree {state.TreeDef} " +
                            "the optimizer was initialized with", nameof(grads));
                    var packed = new NDArray[gradLeaves.Count][];
                    for (var k = 0; k < packed.Length; k++)
                    {
                        var leafState = state.SubtreeDefs[k].Unflatten(state.PackedState[k]);
                        var (x, g) = (getParams(leafState), gradLeaves[k]);
                        if (!x.Shape.SequenceEqual(g.Shape))
                            throw new ArgumentException($"Optimizer.Update: gradient leaf {k} has shape {Shapes.Format(g.Shape)}, " +
                                $"its parameter {Shapes.Format(x.Shape)}", nameof(grads));
                        (packed[k], var def) = Flatten(update(step, g, leafState));
                        if (def != state.SubtreeDefs[k])
                            throw new InvalidOperationException($"Optimizer.Update: the update of leaf {k} produced a state {def} " +
                                $"that does not match its input state {state.SubtreeDefs[k]}");
                    }
                    return state with { PackedState = packed };
                }

                /// <summary>get_params: the parameters held by <paramref name="state"/>, with their original structure and type.</summary>
                public T GetParams<T>(OptimizerState<T> state)
                {
                    ArgumentNullException.ThrowIfNull(state);
                    var leaves = state.PackedState.Select((p, k) => getParams(state.SubtreeDefs[k].Unflatten(p)));
                    return TreeUtil.TreeUnflatten<T>(state.TreeDef, leaves);
                }

                private static (NDArray[] Leaves, TreeDef Def) Flatten(object? leafState)
                {
                    var (leaves, def) = TreeUtil.TreeFlatten(leafState);
                    return ([.. leaves], def);
                }
            }
        }
    }
}
