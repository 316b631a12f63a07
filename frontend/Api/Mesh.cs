namespace JaxNet;

/// <summary>
/// jax.sharding.Mesh of one named axis: the devices a <see cref="Jax.ShardMap(Func{NDArray[], NDArray[]}, Mesh, PartitionSpec[], PartitionSpec[])"/>
/// runs on, in the order their blocks are laid out. JaxNet's meshes have one axis (collectives over
/// <see cref="AxisName"/> reach every device of the mesh); JAX's may have several.
/// </summary>
public sealed class Mesh
{
    public Mesh(IReadOnlyList<Device> devices, string axisName)
    {
        if (devices.Count == 0) throw new ArgumentException("a mesh needs at least one device", nameof(devices));
        if (devices.Distinct().Count() != devices.Count) throw new ArgumentException("a mesh holds each device once", nameof(devices));
        if (string.IsNullOrWhiteSpace(axisName)) throw new ArgumentException("a mesh axis needs a name", nameof(axisName));
        Devices = devices.ToArray();
        AxisName = axisName;
    }

    public IReadOnlyList<Device> Devices { get; }

    public string AxisName { get; }

    /// <summary>Devices along the axis.</summary>
    public int Size => Devices.Count;

    public override string ToString() => $"Mesh('{AxisName}': {Size})";
}
