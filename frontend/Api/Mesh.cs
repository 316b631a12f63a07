using JaxNet.Distributed;
using JaxNet.Parallel;

namespace JaxNet;

/// <summary>
/// jax.sharding.Mesh: devices laid out on named axes, the grid a
/// <see cref="Jax.ShardMap(Func{NDArray[], NDArray[]}, Mesh, PartitionSpec[], PartitionSpec[])"/> runs on.
/// <c>new Mesh(devices, [2, 4], ["data", "model"])</c> is JAX's <c>Mesh(devices.reshape(2, 4), ('data', 'model'))</c>:
/// <see cref="Devices"/> in row-major order, so device <c>d * 4 + m</c> sits at ('data' d, 'model' m). A collective
/// over one axis combines the devices that differ only along it.
/// In a distributed run (<see cref="Jax.Distributed.Initialize"/>) a mesh may span the processes: given this process's
/// devices and a shape of every process's (<see cref="Jax.DeviceCount"/>), process p holds the positions p·L to
/// p·L + L − 1 of its L devices, in rank order as a pmap axis does. They must form a block of the mesh (with 2 processes
/// of 2 devices, <c>new Mesh(Jax.Devices(), [2, 2], ["hosts", "local"])</c> gives each process a row), and
/// <see cref="Jax.ShardMap(Func{NDArray[], NDArray[]}, Mesh, PartitionSpec[], PartitionSpec[])"/> then takes and
/// returns each process's block of every array.
/// </summary>
public sealed class Mesh
{
    /// <summary>A mesh of one axis over <paramref name="devices"/>, in that order.</summary>
    public Mesh(IReadOnlyList<Device> devices, string axisName)
        : this(devices, [devices.Count], [axisName])
    {
    }

