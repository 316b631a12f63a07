using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Codegen;
using JaxNet.Backends.Vulkan.Compiler;
using JaxNet.Backends.Vulkan.Driver;
using JaxNet.Backends.Vulkan.Launch;
using Xunit;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// Float controls: which DenormPreserve modes a device allows, that the compiled SPIR-V declares them (and
/// SignedZeroInfNanPreserve) exactly when the target says so, and the device attributes that report it.
/// </summary>
public sealed class FloatControlsTests
{
    private const int OpCapability = 17;
    private const int OpExecutionMode = 16;

    [Fact]
    public void IndependenceDecidesWhichWidthsMayBeDeclared()
    {
        var f32Only = new FloatControls(FloatWidths.Float32, FloatWidths.None, DenormIndependence.None);
        Assert.Equal(FloatWidths.None, f32Only.DeclarableDenormPreserve);
        Assert.Equal(FloatWidths.Float32, (f32Only with { DenormIndependence = DenormIndependence.Float32Only }).DeclarableDenormPreserve);
        var noF16 = new FloatControls(FloatWidths.Float32 | FloatWidths.Float64, FloatWidths.None, DenormIndependence.Float32Only);
        Assert.Equal(FloatWidths.Float32, noF16.DeclarableDenormPreserve);
        Assert.Equal(FloatWidths.Float32 | FloatWidths.Float64, (noF16 with { DenormIndependence = DenormIndependence.All }).DeclarableDenormPreserve);
        var all = new FloatControls(FloatWidths.All, FloatWidths.All, DenormIndependence.None);
        Assert.Equal(FloatWidths.All, all.DeclarableDenormPreserve);
    }

    [Fact]
    public void DevicesShareOnlyWhatEveryOneAllows()
    {
        var nvidiaLike = new FloatControls(FloatWidths.All, FloatWidths.All, DenormIndependence.All);
        var lavapipeLike = new FloatControls(FloatWidths.None, FloatWidths.All, DenormIndependence.All);
        var common = FloatControls.Common([nvidiaLike, lavapipeLike]);
        Assert.Equal(FloatWidths.None, common.DeclarableDenormPreserve);
        Assert.Equal(FloatWidths.All, common.SignedZeroInfNanPreserve);
        Assert.Equal(FloatWidths.All, FloatControls.Common([nvidiaLike, nvidiaLike]).DeclarableDenormPreserve);
    }

    [VulkanFact]
    public void SpirvDeclaresDenormPreserveWhereTheDeviceAllowsIt()
    {
        var preserving = ShaderTarget.Minimal with { DenormPreserve = FloatWidths.Float32 | FloatWidths.Float64, SignedZeroInfNanPreserve = FloatWidths.All };
        var modes = ExecutionModes(Compile(preserving));
        Assert.Contains((FloatControlModes.DenormPreserveMode, 32), modes);
        Assert.Contains((FloatControlModes.DenormPreserveMode, 64), modes);
        Assert.DoesNotContain((FloatControlModes.DenormPreserveMode, 16), modes);
        Assert.Contains((FloatControlModes.SignedZeroInfNanPreserveMode, 32), modes);
        Assert.Contains(FloatControlModes.DenormPreserveCapability, Capabilities(Compile(preserving)));

        AssertValid(Compile(preserving));

        var flushing = ShaderTarget.Minimal;
        Assert.True(flushing.FlushesFloat32Subnormals);
        Assert.DoesNotContain(ExecutionModes(Compile(flushing)), m => m.Mode == FloatControlModes.DenormPreserveMode);
        Assert.DoesNotContain(FloatControlModes.DenormPreserveCapability, Capabilities(Compile(flushing)));
    }

    [VulkanFact]
    public void DeviceAttributesSayWhetherSubnormalsArePreserved()
    {
        var backend = (VulkanBackend)VulkanAvailability.Backend;
        var expected = backend.Target.FlushesFloat32Subnormals ? "flush" : "preserve";
        Assert.All(backend.Devices, d => Assert.Equal(expected, d.Attributes[PhysicalDeviceInfo.Float32DenormalsAttribute]));
        Assert.Equal(expected, backend.Capabilities.Attributes[PhysicalDeviceInfo.Float32DenormalsAttribute]);
    }

    /// <summary>Runs spirv-val (SPIRV-Tools) on the module where it is installed; drivers get only valid SPIR-V.</summary>
    private static void AssertValid(uint[] words)
    {
        if (GlslCompiler.FindOnPath("spirv-val") is not { } validator) return;
        var file = Path.Combine(Path.GetTempPath(), $"jaxnet-float-controls-{Environment.ProcessId}.spv");
        File.WriteAllBytes(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()).ToArray());
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(validator, ["--target-env", "vulkan1.2", file])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = System.Diagnostics.Process.Start(info)!;
            var errors = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The SPIR-V words of an elementwise f32 multiply compiled for <paramref name="target"/>.</summary>
    private static uint[] Compile(ShaderTarget target)
    {
        var backend = (VulkanBackend)VulkanAvailability.Backend;
        var compiler = new ModuleCompiler(backend.Capabilities, target, backend.Glsl, uint.MaxValue);
        var p = new ScalarProgramBuilder();
        var r = p.Binary(BinaryOp.Mul, p.Load(0, DType.Float32), p.Load(0, DType.Float32));
        int[] shape = [16];
        var kernel = new ElementwiseKernel("square", shape, [ModuleRunner.Contiguous(0, DType.Float32, shape)], p.Build(r), [1]);
        var module = new KernelModule("float_controls", [new BufferDecl(0, BufferRole.Parameter, 64), new BufferDecl(1, BufferRole.Result, 64)],
            [kernel], [0], [1]);
        using var exe = compiler.Compile(module, CompileOptions.Default);
        var spirv = exe.Passes.OfType<CompiledShader>().Single().Spirv;
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(spirv).ToArray();
    }

    /// <summary>The (instruction operands) of every instruction with <paramref name="opcode"/>, after the 5-word header.</summary>
    private static IEnumerable<uint[]> Instructions(uint[] words, int opcode)
    {
        for (var i = 5; i < words.Length;)
        {
            var count = (int)(words[i] >> 16);
            if ((words[i] & 0xFFFF) == opcode) yield return words[(i + 1)..(i + count)];
            i += Math.Max(count, 1);
        }
    }

    private static List<(int Mode, int Width)> ExecutionModes(uint[] words) =>
        Instructions(words, OpExecutionMode).Where(o => o.Length >= 3).Select(o => ((int)o[1], (int)o[2])).ToList();

    private static List<int> Capabilities(uint[] words) => Instructions(words, OpCapability).Select(o => (int)o[0]).ToList();
}
