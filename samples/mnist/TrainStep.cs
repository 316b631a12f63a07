namespace JaxNet.Samples.Mnist;

/// <summary>
/// One training step: loss and gradients, then SGD with momentum (v = m v + g; p = p - lr v). The learning rate is
/// an argument, so the schedule does not retrace.
/// </summary>
public static class TrainStep
{
    private const string Batch = "batch";

    /// <summary>The step on one device, traced once and compiled into a few fused kernels.</summary>
    public static Func<(Mlp Params, Mlp Velocity, NDArray X, NDArray Y, NDArray Lr), (Mlp Params, Mlp Velocity, NDArray Loss)> Jitted(float momentum) =>
        Jax.Jit(((Mlp Params, Mlp Velocity, NDArray X, NDArray Y, NDArray Lr) s) =>
        {
            var (loss, grads) = Jax.ValueAndGrad<Mlp>(Mlp.Loss)(s.Params, s.X, s.Y);
            var (p, v) = Update(s.Params, s.Velocity, grads, s.Lr, momentum);
            return (Params: p, Velocity: v, Loss: loss);
        });

    /// <summary>
    /// The step split over every device of every process (data parallelism with Jax.Pmap): each member computes the
    /// gradient of its share of the batch, pmean averages the gradients over all members, and every member applies
    /// the same update, so the replicas stay equal. The parameters and velocity are replicated (<see cref="Replicate"/>):
    /// one copy per local device, mapped along axis 0, and they come back the same way, so a step copies no
    /// parameters. The step takes this process's part of the batch.
    /// </summary>
    public static Func<(Mlp Params, Mlp Velocity, NDArray X, NDArray Y, NDArray Lr), (Mlp Params, Mlp Velocity, NDArray Loss)> DataParallel(float momentum)
    {
        var local = Jax.Devices().Count;
        var pmapped = Jax.Pmap(((Mlp Params, Mlp Velocity, NDArray X, NDArray Y, NDArray Lr) s) =>
        {
            var (loss, grads) = Jax.ValueAndGrad<Mlp>(Mlp.Loss)(s.Params, s.X, s.Y);
            grads = Jax.TreeUtil.TreeMap(g => Jax.Lax.Pmean(g, Batch), grads);
            var (p, v) = Update(s.Params, s.Velocity, grads, s.Lr, momentum);
            return (Params: p, Velocity: v, Loss: Jax.Lax.Pmean(loss, Batch));
        }, Batch, inAxes: [0, 0, 0, 0, null]);
        return s =>
        {
            var (n, pixels) = (s.X.Shape[0], s.X.Shape[1]);
            var result = pmapped((s.Params, s.Velocity, s.X.Reshape([local, n / local, pixels]), s.Y.Reshape([local, n / local]), s.Lr));
            return (result.Params, result.Velocity, result.Loss[0]);
        };
    }

    /// <summary>A copy of every leaf on each local device, stacked along a new axis 0 (Jax.DevicePutReplicated).</summary>
    public static Mlp Replicate(Mlp parameters) => Jax.TreeUtil.TreeMap(x => Jax.DevicePutReplicated(x, Jax.Devices()), parameters);

    /// <summary>The first device's replica (x[0] of a pmap's result is that device's row, not a copy).</summary>
    public static Mlp FirstReplica(Mlp replicated) => Jax.TreeUtil.TreeMap(x => x[0], replicated);

    /// <summary>The largest difference between the replicas' parameters (summed per replica) over every device of every
    /// process: 0 when they agree.</summary>
    public static float ReplicaSpread(Mlp replicated)
    {
        var spread = Jax.Pmap((Mlp p) =>
        {
            var total = Jax.TreeUtil.TreeLeaves(p).Aggregate(Jnp.Array(0f), (sum, leaf) => sum + Jnp.Sum(Jnp.Abs(leaf)));
            return Jax.Lax.Pmax(total, Batch) - Jax.Lax.Pmin(total, Batch);
        }, Batch)(replicated);
        return spread[0].Item<float>();
    }

    private static (Mlp Params, Mlp Velocity) Update(Mlp parameters, Mlp velocity, Mlp grads, NDArray lr, float momentum)
    {
        var v = Jax.TreeUtil.TreeMap((vi, gi) => vi * momentum + gi, velocity, grads);
        var p = Jax.TreeUtil.TreeMap((pi, vi) => pi - lr * vi, parameters, v);
        return (p, v);
    }
}