    /// <summary>A mesh of <paramref name="shape"/>, one name per axis, over <paramref name="devices"/> in row-major
    /// order (as many as the shape has positions).</summary>
    public Mesh(IReadOnlyList<Device> devices, int[] shape, string[] axisNames)
    {
        if (devices.Count == 0) throw new ArgumentException("a mesh needs at least one device", nameof(devices));
        if (devices.Distinct().Count() != devices.Count) throw new ArgumentException("a mesh holds each device once", nameof(devices));
        if (shape.Length != axisNames.Length)
            throw new ArgumentException($"a mesh of shape ({string.Join(", ", shape)}) needs {shape.Length} axis names, got {axisNames.Length}", nameof(axisNames));
        if (shape.Length == 0) throw new ArgumentException("a mesh needs at least one axis", nameof(shape));
        if (axisNames.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a mesh axis needs a name", nameof(axisNames));
        if (axisNames.Distinct().Count() != axisNames.Length)
            throw new ArgumentException($"mesh axis names ({string.Join(", ", axisNames)}) name an axis twice", nameof(axisNames));
        if (shape.Any(s => s < 1)) throw new ArgumentException($"mesh axes have at least one device each, not ({string.Join(", ", shape)})", nameof(shape));
        var positions = shape.Aggregate(1L, (a, b) => a * b);
        var processes = ProcessGroups.Current is { Size: > 1 } group ? group : null;
        var spans = processes is not null && positions != devices.Count && positions == (long)devices.Count * processes.Size;
        if (positions != devices.Count && !spans)
            throw new ArgumentException($"a mesh of shape ({string.Join(", ", shape)}) holds {positions} devices, but {devices.Count} were given" +
                (processes is null ? "" : $" ({processes.Size} processes of {devices.Count} make {devices.Count * processes.Size})"), nameof(devices));
        if (devices.Select(d => d.Backend).Distinct().Count() > 1)
            throw new ArgumentException($"a mesh's devices belong to one backend ({string.Join(", ", devices)})", nameof(devices));
        Devices = devices.ToArray();
        Grid = new AxisGrid(axisNames, shape);
        FirstPosition = spans ? processes!.Rank * devices.Count : 0;
        LocalAxisSizes = LocalBlock(shape, devices.Count) ?? throw new ArgumentException(
            $"a mesh of shape ({string.Join(", ", shape)}) over {processes?.Size} processes of {devices.Count} devices: each process's devices, " +
            "consecutive positions, must form a block of the mesh (the trailing axes whole and the one before them cut evenly)", nameof(shape));
    }

    /// <summary>The extent along each axis of <paramref name="local"/> consecutive positions starting at a multiple of it,
    /// or null when they are not a block: each axis from the last is whole while the count allows, the next is cut evenly,
    /// and those before it have one position.</summary>
    private static int[]? LocalBlock(int[] shape, int local)
    {
        var extents = Enumerable.Repeat(1, shape.Length).ToArray();
        var remaining = local;
        for (var a = shape.Length - 1; a >= 0 && remaining > 1; a--)
        {
            if (remaining >= shape[a] ? remaining % shape[a] != 0 : shape[a] % remaining != 0) return null;
            extents[a] = Math.Min(remaining, shape[a]);
            remaining /= extents[a];
        }
        return remaining == 1 ? extents : null;
    }

    /// <summary>This process's devices in row-major order of the axes (every device, unless the mesh spans processes).</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>Whether the mesh's positions are held by several processes, this one's from <see cref="FirstPosition"/>.</summary>
    public bool SpansProcesses => Grid.Size != Devices.Count;

    public IReadOnlyList<string> AxisNames => Grid.Names;

    /// <summary>Devices along each axis (JAX's mesh.axis_sizes).</summary>
    public IReadOnlyList<int> AxisSizes => Grid.Sizes;

    /// <summary>Devices in all (of every process, when the mesh spans processes).</summary>
    public int Size => Grid.Size;

    /// <summary>Devices along the axis <paramref name="axisName"/>.</summary>
    public int AxisSize(string axisName) => Grid.Sizes[IndexOf(axisName, "mesh axis size")];

    /// <summary>The device at one position per axis.</summary>
    public Device this[params int[] coordinates]
    {
        get
        {
            if (coordinates.Length != AxisSizes.Count)
                throw new ArgumentException($"{this} has {AxisSizes.Count} axes, but {coordinates.Length} coordinates were given", nameof(coordinates));
            var index = 0;
            for (var a = 0; a < coordinates.Length; a++)
            {
                if (coordinates[a] < 0 || coordinates[a] >= AxisSizes[a])
                    throw new ArgumentOutOfRangeException(nameof(coordinates), $"{this}: position {coordinates[a]} is outside axis '{AxisNames[a]}'");
                index = index * AxisSizes[a] + coordinates[a];
            }
            var local = index - FirstPosition;
            return local >= 0 && local < Devices.Count ? Devices[local]
                : throw new ArgumentOutOfRangeException(nameof(coordinates), $"{this}: position ({string.Join(", ", coordinates)}) is a device of process {index / Devices.Count}");
        }
    }

    internal AxisGrid Grid { get; }

    /// <summary>The row-major position of this process's first device.</summary>
    internal int FirstPosition { get; }

    /// <summary>The extent along each axis of this process's block of the mesh (<see cref="AxisSizes"/> unless the mesh
    /// spans processes): the shape of the blocks a shard_map's arguments and results are cut into here.</summary>
    internal IReadOnlyList<int> LocalAxisSizes { get; }

    /// <summary>The position of axis <paramref name="axisName"/>; errors name <paramref name="what"/>.</summary>
    internal int IndexOf(string axisName, string what)
    {
        var index = Grid.Names.ToList().IndexOf(axisName);
        return index >= 0 ? index : throw new ArgumentException($"{what}: axis '{axisName}' is not in {this}");
    }

    /// <summary>As JAX prints a mesh: <c>Mesh('data': 2, 'model': 4)</c>.</summary>
    public override string ToString() => "Mesh" + Grid;
}
