using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// Turns on direct peer access between every pair of the backend's GPUs that support it (NVLink or PCIe P2P), so
/// the peer path's device-to-device copies go straight between devices; without it the driver stages them through
/// host memory, which is slower but also correct. Emulated devices share the host's memory and need nothing.
/// </summary>
internal static class PeerAccess
{
    public static void Enable(IReadOnlyList<CudaDevice> devices)
    {
        if (devices.Count < 2 || devices[0].Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.Cuda) return;
        foreach (var a in devices)
            foreach (var b in devices)
            {
                if (ReferenceEquals(a, b)) continue;
                try
                {
                    if (a.Accelerator.CanAccessPeer(b.Accelerator) && !a.Accelerator.HasPeerAccess(b.Accelerator))
                        a.Accelerator.EnablePeerAccess(b.Accelerator);
                }
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ILGPU.Runtime.Cuda.CudaException)
                {
                    // Peer access is an optimisation: copies stay correct without it.
                }
            }
    }
}
