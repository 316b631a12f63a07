using System.Collections.Concurrent;
using Silk.NET.Vulkan;

namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>A compute pipeline with its layouts: <c>Bindings</c> storage buffers in set 0 and a push-constant block.</summary>
internal sealed record ComputePipeline(Pipeline Pipeline, PipelineLayout Layout, DescriptorSetLayout SetLayout,
    ShaderModule Module, int Bindings);

/// <summary>
/// A device's compute pipelines, keyed by the hash of their GLSL, created once and kept for the device's life.
/// A VkPipelineCache lets the driver reuse its own compilation work across pipelines.
/// </summary>
internal sealed unsafe class PipelineStore(Vk vk, Device device) : IDisposable
{
    /// <summary>Every shader declares this many bytes of push constants (the dispatch's base group).</summary>
    public const int PushConstantBytes = 16;

    private readonly ConcurrentDictionary<string, Lazy<ComputePipeline>> pipelines = new();
    private readonly PipelineCache cache = CreateCache(vk, device);

    public int Count => pipelines.Count;

    public ComputePipeline Get(string key, byte[] spirv, int bindings) =>
        pipelines.GetOrAdd(key, _ => new Lazy<ComputePipeline>(() => Create(spirv, bindings))).Value;

    private ComputePipeline Create(byte[] spirv, int bindingCount)
    {
        ShaderModule module;
        fixed (byte* code = spirv)
        {
            var info = new ShaderModuleCreateInfo
            {
                SType = StructureType.ShaderModuleCreateInfo,
                CodeSize = (nuint)spirv.Length,
                PCode = (uint*)code,
            };
            VulkanInstance.Check(vk.CreateShaderModule(device, &info, null, &module), "vkCreateShaderModule");
        }
        var bindings = new DescriptorSetLayoutBinding[Math.Max(bindingCount, 1)];
        for (var i = 0; i < bindingCount; i++)
            bindings[i] = new DescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = DescriptorType.StorageBuffer,
                DescriptorCount = 1,
                StageFlags = ShaderStageFlags.ComputeBit,
            };
        DescriptorSetLayout setLayout;
        fixed (DescriptorSetLayoutBinding* b = bindings)
        {
            var info = new DescriptorSetLayoutCreateInfo
            {
                SType = StructureType.DescriptorSetLayoutCreateInfo,
                BindingCount = (uint)bindingCount,
                PBindings = b,
            };
            VulkanInstance.Check(vk.CreateDescriptorSetLayout(device, &info, null, &setLayout), "vkCreateDescriptorSetLayout");
        }
        var range = new PushConstantRange { StageFlags = ShaderStageFlags.ComputeBit, Offset = 0, Size = PushConstantBytes };
        var layoutInfo = new PipelineLayoutCreateInfo
        {
            SType = StructureType.PipelineLayoutCreateInfo,
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
            PushConstantRangeCount = 1,
            PPushConstantRanges = &range,
        };
        PipelineLayout layout;
        VulkanInstance.Check(vk.CreatePipelineLayout(device, &layoutInfo, null, &layout), "vkCreatePipelineLayout");
        var entry = (byte*)Silk.NET.Core.Native.SilkMarshal.StringToPtr("main");
        try
        {
            var pipelineInfo = new ComputePipelineCreateInfo
            {
                SType = StructureType.ComputePipelineCreateInfo,
                Stage = new PipelineShaderStageCreateInfo
                {
                    SType = StructureType.PipelineShaderStageCreateInfo,
                    Stage = ShaderStageFlags.ComputeBit,
                    Module = module,
                    PName = entry,
                },
                Layout = layout,
            };
            Pipeline pipeline;
            VulkanInstance.Check(vk.CreateComputePipelines(device, cache, 1, &pipelineInfo, null, &pipeline), "vkCreateComputePipelines");
            return new ComputePipeline(pipeline, layout, setLayout, module, bindingCount);
        }
        finally
        {
            Silk.NET.Core.Native.SilkMarshal.Free((nint)entry);
        }
    }

    private static PipelineCache CreateCache(Vk vk, Device device)
    {
        var info = new PipelineCacheCreateInfo { SType = StructureType.PipelineCacheCreateInfo };
        PipelineCache cache;
        VulkanInstance.Check(vk.CreatePipelineCache(device, &info, null, &cache), "vkCreatePipelineCache");
        return cache;
    }

    public void Dispose()
    {
        foreach (var lazy in pipelines.Values)
        {
            if (!lazy.IsValueCreated) continue;
            var p = lazy.Value;
            vk.DestroyPipeline(device, p.Pipeline, null);
            vk.DestroyPipelineLayout(device, p.Layout, null);
            vk.DestroyDescriptorSetLayout(device, p.SetLayout, null);
            vk.DestroyShaderModule(device, p.Module, null);
        }
        pipelines.Clear();
        vk.DestroyPipelineCache(device, cache, null);
    }
}
