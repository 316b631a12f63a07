using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The GEMM's operand types and the cuBLAS Ex call's arguments: pure functions, so that only the native
/// call itself is left for a GPU.</summary>
public sealed class GemmArgumentTests
{
    [Theory]
    [InlineData(DType.Float32, DType.Float32, DType.Float32, Precision.Default, DType.Float32, true)]
    [InlineData(DType.Float32, DType.Float32, DType.Float32, Precision.High, DType.Float32, true)]
    [InlineData(DType.Float32, DType.Float32, DType.Float32, Precision.Highest, DType.Float32, false)]
    [InlineData(DType.BFloat16, DType.BFloat16, DType.Float32, Precision.Default, DType.BFloat16, false)]
    [InlineData(DType.Float16, DType.Float16, DType.Float32, Precision.Highest, DType.Float16, false)]
    [InlineData(DType.Float16, DType.BFloat16, DType.Float32, Precision.Default, DType.Float32, true)]
    [InlineData(DType.BFloat16, DType.Float32, DType.Float32, Precision.Highest, DType.Float32, false)]
    [InlineData(DType.Int32, DType.Int32, DType.Float32, Precision.Default, DType.Float32, true)]
    [InlineData(DType.BFloat16, DType.BFloat16, DType.BFloat16, Precision.Default, DType.BFloat16, false)]
    [InlineData(DType.Float32, DType.Float32, DType.BFloat16, Precision.Default, DType.BFloat16, false)]
    [InlineData(DType.Float16, DType.Float16, DType.Float16, Precision.Default, DType.Float16, false)]
    [InlineData(DType.Float32, DType.Float64, DType.Float64, Precision.Default, DType.Float64, false)]
    [InlineData(DType.Int32, DType.Int32, DType.Int32, Precision.Default, DType.Int32, false)]
    [InlineData(DType.UInt8, DType.UInt8, DType.Int64, Precision.Default, DType.Int64, false)]
    public void OperandsArePackedInTheNarrowestTypeHoldingTheirAccumulatorValues(DType lhs, DType rhs, DType accumulator,
        Precision precision, DType input, bool tf32)
    {
        var types = GemmTypes.For(lhs, rhs, accumulator, precision);
        Assert.Equal(new GemmTypes(input, accumulator, tf32), types);
        Assert.Equal(accumulator.IsFloat(), GemmExArguments.Supports(types.Input, types.Output));
    }

    [Fact]
    public void ARowMajorProductIsTheColumnMajorProductOfTheSwappedOperands()
    {
        // C [2 × 3 × 5] = A [2 × 3 × 7] · B [2 × 7 × 5]: cuBLAS computes Cᵀ (5 × 3) = Bᵀ (5 × 7) · Aᵀ (7 × 3).
        var x = GemmExArguments.For(GemmParams.Dense(2, 3, 5, 7, DType.Float32, DType.Float32), allowTf32: false);
        Assert.Equal(new GemmExArguments(CuBlasConstants.OpN, CuBlasConstants.OpN, 5, 3, 7,
            CuBlasConstants.DataR32F, 5, 35, CuBlasConstants.DataR32F, 7, 21, CuBlasConstants.DataR32F, 5, 15,
            2, CuBlasConstants.Compute32F, CuBlasConstants.GemmDefault), x);
        Assert.False(x.DoubleScalars);
    }

    [Fact]
    public void AConvolutionChunkWritesColumnsOfAWiderProduct()
    {
        // 2 groups, 4 filters each, K 9, 3 batches of 10 points per chunk, of 8 batches in all.
        var p = new GemmParams { Batch = 2, M = 4, N = 30, K = 9, LdC = 80, StrideC = 320, Input = DType.BFloat16, Output = DType.Float32 };
        var x = GemmExArguments.For(p, allowTf32: true);
        Assert.Equal((30, 4, 9), (x.M, x.N, x.K));
        Assert.Equal((30, 270L), (x.Lda, x.StrideA));
        Assert.Equal((9, 36L), (x.Ldb, x.StrideB));
        Assert.Equal((80, 320L), (x.Ldc, x.StrideC));
        Assert.Equal((CuBlasConstants.DataR16BF, CuBlasConstants.DataR16BF, CuBlasConstants.DataR32F), (x.AType, x.BType, x.CType));
        // TF32 is a float32-operand mode: bf16 operands compute in plain 32F whatever the precision.
        Assert.Equal(CuBlasConstants.Compute32F, x.ComputeType);
    }

