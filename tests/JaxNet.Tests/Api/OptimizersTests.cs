using System.Globalization;
using static JaxNet.Jax.ExampleLibraries.Optimizers;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.example_libraries.optimizers: the first steps of each optimizer against JAX's update formulas evaluated in
/// float64 with NumPy, convergence, schedules, Jit and Vmap of whole training steps, pytree states, bad input.
/// </summary>
public class OptimizersTests
{
    public sealed record Params(NDArray W, NDArray B);

    /// <summary>Step sizes, parameters and gradients of the reference runs (W[:, 2] always has a zero gradient, so
    /// adagrad's and sm3's accumulators stay 0 there).</summary>
    public static readonly TheoryData<string> Names =
        ["Sgd", "Momentum", "Nesterov", "Adagrad", "Rmsprop", "RmspropMomentum", "Adam", "Adamax", "Sm3", "AdamSchedule"];

    public static Optimizer Make(string name) => name switch
    {
        "Sgd" => Sgd(0.1),
        "Momentum" => Momentum(0.1, mass: 0.9),
        "Nesterov" => Nesterov(0.1, mass: 0.9),
        "Adagrad" => Adagrad(0.1),
        "Rmsprop" => Rmsprop(0.1),
        "RmspropMomentum" => RmspropMomentum(0.1),
        "Adam" => Adam(0.1),
        "Adamax" => Adamax(0.1),
        "Sm3" => Sm3(0.1),
        "AdamSchedule" => Adam(i => 0.1 / (1 + i), b1: 0.8, b2: 0.99, eps: 1e-3),
        _ => throw new ArgumentException(name),
    };

    public static Params Initial(DType dtype) =>
        new(Jnp.Array(new double[,] { { 1, -2, 0.5 }, { 0.5, 3, -1 } }, dtype), Jnp.Array(new[] { 0.1, -0.3, 0.7 }, dtype));

    public static Params Gradient(int step, DType dtype) => step switch
    {
        0 => new(Jnp.Array(new double[,] { { 0.5, -1, 0 }, { 0.1, 2, 0 } }, dtype), Jnp.Array(new[] { 0.3, -0.2, 1.0 }, dtype)),
        1 => new(Jnp.Array(new double[,] { { -0.5, -0.5, 0 }, { 0.3, 1.5, 0 } }, dtype), Jnp.Array(new[] { 0.1, 0.4, -1.0 }, dtype)),
        _ => new(Jnp.Array(new double[,] { { 0.2, 1.0, 0 }, { -0.4, -3, 0 } }, dtype), Jnp.Array(new[] { -0.3, 0.0, 0.5 }, dtype)),
    };

