using JaxNet.Parallel;

namespace JaxNet;

/// <summary>
/// jax.sharding.Mesh: devices laid out on named axes, the grid a
/// <see cref="Jax.ShardMap(Func{NDArray[], NDArray[]}, Mesh, PartitionSpec[], PartitionSpec[])"/> runs on.
/// <c>new Mesh(devices, [2, 4], ["data", "model"])</c> is JAX's <c>Mesh(devices.reshape(2, 4), ('data', 'model'))</c>:
/// <see cref="Devices"/> in row-major order, so device <c>d * 4 + m</c> sits at ('data' d, 'model' m). A collective
/// over one axis combines the devices that differ only along it.
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
        if (positions != devices.Count)
            throw new ArgumentException($"a mesh of shape ({string.Join(", ", shape)}) holds {positions} devices, but {devices.Count} were given", nameof(devices));
        if (devices.Select(d => d.Backend).Distinct().Count() > 1)
            throw new ArgumentException($"a mesh's devices belong to one backend ({string.Join(", ", devices)})", nameof(devices));
        Devices = devices.ToArray();
        Grid = new AxisGrid(axisNames, shape);
    }

    /// <summary>The devices in row-major order of the axes.</summary>
    public IReadOnlyList<Device> Devices { get; }

    public IReadOnlyList<string> AxisNames => Grid.Names;

    /// <summary>Devices along each axis (JAX's mesh.axis_sizes).</summary>
    public IReadOnlyList<int> AxisSizes => Grid.Sizes;

    /// <summary>Devices in all.</summary>
    public int Size => Devices.Count;

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
            return Devices[index];
        }
    }

    internal AxisGrid Grid { get; }

    /// <summary>The position of axis <paramref name="axisName"/>; errors name <paramref name="what"/>.</summary>
    internal int IndexOf(string axisName, string what)
    {
        var index = Grid.Names.ToList().IndexOf(axisName);
        return index >= 0 ? index : throw new ArgumentException($"{what}: axis '{axisName}' is not in {this}");
    }

    /// <summary>As JAX prints a mesh: <c>Mesh('data': 2, 'model': 4)</c>.</summary>
    public override string ToString() => "Mesh" + Grid;
}
