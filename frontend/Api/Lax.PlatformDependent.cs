using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.platform_dependent: <paramref name="args"/> through the branch named after the platform the computation
        /// runs on ("cpu", "cuda", "vulkan", "tpu-sim", or a plugin's own name), or through
        /// <paramref name="defaultBranch"/> when no branch names it. JAX keeps every branch in the program and picks
        /// one when lowering; JaxNet picks while tracing, which comes to the same because a Jit traces once per
        /// signature and backend: inside Jit the platform is the one the trace is lowered for, eagerly it is that of a
        /// committed argument, else of the default device. As in JAX, every branch is traced (abstractly) and must
        /// return the same number of results with the same shapes and dtypes, so a program that runs on one platform
        /// cannot fail to type-check on another.
        /// </summary>
        /// <exception cref="ArgumentException">A branch without a platform name, or two branches for one platform.</exception>
        /// <exception cref="NotSupportedException">No branch for the platform and no default.</exception>
        /// <exception cref="ShapeException">Branches whose results differ in number, shape or dtype.</exception>
        public static NDArray[] PlatformDependent(NDArray[] args, Func<NDArray[], NDArray[]>? defaultBranch = null,
            params (string Platform, Func<NDArray[], NDArray[]> Branch)[] branches)
        {
            ArgumentNullException.ThrowIfNull(args);
            ArgumentNullException.ThrowIfNull(branches);
            var named = new Dictionary<string, Func<NDArray[], NDArray[]>>();
            foreach (var (platform, branch) in branches)
            {
                if (string.IsNullOrWhiteSpace(platform)) throw new ArgumentException("platform_dependent: a branch needs a platform name", nameof(branches));
                ArgumentNullException.ThrowIfNull(branch, nameof(branches));
                if (!named.TryAdd(platform, branch)) throw new ArgumentException($"platform_dependent: two branches for platform '{platform}'", nameof(branches));
            }
            CheckSameResults(args, [.. named.Select(kv => (kv.Key, kv.Value)), .. defaultBranch is null ? [] : new[] { ("default", defaultBranch) }]);
            var target = PlatformOf(args);
            var chosen = named.GetValueOrDefault(target) ?? defaultBranch ?? throw new NotSupportedException(
                $"platform_dependent: no branch for platform '{target}' (branches: {string.Join(", ", named.Keys)}) and no default");
            return chosen(args);
        }

        /// <summary><see cref="PlatformDependent(NDArray[], Func{NDArray[], NDArray[]}?, ValueTuple{string, Func{NDArray[], NDArray[]}}[])"/>
        /// of one array to one array.</summary>
        public static NDArray PlatformDependent(NDArray x, Func<NDArray, NDArray>? defaultBranch = null,
            params (string Platform, Func<NDArray, NDArray> Branch)[] branches)
        {
            ArgumentNullException.ThrowIfNull(branches);
            return PlatformDependent([x], defaultBranch is null ? null : a => [defaultBranch(a[0])],
                branches.Select(b => (b.Platform, (Func<NDArray[], NDArray[]>)(a => [b.Branch(a[0])]))).ToArray())[0];
        }

        private static string PlatformOf(NDArray[] args) =>
            LoweringPlatform.Current
            ?? args.FirstOrDefault(a => a.IsConcrete && a.Committed)?.Device.Platform
            ?? Device.Default.Platform;

        private static void CheckSameResults(NDArray[] args, (string Name, Func<NDArray[], NDArray[]> Branch)[] branches)
        {
            var avals = args.Select(a => a.Aval).ToArray();
            ShapedArray[]? first = null;
            var firstName = "";
            foreach (var (name, branch) in branches)
            {
                var outs = Tracing.ToJaxpr(branch, avals, "platform_dependent", name).OutAvals.Select(a => a.Strong()).ToArray();
                if (first is null)
                {
                    (first, firstName) = (outs, name);
                    continue;
                }
                if (!outs.SequenceEqual(first))
                    throw new ShapeException($"platform_dependent: the branches must return the same types; '{firstName}' returns " +
                        $"({string.Join(", ", first.Select(o => o.Str()))}) and '{name}' ({string.Join(", ", outs.Select(o => o.Str()))})");
            }
        }
    }
}