    [Fact]
    public void TransposedOperandsArePassedWithOpTAndTheirOwnLeadingDimensions()
    {
        // A stored as [2, 7, 3] (k × m), B as [2, 5, 7] (n × k).
        var p = GemmParams.Dense(2, 3, 5, 7, DType.Float16, DType.Float32) with { TransA = 1, TransB = 1 };
        var x = GemmExArguments.For(p, allowTf32: false);
        Assert.Equal((CuBlasConstants.OpT, CuBlasConstants.OpT), (x.TransA, x.TransB));
        Assert.Equal((5, 3, 7), (x.M, x.N, x.K));
        Assert.Equal((7, 35L), (x.Lda, x.StrideA));
        Assert.Equal((3, 21L), (x.Ldb, x.StrideB));
        Assert.Equal((5, 15L), (x.Ldc, x.StrideC));
        var onlyA = GemmExArguments.For(p with { TransB = 0 }, allowTf32: false);
        Assert.Equal((CuBlasConstants.OpN, CuBlasConstants.OpT, 5, 3), (onlyA.TransA, onlyA.TransB, onlyA.Lda, onlyA.Ldb));
    }

    [Theory]
    [InlineData(DType.Float32, DType.Float32, true, CuBlasConstants.Compute32FFastTf32, false)]
    [InlineData(DType.Float32, DType.Float32, false, CuBlasConstants.Compute32F, false)]
    [InlineData(DType.Float16, DType.Float16, true, CuBlasConstants.Compute32F, false)]
    [InlineData(DType.Float64, DType.Float64, true, CuBlasConstants.Compute64F, true)]
    public void TheComputeTypeFollowsTheOperandsAndPrecision(DType input, DType output, bool tf32, int compute, bool doubles)
    {
        var x = GemmExArguments.For(GemmParams.Dense(1, 4, 4, 4, input, output), tf32);
        Assert.Equal(compute, x.ComputeType);
        Assert.Equal(doubles, x.DoubleScalars);
        Assert.Equal(GemmExArguments.DataType(output), x.CType);
    }

    [Fact]
    public void LeadingDimensionsStayPositiveForEmptyMatrices()
    {
        var x = GemmExArguments.For(GemmParams.Dense(1, 0, 0, 0, DType.Float32, DType.Float32), false);
        Assert.Equal((1, 1, 1), (x.Lda, x.Ldb, x.Ldc));
    }

    [Fact]
    public void IntegersHaveNoCuBlasType()
    {
        Assert.False(GemmExArguments.Supports(DType.Int32, DType.Int32));
        Assert.False(GemmExArguments.Supports(DType.Float32, DType.BFloat16));
        Assert.Throws<NotSupportedException>(() => GemmExArguments.DataType(DType.Int32));
    }

    [Fact]
    public void TheDataAndComputeTypeValuesAreNvidias()
    {
        // library_types.h and cublas_api.h (CUDA 11 to 13).
        Assert.Equal((0, 1, 2, 14), (CuBlasConstants.DataR32F, CuBlasConstants.DataR64F, CuBlasConstants.DataR16F, CuBlasConstants.DataR16BF));
        Assert.Equal((68, 70, 77, -1), (CuBlasConstants.Compute32F, CuBlasConstants.Compute64F, CuBlasConstants.Compute32FFastTf32, CuBlasConstants.GemmDefault));
    }

    [Fact]
    public void DevicesNameTheirGemm()
    {
        using var backend = CudaPlugin.Emulated(0.1, 1);
        Assert.Equal(CudaDevice.GemmPath(null), backend.Devices[0].Attributes["gemm"]);
        Assert.StartsWith("ilgpu", CudaDevice.GemmPath(null), StringComparison.Ordinal);
    }
}
