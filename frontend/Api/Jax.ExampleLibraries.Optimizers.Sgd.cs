namespace JaxNet;

public static partial class Jax
{
    public static partial class ExampleLibraries
    {
        public static partial class Optimizers
        {
            /// <summary>sgd: <c>x ← x − η(i) g</c>; the state of each parameter is the parameter itself.</summary>
            public static Optimizer Sgd(Func<NDArray, NDArray> stepSize)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => x, (i, g, x) => x - StepSize(stepSize, i, x) * g, x => x);
            }

            /// <summary>sgd with a constant step size.</summary>
            public static Optimizer Sgd(double stepSize) => Sgd(Constant(stepSize));

            /// <summary>momentum: <c>v ← mass · v + g</c>, <c>x ← x − η(i) v</c>; the state is (x, v), v starting at 0.</summary>
            public static Optimizer Momentum(Func<NDArray, NDArray> stepSize, double mass)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, Velocity: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var velocity = mass * s.Velocity + g;
                    return (s.X - StepSize(stepSize, i, s.X) * velocity, velocity);
                }, s => s.X);
            }

            /// <summary>momentum with a constant step size.</summary>
            public static Optimizer Momentum(double stepSize, double mass) => Momentum(Constant(stepSize), mass);

            /// <summary>nesterov: <c>v ← mass · v + g</c>, <c>x ← x − η(i) (mass · v + g)</c>; the state is (x, v).</summary>
            public static Optimizer Nesterov(Func<NDArray, NDArray> stepSize, double mass)
            {
                ArgumentNullException.ThrowIfNull(stepSize);
                return MakeOptimizer(x => (X: x, Velocity: Jnp.ZerosLike(x)), (i, g, s) =>
                {
                    var velocity = mass * s.Velocity + g;
                    return (s.X - StepSize(stepSize, i, s.X) * (mass * velocity + g), velocity);
                }, s => s.X);
            }

            /// <summary>nesterov with a constant step size.</summary>
            public static Optimizer Nesterov(double stepSize, double mass) => Nesterov(Constant(stepSize), mass);
        }
    }
}
