using JaxNet.Backends.Vulkan.Driver;
using JaxNet.Backends.Vulkan.Memory;
using JaxNet.Backends.Vulkan.Streams;
using Silk.NET.Vulkan;

namespace JaxNet.Backends.Vulkan.Launch;

/// <summary>
/// Records one launch of an executable into a command buffer: per shader pass a descriptor set (from a pool
/// made for this launch and destroyed when the GPU has finished it), the pipeline, the push constants and the
/// dispatch (split over two dimensions past the device's group-count limit); per copy pass a vkCmdCopyBuffer;
/// a full memory barrier after every pass, since each pass may read what the previous one wrote.
/// </summary>
internal static unsafe class LaunchRecorder
{
    public static void Record(VulkanDevice device, VulkanExecutable exe, VulkanBuffer[] buffers, CommandBuffer cmd, List<Action> cleanups)
    {
        var vk = device.Vk;
        var shaders = exe.Passes.OfType<CompiledShader>().ToList();
        var pool = default(DescriptorPool);
        if (shaders.Count > 0)
        {
            var size = new DescriptorPoolSize
            {
                Type = DescriptorType.StorageBuffer,
                DescriptorCount = (uint)Math.Max(1, shaders.Sum(s => s.Pass.Bindings.Count)),
            };
            var info = new DescriptorPoolCreateInfo
            {
                SType = StructureType.DescriptorPoolCreateInfo,
                MaxSets = (uint)shaders.Count,
                PoolSizeCount = 1,
                PPoolSizes = &size,
            };
            VulkanInstance.Check(vk.CreateDescriptorPool(device.Handle, &info, null, &pool), "vkCreateDescriptorPool");
            var owned = pool;
            cleanups.Add(() => vk.DestroyDescriptorPool(device.Handle, owned, null));
        }
        foreach (var pass in exe.Passes)
        {
            switch (pass)
            {
                case CompiledCopy copy:
                    RecordCopy(vk, cmd, buffers[copy.Pass.Source], copy.Pass.SourceOffset, buffers[copy.Pass.Destination],
                        copy.Pass.DestinationOffset, copy.Pass.Bytes);
                    break;
                case CompiledShader shader:
                    RecordDispatch(device, shader, buffers, pool, cmd);
                    break;
            }
            DeviceStream.FullBarrier(vk, cmd);
        }
    }

    public static void RecordCopy(Vk vk, CommandBuffer cmd, VulkanBuffer src, long srcOffset, VulkanBuffer dst, long dstOffset, long bytes)
    {
        if (bytes <= 0) return;
        var region = new BufferCopy
        {
            SrcOffset = (ulong)(src.Offset + srcOffset),
            DstOffset = (ulong)(dst.Offset + dstOffset),
            Size = (ulong)bytes,
        };
        vk.CmdCopyBuffer(cmd, src.Block!.Buffer, dst.Block!.Buffer, 1, &region);
    }

    private static void RecordDispatch(VulkanDevice device, CompiledShader shader, VulkanBuffer[] buffers, DescriptorPool pool, CommandBuffer cmd)
    {
        var vk = device.Vk;
        var pass = shader.Pass;
        if (pass.Groups == 0) return;
        var pipeline = device.Pipelines.Get(shader.Key, shader.Spirv, pass.Bindings.Count);
        var layout = pipeline.SetLayout;
        var alloc = new DescriptorSetAllocateInfo
        {
            SType = StructureType.DescriptorSetAllocateInfo,
            DescriptorPool = pool,
            DescriptorSetCount = 1,
            PSetLayouts = &layout,
        };
        DescriptorSet set;
        VulkanInstance.Check(vk.AllocateDescriptorSets(device.Handle, &alloc, &set), "vkAllocateDescriptorSets");
        var count = pass.Bindings.Count;
        var infos = stackalloc DescriptorBufferInfo[Math.Max(count, 1)];
        var writes = stackalloc WriteDescriptorSet[Math.Max(count, 1)];
        for (var i = 0; i < count; i++)
        {
            var buffer = buffers[pass.Bindings[i]];
            if (buffer.Block is null) buffer = device.Placeholder;
            infos[i] = new DescriptorBufferInfo
            {
                Buffer = buffer.Block!.Buffer,
                Offset = (ulong)buffer.Offset,
                Range = (ulong)Math.Min(buffer.ByteSize, device.Info.MaxStorageBufferRange),
            };
            writes[i] = new WriteDescriptorSet
            {
                SType = StructureType.WriteDescriptorSet,
                DstSet = set,
                DstBinding = (uint)i,
                DescriptorCount = 1,
                DescriptorType = DescriptorType.StorageBuffer,
                PBufferInfo = &infos[i],
            };
        }
        if (count > 0) vk.UpdateDescriptorSets(device.Handle, (uint)count, writes, 0, null);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Compute, pipeline.Pipeline);
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Compute, pipeline.Layout, 0, 1, &set, 0, null);
        var push = stackalloc uint[4];
        for (var i = 0; i < 3; i++) push[i] = pass.Push[i];
        push[3] = checked((uint)pass.Groups);
        vk.CmdPushConstants(cmd, pipeline.Layout, ShaderStageFlags.ComputeBit, 0, PipelineStore.PushConstantBytes, push);
        var maxX = Math.Max(1u, device.Info.MaxWorkGroupCountX);
        var x = (uint)Math.Min(pass.Groups, maxX);
        var y = (uint)((pass.Groups + x - 1) / x);
        vk.CmdDispatch(cmd, x, y, 1);
    }
}