    /// <summary>W (row-major) then B after steps 0, 1 and 2 (one line each), from JAX's formulas run in float64 with
    /// NumPy.</summary>
    private const string Reference = """
        Sgd 0.95 -1.9 0.5 0.49 2.8 -1.0 0.07 -0.27999999999999997 0.6
        Sgd 1.0 -1.8499999999999999 0.5 0.45999999999999996 2.65 -1.0 0.060000000000000005 -0.31999999999999995 0.7
        Sgd 0.98 -1.95 0.5 0.5 2.95 -1.0 0.09 -0.31999999999999995 0.6499999999999999
        Momentum 0.95 -1.9 0.5 0.49 2.8 -1.0 0.07 -0.27999999999999997 0.6
        Momentum 0.955 -1.76 0.5 0.45099999999999996 2.4699999999999998 -1.0 0.03300000000000001 -0.302 0.61
        Momentum 0.9395 -1.734 0.5 0.45589999999999997 2.473 -1.0 0.029700000000000004 -0.3218 0.569
        Nesterov 0.905 -1.81 0.5 0.481 2.62 -1.0 0.043 -0.262 0.51
        Nesterov 0.9595 -1.6340000000000001 0.5 0.4159 2.173 -1.0 -0.0003000000000000086 -0.32180000000000003 0.619
        Nesterov 0.92555 -1.7106000000000001 0.5 0.46031 2.4757000000000002 -1.0 0.02672999999999999 -0.33962000000000003 0.5321
        Adagrad 0.99 -1.99 0.5 0.49 2.99 -1.0 0.09000000000000001 -0.29 0.69
        Adagrad 0.9880710678118655 -1.9765278640450004 0.5 0.47151316701949486 2.975 -1.0 0.07783772233983163 -0.28994427190999916 0.6880710678118654
        Adagrad 0.9836133735727853 -1.9710696083521675 0.5 0.4627196627425676 2.9691822127959737 -1.0 0.07377414446179695 -0.2898941166289984 0.6830016955092111
        Rmsprop 0.6837722972286963 -1.683772249794549 0.5 0.18377381511013363 2.683772237936009 -1.0 -0.2162275903348921 0.016227370732871615 0.3837722497945491
        Rmsprop 0.9131880069502373 -1.5363303000501713 0.5 -0.11773737718928856 2.487656104474031 -1.0 -0.3210560164090635 -0.2694868420951447 0.613187977627855
        Rmsprop 0.8206885588306497 -1.7580058438643342 0.5 0.13570138593005482 2.738836283245288 -1.0 -0.0922417019853996 -0.2694868420951447 0.5002494926457823
        RmspropMomentum 0.6837722972286963 -1.683772249794549 0.5 0.18377381511013363 2.683772237936009 -1.0 -0.2162275903348921 0.016227370732871615 0.3837722497945491
        RmspropMomentum 0.6285830744560639 -1.2517253248652656 0.5 -0.4023409435901683 2.203051118616439 -1.0 -0.6056608477104665 0.015117791564439764 0.32858300244294925
        RmspropMomentum 0.4864133258411072 -1.0845586362430732 0.5 -0.6764054633010967 2.0215822900000835 -1.0 -0.7273364649248195 0.014119170312851098 0.16597419484443668
        Adam 0.900000002 -1.900000001 0.5 0.40000000999999896 2.9000000005 -1.0 3.3333332205565114e-09 -0.2000000049999997 0.600000001
        Adam 0.9052631597894736 -1.8067820382981612 0.5 0.30822190220558987 2.801742492910024 -1.0 -0.08710638784280439 -0.23661035654603674 0.6052631588421051
        Adam 0.8917794106685457 -1.7957037312938717 0.5 0.31436200193888175 2.802233408051608 -1.0 -0.09194508485120634 -0.26491026419796376 0.5877906056247223
        Adamax 0.900000002 -1.900000001 0.5 0.400000009999999 2.9000000005 -1.0 3.3333332205565114e-09 -0.20000000499999976 0.600000001
        Adamax 0.9052631597894737 -1.8262420332435074 0.5 0.33157895964912176 2.813070966637625 -1.0 -0.06497725245830428 -0.2289473726973682 0.6052631588421052
        Adamax 0.8938125950626142 -1.816647937398489 0.5 0.33609925473906643 2.813439970326432 -1.0 -0.06903629291340885 -0.2472313388632615 0.5901188634065998
        Sm3 0.99 -1.99 0.5 0.49 2.99 -1.0 0.09000000000000001 -0.29 0.69
        Sm3 0.9880710678118655 -1.9765278640450004 0.5 0.47585504244572474 2.975 -1.0 0.07783772233983163 -0.28994427190999916 0.6880710678118654
        Sm3 0.9836133735727853 -1.9710696083521675 0.5 0.4680482402860503 2.9691822127959737 -1.0 0.07377414446179695 -0.2898941166289984 0.6830016955092111
        AdamSchedule 0.9001996007984032 -1.9000999000999002 0.5 0.40099009900990096 2.900049975012494 -1.0 0.0003322259136212674 -0.20049751243781092 0.6000999000999
        AdamSchedule 0.9057440674207141 -1.8544114188818865 0.5 0.3540881520793033 2.8513314474859373 -1.0 -0.04180096342517278 -0.22148139645080417 0.6056499056499055
        AdamSchedule 0.9018816317612635 -1.8537811662708044 0.5 0.3585151604406457 2.854475641379894 -1.0 -0.04028703473491265 -0.23161111421186392 0.6002837277029064
        """;

    private static double[][] Expected(string name) =>
    [
        .. Reference.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f[0] == name)
            .Select(f => f[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()),
    ];

