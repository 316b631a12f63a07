using System.Security.Cryptography;
using System.Text;
using JaxNet.Distributed;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Distributed
    {
        /// <summary>
        /// multihost_utils.process_allgather: every process's <paramref name="x"/> (of one shape and dtype in all of
        /// them), stacked along a new leading axis in rank order, on this process's default device. A collective call:
        /// every process makes it. Without <see cref="Initialize"/>, x with a leading axis of one.
        /// </summary>
        public static NDArray ProcessAllgather(NDArray x)
        {
            var concrete = x.Concrete("ProcessAllgather");
            var aval = concrete.Aval.Strong();
            var group = ProcessGroups.Current;
            if (group is null) return Lax.Reshape(concrete, [1, .. aval.Shape]);
            // Shapes and dtypes first, so that a mismatch is an error on every process rather than misread bytes.
            var signature = $"{aval.DType}[{string.Join(",", aval.Shape)}]";
            var mine = SHA256.HashData(Encoding.UTF8.GetBytes(signature))[..SignatureBytes];
            var all = group.AllGather(mine);
            for (var r = 0; r < group.Size; r++)
                if (!all.AsSpan(r * SignatureBytes, SignatureBytes).SequenceEqual(mine))
                    throw new DistributedException($"ProcessAllgather: process {r} passed another shape or dtype than process {group.Rank}'s " +
                        $"{signature}; every process passes the same");
            var values = group.AllGather(concrete.ToBytes());
            return NDArray.FromDevice(Device.Default.Upload(values), aval.WithShape([group.Size, .. aval.Shape]));
        }

        /// <summary>multihost_utils.broadcast_one_to_all: process 0's <paramref name="x"/> on every process (a seed, or
        /// initial parameters, made the same everywhere). A collective call: every process makes it.</summary>
        public static NDArray BroadcastOneToAll(NDArray x) => ProcessAllgather(x)[0];

        // Bytes of a signature's hash compared across processes.
        private const int SignatureBytes = 8;
    }
}
