using JaxNet.Abstractions;
using JaxNet.Backends.Vulkan.Driver;
using JaxNet.Backends.Vulkan.Launch;

namespace JaxNet.Backends.Vulkan.Memory;

/// <summary>
/// Copies between the host and device arrays, and between arrays. With unified memory (arrays host-visible) a
/// copy is a memcpy: done at once when the device's stream is idle, else queued as a host operation that runs
/// in stream order. Otherwise data is staged through host-visible memory and moved with vkCmdCopyBuffer.
/// </summary>
internal static class Transfers
{
    public static DeviceEvent ToDevice(VulkanDevice device, ReadOnlySpan<byte> source, VulkanBuffer dst, long offset,
        ReadOnlySpan<DeviceEvent> waitFor)
    {
        if (source.Length == 0) return DeviceEvent.Completed;
        if (device.DirectHostAccess)
        {
            // Idle stream: nothing issued can still touch the array, so copy now (the common eager case).
            if (device.Stream.IsIdle && AllDone(waitFor))
            {
                source.CopyTo(dst.HostSpan(offset, source.Length));
                return DeviceEvent.Completed;
            }
            var copy = source.ToArray();
            return device.Stream.SubmitHost(waitFor, () => copy.CopyTo(dst.HostSpan(offset, copy.Length)));
        }
        var staging = device.Allocate(device.Staging, source.Length);
        source.CopyTo(staging.HostSpan(0, source.Length));
        var bytes = source.Length;
        var e = device.Stream.SubmitGpu(waitFor, (cmd, _) =>
            LaunchRecorder.RecordCopy(device.Vk, cmd, staging, 0, dst, offset, bytes));
        device.Stream.ReleaseAfterIssued(() => device.Staging.Release(staging));
        return e;
    }

    public static DeviceEvent ToHost(VulkanDevice device, VulkanBuffer src, long offset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor)
    {
        var bytes = destination.Length;
        if (bytes == 0) return DeviceEvent.Completed;
        if (device.DirectHostAccess)
        {
            if (device.Stream.IsIdle && AllDone(waitFor))
            {
                src.HostSpan(offset, bytes).CopyTo(destination.Span);
                return DeviceEvent.Completed;
            }
            return device.Stream.SubmitHost(waitFor, () => src.HostSpan(offset, bytes).CopyTo(destination.Span));
        }
        var staging = device.Allocate(device.Staging, bytes);
        device.Stream.SubmitGpu(waitFor, (cmd, _) => LaunchRecorder.RecordCopy(device.Vk, cmd, src, offset, staging, 0, bytes));
        var e = device.Stream.SubmitHost([], () => staging.HostSpan(0, bytes).CopyTo(destination.Span));
        device.Stream.ReleaseAfterIssued(() => device.Staging.Release(staging));
        return e;
    }

    public static DeviceEvent Between(VulkanDevice from, VulkanBuffer src, long srcOffset, VulkanDevice to, VulkanBuffer dst,
        long dstOffset, long bytes, ReadOnlySpan<DeviceEvent> waitFor)
    {
        if (bytes == 0) return DeviceEvent.Completed;
        if (from == to)
            return from.Stream.SubmitGpu(waitFor, (cmd, _) => LaunchRecorder.RecordCopy(from.Vk, cmd, src, srcOffset, dst, dstOffset, bytes));
        // Across devices: through host memory, ordered on both streams.
        var buffer = new byte[checked((int)bytes)];
        var read = ToHost(from, src, srcOffset, buffer, waitFor);
        if (to.DirectHostAccess)
            return to.Stream.SubmitHost([read], () => buffer.CopyTo(dst.HostSpan(dstOffset, buffer.Length)));
        var staging = to.Allocate(to.Staging, bytes);
        to.Stream.SubmitHost([read], () => buffer.CopyTo(staging.HostSpan(0, buffer.Length)));
        var e = to.Stream.SubmitGpu([], (cmd, _) => LaunchRecorder.RecordCopy(to.Vk, cmd, staging, 0, dst, dstOffset, bytes));
        to.Stream.ReleaseAfterIssued(() => to.Staging.Release(staging));
        return e;
    }

    private static bool AllDone(ReadOnlySpan<DeviceEvent> events)
    {
        foreach (var e in events)
            if (!e.IsCompleted) return false;
        foreach (var e in events) e.Wait();
        return true;
    }
}