    /// <summary>Three steps with the fixed gradients, eagerly, each checked against the reference.</summary>
    internal static void CheckFirstSteps(string name, DType dtype, double tol)
    {
        var opt = Make(name);
        var state = opt.Init(Initial(dtype));
        var expected = Expected(name);
        for (var step = 0; step < 3; step++)
        {
            state = opt.Update(step, Gradient(step, dtype), state);
            var p = opt.GetParams(state);
            Expect.Values(expected[step][..6], p.W, dtype, [2, 3], tol);
            Expect.Values(expected[step][6..], p.B, dtype, [3], tol);
            Assert.All(state.PackedState.SelectMany(s => s), leaf => Assert.Equal(dtype, leaf.DType));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void First_steps_follow_jaxs_update_formulas(string name) => CheckFirstSteps(name, DType.Float32, 2e-6);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_jitted_training_step_equals_the_eager_one(string name)
    {
        var opt = Make(name);
        var traces = 0;
        // The gradient depends on the parameters, so that a step that went wrong would show in the next ones.
        NDArray Loss(Params p)
        {
            traces++;
            return Jnp.Sum(Jnp.Square(p.W - 0.25f) * Gradient(0, DType.Float32).W) + Jnp.Sum(Jnp.Power(p.B, 4));
        }
        var step = Jax.Jit(((NDArray I, OptimizerState<Params> S) a) => opt.Update(a.I, Jax.Grad<Params>(Loss)(opt.GetParams(a.S)), a.S));
        var eager = opt.Init(Initial(DType.Float32));
        var jitted = eager;
        for (var i = 0; i < 4; i++)
        {
            eager = opt.Update(i, Jax.Grad<Params>(Loss)(opt.GetParams(eager)), eager);
            jitted = step((i, jitted));
            foreach (var (e, j) in eager.PackedState.SelectMany(s => s).Zip(jitted.PackedState.SelectMany(s => s)))
                Expect.Values(e.ToArray<double>(), j, DType.Float32, e.Shape, 1e-6);
        }
        Assert.Equal(4 + 1, traces);
    }

    private static readonly double[,] Curvature = { { 1, 2, 0.5 }, { 4, 1, 3 } };
    private static readonly double[,] TargetW = { { 0.5, -1, 2 }, { 1.5, 0, -0.5 } };
    private static readonly double[] CurvatureB = [0.5, 2, 1];
    private static readonly double[] TargetB = [1, -2, 0.25];

    private static NDArray Quadratic(Params p) =>
        Jnp.Sum(Jnp.Array(Curvature) * Jnp.Square(p.W - Jnp.Array(TargetW))) + Jnp.Sum(Jnp.Array(CurvatureB) * Jnp.Square(p.B - Jnp.Array(TargetB)));

    public static readonly TheoryData<string> Minimizers =
        ["Sgd", "Momentum", "Nesterov", "Adagrad", "Rmsprop", "RmspropMomentum", "Adam", "Adamax", "Sm3"];

    [Theory]
    [MemberData(nameof(Minimizers))]
    public void Each_optimizer_minimizes_a_quadratic(string name)
    {
        // Step sizes with which JAX's formulas, run in float64, come within 1e-6 of the minimum in 300 steps.
        var opt = name switch
        {
            "Sgd" => Sgd(0.1),
            "Momentum" => Momentum(0.05, 0.9),
            "Nesterov" => Nesterov(0.05, 0.9),
            "Adagrad" => Adagrad(0.5),
            "Rmsprop" => Rmsprop(0.01),
            "RmspropMomentum" => RmspropMomentum(ExponentialDecay(0.005, 30, 0.5)),
            "Adam" => Adam(0.05),
            "Adamax" => Adamax(0.1),
            _ => Sm3(0.5),
        };
        var step = Jax.Jit(((NDArray I, OptimizerState<Params> S) a) => opt.Update(a.I, Jax.Grad<Params>(Quadratic)(opt.GetParams(a.S)), a.S));
        var state = opt.Init(new Params(Jnp.Zeros([2, 3]), Jnp.Zeros([3])));
        for (var i = 0; i < 300; i++) state = step((i, state));
        var p = opt.GetParams(state);
        Expect.Values([.. TargetW.Cast<double>()], p.W, DType.Float32, [2, 3], 1e-4);
        Expect.Values(TargetB, p.B, DType.Float32, [3], 1e-4);
    }

    public sealed record Logistic(NDArray W, NDArray B);

    [Fact]
    public void Adam_fits_a_logistic_regression()
    {
        // 40 points that no line separates; SciPy's BFGS on the same float32 data finds the minimum below.
        var k = Enumerable.Range(0, 40).ToArray();
        var x = Jnp.Array(k.SelectMany(i => new[] { (float)(2 * Math.Cos(0.9 * i + 0.3)), (float)(1.5 * Math.Sin(1.7 * i)) }).ToArray()).Reshape(40, 2);
        var y = Jnp.Array(k.Select(i => 2 * Math.Cos(0.9 * i + 0.3) - 0.75 * Math.Sin(1.7 * i) + 0.8 * Math.Sin(5.3 * i) > 0 ? 1f : 0f).ToArray());
        NDArray Loss(Logistic p)
        {
            var z = Jnp.Matmul(x, p.W) + p.B;
            return Jnp.Mean(Jax.Nn.Softplus(z) - y * z);
        }
        var opt = Adam(0.05);
        var step = Jax.Jit(((NDArray I, OptimizerState<Logistic> S) a) => opt.Update(a.I, Jax.Grad<Logistic>(Loss)(opt.GetParams(a.S)), a.S));
        var state = opt.Init(new Logistic(Jnp.Zeros([2]), Jnp.Zeros([])));
        var start = Loss(opt.GetParams(state)).Item<float>();
        for (var i = 0; i < 500; i++) state = step((i, state));
        var fitted = opt.GetParams(state);
        Assert.Equal(Math.Log(2), start, 1e-6);
        Assert.Equal(0.20620031979768266, Loss(fitted).Item<float>(), 2e-5);
        Expect.Values([2.914335476956117, -0.6172986234774915], fitted.W, DType.Float32, [2], 2e-2);
        Expect.Values([-1.30553037940723], fitted.B, DType.Float32, [], 2e-2);
    }

    [Fact]
    public void Schedules_give_jaxs_step_sizes()
    {
        int[] steps = [0, 1, 5, 10, 25];
        void Check(Func<NDArray, NDArray> schedule, double[] expected)
        {
            var jitted = Jax.Jit(schedule);
            for (var k = 0; k < steps.Length; k++)
            {
                Assert.Equal(expected[k], schedule(steps[k]).Item<float>(), 1e-7);
                Assert.Equal(expected[k], jitted(Jnp.Array(steps[k])).Item<float>(), 1e-7);
            }
        }
        Check(Constant(0.1), [0.1, 0.1, 0.1, 0.1, 0.1]);
        Check(ExponentialDecay(0.1, 10, 0.5), [0.1, 0.09330329915368074, 0.07071067811865477, 0.05, 0.01767766952966369]);
        Check(InverseTimeDecay(0.1, 10, 0.5), [0.1, 0.09523809523809523, 0.08, 0.06666666666666667, 0.044444444444444446]);
        Check(InverseTimeDecay(0.1, 10, 0.5, staircase: true), [0.1, 0.1, 0.1, 0.06666666666666667, 0.05]);
        Check(PolynomialDecay(0.1, 20, 0.01, power: 2), [0.1, 0.091225, 0.060625000000000005, 0.0325, 0.01]);
        Check(PiecewiseConstant([5, 10], [0.1, 0.01, 0.001]), [0.1, 0.1, 0.1, 0.01, 0.001]);
        Check(PiecewiseConstant([], [0.3]), [0.3, 0.3, 0.3, 0.3, 0.3]);
        Check(i => 0.1 / (1 + i), [0.1, 0.05, 0.1 / 6, 0.1 / 11, 0.1 / 26]);
    }

    [Fact]
    public void A_schedule_sets_each_steps_size()
    {
        // sgd with gradient 1 moves by the step size: the sum of the first four piecewise sizes.
        var opt = Sgd(PiecewiseConstant([1, 2], [1, 0.5, 0.25]));
        var state = opt.Init(Jnp.Zeros([]));
        for (var i = 0; i < 4; i++) state = opt.Update(i, Jnp.Ones([]), state);
        Assert.Equal(-(1 + 1 + 0.5 + 0.25), opt.GetParams(state).Item<float>(), 1e-6);
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void Half_precision_parameters_keep_their_dtype_under_a_float32_schedule(DType dtype)
    {
        // The schedule's size is float32; the parameters and every part of the state stay in their own dtype. (Not
        // Adam: as in JAX, its eps of 1e-8 is 0 in float16, and b2 = 0.999 rounds to 1 in bfloat16.)
        var opt = Momentum(ExponentialDecay(0.1, 10, 0.5), 0.9);
        var state = opt.Init(Initial(dtype));
        for (var i = 0; i < 3; i++) state = opt.Update(i, Gradient(i, dtype), state);
        Assert.All(state.PackedState.SelectMany(s => s), leaf => Assert.Equal(dtype, leaf.DType));
        var reference = opt.Init(Initial(DType.Float32));
        for (var i = 0; i < 3; i++) reference = opt.Update(i, Gradient(i, DType.Float32), reference);
        Expect.Values(opt.GetParams(reference).W.ToArray<double>(), opt.GetParams(state).W.Astype(DType.Float32), DType.Float32, [2, 3], 2e-2);
    }

    [Fact]
    public void States_of_tuples_lists_and_dictionaries_keep_their_structure()
    {
        var tuple = (Jnp.Array(new float[] { 1, 2 }), Jnp.Array(3f));
        var list = new List<NDArray> { Jnp.Ones([2, 2]), Jnp.Zeros([1]) };
        var dict = new Dictionary<string, NDArray> { ["w"] = Jnp.Ones([3]), ["b"] = Jnp.Array(0.5f) };
        foreach (var name in Names)
        {
            var opt = Make(name);
            Check(opt, tuple, t => (t.Item1 * 0.5f, t.Item2 * 0.5f));
            Check(opt, list, l => [l[0] * 0.5f, l[1] * 0.5f]);
            Check(opt, dict, d => new Dictionary<string, NDArray> { ["w"] = d["w"] * 0.5f, ["b"] = d["b"] * 0.5f });
        }

        static void Check<T>(Optimizer opt, T parameters, Func<T, T> gradient) where T : notnull
        {
            var state = opt.Init(parameters);
            Assert.Equal(Jax.TreeUtil.TreeStructure(parameters), Jax.TreeUtil.TreeStructure(opt.GetParams(state)));
            Assert.Equal(Jax.TreeUtil.TreeLeaves(parameters).Select(l => l.ToArray<float>()), Jax.TreeUtil.TreeLeaves(opt.GetParams(state)).Select(l => l.ToArray<float>()));
            var step = Jax.Jit(((NDArray I, OptimizerState<T> S) a) => opt.Update(a.I, gradient(opt.GetParams(a.S)), a.S));
            var next = step((0, opt.Update(0, gradient(parameters), state)));
            Assert.Equal(Jax.TreeUtil.TreeStructure(state), Jax.TreeUtil.TreeStructure(next));
            var result = opt.GetParams(next);
            Assert.IsType<T>(result);
            Assert.Equal(Jax.TreeUtil.TreeLeaves(parameters).Select(l => l.Shape), Jax.TreeUtil.TreeLeaves(result).Select(l => l.Shape));
        }
    }

    [Fact]
    public void The_state_is_a_pytree_whose_leaves_are_the_optimizers_arrays()
    {
        var opt = Adam(0.1);
        var state = opt.Init(Initial(DType.Float32));
        var (leaves, def) = Jax.TreeUtil.TreeFlatten(state);
        Assert.Equal(2 * 3, leaves.Count);   // (x, m, v) for W and for B
        var rebuilt = Jax.TreeUtil.TreeUnflatten<OptimizerState<Params>>(def, leaves);
        Assert.Equal(state.TreeDef, rebuilt.TreeDef);
        Assert.Equal(state.SubtreeDefs, rebuilt.SubtreeDefs);
        Assert.Equal("PyTreeDef(Params(W=*, B=*))", state.TreeDef.ToString());
        Assert.Equal("PyTreeDef((*, *, *))", state.SubtreeDefs[0].ToString());
    }

    [Fact]
    public void A_vmapped_update_steps_an_ensemble_member_by_member()
    {
        // Two parameter sets stacked on axis 0: one vmapped update equals two separate ones.
        var opt = Adam(0.1);
        var members = new[] { Initial(DType.Float32), new Params(Initial(DType.Float32).W * 2f, Initial(DType.Float32).B - 1f) };
        var grads = new[] { Gradient(0, DType.Float32), Gradient(1, DType.Float32) };
        var stacked = opt.Init(new Params(Jnp.Stack([members[0].W, members[1].W]), Jnp.Stack([members[0].B, members[1].B])));
        var stackedGrads = new Params(Jnp.Stack([grads[0].W, grads[1].W]), Jnp.Stack([grads[0].B, grads[1].B]));
        var step = Jax.Vmap(((Params G, OptimizerState<Params> S) a) => opt.Update(2, a.G, a.S));
        var batched = opt.GetParams(step((stackedGrads, stacked)));
        for (var m = 0; m < 2; m++)
        {
            var single = opt.GetParams(opt.Update(2, grads[m], opt.Init(members[m])));
            Expect.Values(single.W.ToArray<double>(), batched.W[m], DType.Float32, [2, 3], 1e-6);
            Expect.Values(single.B.ToArray<double>(), batched.B[m], DType.Float32, [3], 1e-6);
        }
    }

    [Fact]
    public void Sm3_keeps_scalar_and_three_dimensional_parameters_in_shape()
    {
        var opt = Sm3(0.1);
        var parameters = (Scalar: Jnp.Array(2f), Cube: Jnp.Arange(24).Astype(DType.Float32).Reshape(2, 3, 4));
        var state = opt.Init(parameters);
        for (var i = 0; i < 2; i++) state = opt.Update(i, (Jnp.Array(1f), Jnp.Ones([2, 3, 4])), state);
        var (scalar, cube) = opt.GetParams(state);
        Assert.Empty(scalar.Shape);
        Assert.Equal([2, 3, 4], cube.Shape);
        // Unit gradients: accumulators 1 then 2, m = 0.1 then 0.1 · 0.9 + 0.1 / √2, each step moves by 0.1 m.
        var moved = 0.1 * 0.1 + 0.1 * (0.9 * 0.1 + 0.1 / Math.Sqrt(2));
        Assert.Equal(2 - moved, scalar.Item<float>(), 1e-6);
        Expect.Values([.. Enumerable.Range(0, 24).Select(v => v - moved)], cube, DType.Float32, [2, 3, 4], 1e-6);
        Assert.Equal([2, 3, 4], state.PackedState[1][2..].Select(v => v.Shape[0]));
    }

    [Fact]
    public void Make_optimizer_lifts_a_one_array_rule_to_pytrees()
    {
        // Sign descent that counts its steps: the state of each leaf is a record of the array and a counter.
        var opt = MakeOptimizer(
            x => new SignState(x, Jnp.Zeros([])),
            (i, g, s) => new SignState(s.X - 0.5f * Jnp.Sign(g), s.Count + 1f),
            s => s.X);
        var state = opt.Init(Initial(DType.Float32));
        state = opt.Update(0, Gradient(0, DType.Float32), state);
        var p = opt.GetParams(state);
        Expect.Values([0.5, -1.5, 0.5, 0, 2.5, -1], p.W, DType.Float32, [2, 3]);
        Expect.Values([-0.4, 0.2, 0.2], p.B, DType.Float32, [3]);
        Assert.Equal(1f, state.PackedState[0][1].Item<float>());
        Assert.Equal("PyTreeDef(SignState(X=*, Count=*))", state.SubtreeDefs[1].ToString());
    }

    public sealed record SignState(NDArray X, NDArray Count);

    [Fact]
    public void L2_norm_and_clip_grads_act_on_whole_trees()
    {
        var g = new Params(Jnp.Array(new float[,] { { 3, 4 } }), Jnp.Array(new float[] { 12 }));
        Assert.Equal(13f, L2Norm(g).Item<float>(), 1e-6);
        Assert.Equal(0f, L2Norm(new List<NDArray>()).Item<float>());
        var clipped = ClipGrads(g, 6.5);
        Expect.Values([1.5, 2], clipped.W, DType.Float32, [1, 2]);
        Expect.Values([6], clipped.B, DType.Float32, [1]);
        var kept = Jax.Jit((Params t) => ClipGrads(t, 20))(g);
        Expect.Values([3, 4], kept.W, DType.Float32, [1, 2]);
        Expect.Values([12], kept.B, DType.Float32, [1]);
        // The norm differentiates like the Euclidean norm: its gradient is g / |g|.
        var dn = Jax.Grad<Params>(t => L2Norm(t))(g);
        Expect.Values([3 / 13.0, 4 / 13.0], dn.W, DType.Float32, [1, 2]);
    }

    [Fact]
    public void Mismatched_gradients_and_bad_arguments_give_clear_errors()
    {
        var opt = Momentum(0.1, 0.9);
        var state = opt.Init(new Dictionary<string, NDArray> { ["w"] = Jnp.Ones([2]), ["b"] = Jnp.Zeros([]) });
        var structure = Assert.Throws<ArgumentException>(() => opt.Update(0, new Dictionary<string, NDArray> { ["w"] = Jnp.Ones([2]), ["c"] = Jnp.Zeros([]) }, state));
        Assert.Contains("Optimizer.Update: the gradient tree PyTreeDef({'c': *, 'w': *}) does not match the parameter tree PyTreeDef({'b': *, 'w': *})", structure.Message);
        var shape = Assert.Throws<ArgumentException>(() => opt.Update(0, new Dictionary<string, NDArray> { ["w"] = Jnp.Ones([3]), ["b"] = Jnp.Zeros([]) }, state));
        Assert.Contains("gradient leaf 1 has shape [3], its parameter [2]", shape.Message);
        Assert.Contains("must be a numeric scalar", Assert.Throws<ArgumentException>(() => opt.Update(Jnp.Array(new[] { 1, 2 }), opt.GetParams(state), state)).Message);
        Assert.Contains("must be a numeric scalar", Assert.Throws<ArgumentException>(() => opt.Update(true, opt.GetParams(state), state)).Message);

        var vectorSchedule = Sgd(i => Jnp.Ones([2]) * 0.1f);
        var bad = Assert.Throws<ArgumentException>(() => vectorSchedule.Update(0, Jnp.Ones([2]), vectorSchedule.Init(Jnp.Ones([2]))));
        Assert.Contains("a step-size schedule must return a scalar; it returned shape [2]", bad.Message);

        Assert.Contains("boundaries must be one shorter than values", Assert.Throws<ArgumentException>(() => PiecewiseConstant([1, 2], [0.1, 0.2])).Message);
        Assert.Contains("decaySteps must be positive", Assert.Throws<ArgumentException>(() => ExponentialDecay(0.1, 0, 0.5)).Message);
        Assert.Contains("decaySteps must be positive", Assert.Throws<ArgumentException>(() => InverseTimeDecay(0.1, -1, 0.5)).Message);
        Assert.Contains("decaySteps must be positive", Assert.Throws<ArgumentException>(() => PolynomialDecay(0.1, 0, 0.01)).Message);

        // A rule whose state changes structure is caught, as JAX's decorator does.
        var growing = MakeOptimizer(x => new List<NDArray> { x }, (i, g, s) => [s[0] - g, g], s => s[0]);
        var error = Assert.Throws<InvalidOperationException>(() => growing.Update(0, Jnp.Ones([]), growing.Init(Jnp.Ones([]))));
        Assert.Contains("does not match its input state", error.Message);
    }
}

/// <summary>The reference runs in float64: the formulas to 1e-12, and float64 states stay float64.</summary>
[Collection(nameof(X64Collection))]
public class OptimizersX64Tests
{
    [Theory]
    [MemberData(nameof(OptimizersTests.Names), MemberType = typeof(OptimizersTests))]
    public void First_steps_match_jaxs_formulas_in_float64(string name)
    {
        var previous = Jax.Config.EnableX64;
        Jax.Config.EnableX64 = true;
        try
        {
            OptimizersTests.CheckFirstSteps(name, DType.Float64, 1e-12);
        }
        finally
        {
            Jax.Config.EnableX64 = previous;
        }
    }
}
