using JaxNet.Conformance.Numerics;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Ops.Indexing;
using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Api;

/// <summary>
/// The indexing family's wider <c>x.At[idx]</c> methods (Subtract, Divide, Power, Apply) and reads with a fill value:
/// the reference on hand-worked cases with repeated and out-of-range indices, the same programs on cpu, and the
/// generator emitting every method.
/// </summary>
[Collection(nameof(X64Collection))]
public class FuzzIndexingMethodsTests
{
    private static RefArray Floats(params double[] values) =>
        RefArray.Exact(new TensorType(DType.Float32, [values.Length]), values.Select(v => Scalar.FromDouble(DType.Float32, v)).ToArray());

    private static RefArray Ints(params long[] values) =>
        RefArray.Exact(new TensorType(DType.Int32, [values.Length]), values.Select(v => Scalar.FromInteger(DType.Int32, v)).ToArray());

    private static readonly NumpyIndexEntry[] ByArray = [new(NumpyIndexKind.Array)];

    private static FuzzProgram Program(FuzzOp op, params RefArray[] inputs)
    {
        var type = op.ResultType(inputs.Select(x => x.Type).ToArray());
        return new FuzzProgram(inputs, [new FuzzNode(op, Enumerable.Range(0, inputs.Length).ToArray(), type)], [inputs.Length]);
    }

    private static double[] Reference(FuzzProgram program) =>
        HostInterpreter.Run(program, NumericsModel.Ieee)[program.Outputs[0]].Values.Select(v => v.Float).ToArray();

    public static TheoryData<AtMethod, double[]> Cases => new()
    {
        // x = [8, 20, 30], index [0, 0, 2, 7] (7 is out of range and drops), values [2, 2, 3, 100].
        { AtMethod.Subtract, [4, 20, 27] },
        { AtMethod.Divide, [2, 20, 10] },
        { AtMethod.Power, [4096, 20, 27000] },
        { AtMethod.Min, [2, 20, 3] },
        { AtMethod.Max, [8, 20, 30] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RepeatedIndicesCombineAsJaxDoesAndTheCpuBackendAgrees(AtMethod method, double[] expected)
    {
        var program = Program(new IndexUpdateFuzzOp(ByArray, method), Floats(8, 20, 30), Ints(0, 0, 2, 7), Floats(2, 2, 3, 100));
        Assert.Equal(expected, Reference(program));
        var result = FuzzCheck.Run(program, FuzzAssert.On("cpu"));
        Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared > 0, result.Message);
    }

    [Fact]
    public void ApplyActsOnceOnEachElementNamed()
    {
        var program = Program(new IndexUpdateFuzzOp(ByArray, AtMethod.Apply, UnaryOp.Neg), Floats(8, 20, 30), Ints(1, 1, -1, 5));
        Assert.Equal([8, -20, -30], Reference(program));
        Assert.Equal(CheckOutcome.Passed, FuzzCheck.Run(program, FuzzAssert.On("cpu", RunMode.Eager)).Outcome);
        Assert.Contains(".Apply(v => Lax.Neg(v))", program.Render());
    }

    [Fact]
    public void AFillReadGivesTheFillValueOutOfRange()
    {
        var filled = Program(new IndexGetFuzzOp(ByArray, fill: true, fillValue: 9), Floats(8, 20, 30), Ints(0, 3, -1, -4));
        Assert.Equal([8, 9, 30, 9], Reference(filled));
        Assert.Equal(CheckOutcome.Passed, FuzzCheck.Run(filled, FuzzAssert.On("cpu")).Outcome);
        var nan = Program(new IndexGetFuzzOp(ByArray, fill: true), Floats(8, 20, 30), Ints(2, 3));
        Assert.True(double.IsNaN(Reference(nan)[1]));
        Assert.Equal(CheckOutcome.Passed, FuzzCheck.Run(nan, FuzzAssert.On("cpu")).Outcome);
        // A clamped read (no fill) takes the nearest element instead.
        Assert.Equal([8, 30, 30, 8], Reference(Program(new IndexGetFuzzOp(ByArray), Floats(8, 20, 30), Ints(0, 3, -1, -4))));
    }

    [Fact]
    public void DivideAndPowerTakeFloatsOnly()
    {
        var ints = RefArray.Exact(new TensorType(DType.Int32, [3]), [.. Enumerable.Repeat(Scalar.FromInteger(DType.Int32, 1), 3)]);
        Assert.ThrowsAny<ArgumentException>(() => Program(new IndexUpdateFuzzOp(ByArray, AtMethod.Divide), ints, Ints(0), Ints(2)));
        Assert.ThrowsAny<ArgumentException>(() => Program(new IndexUpdateFuzzOp(ByArray, AtMethod.Apply, UnaryOp.IsFinite), Floats(1), Ints(0)));
    }

    [Fact]
    public void TheIndexingFamilyEmitsEveryMethodAndFillReads()
    {
        var text = string.Join("\n", Enumerable.Range(1, 200).Select(s => FuzzFamily.Indexing.Generate(s, FuzzOptions.For("cpu")).Render()));
        foreach (var method in new[] { ".Set(", ".Add(", ".Subtract(", ".Multiply(", ".Divide(", ".Power(", ".Min(", ".Max(", ".Apply(v => ", ".Get(TakeMode.Fill" })
            Assert.Contains(method, text);
    }
}
