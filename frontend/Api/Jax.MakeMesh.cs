namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.make_mesh: a <see cref="Mesh"/> of <paramref name="axisShapes"/> named <paramref name="axisNames"/> over
    /// <paramref name="devices"/> (by default the default backend's, <see cref="Devices"/>), which must number exactly
    /// as many as the shape has positions. <c>Jax.MakeMesh([2, 4], ["data", "model"])</c> needs eight devices (the cpu
    /// backend shows them with JAXNET_CPU_DEVICES=8). In a distributed run the shape may count every process's devices
    /// (<see cref="DeviceCount"/>): the mesh then spans the processes (see <see cref="Mesh"/>).
    /// </summary>
    public static Mesh MakeMesh(int[] axisShapes, string[] axisNames, IReadOnlyList<Device>? devices = null)
    {
        devices ??= Devices();
        var positions = axisShapes.Aggregate(1L, (a, b) => a * b);
        if (positions != devices.Count && positions != (long)devices.Count * ProcessCount())
            throw new ArgumentException($"make_mesh: a mesh of shape ({string.Join(", ", axisShapes)}) needs {positions} devices, but " +
                $"{devices.Count} are available ({string.Join(", ", devices)}); the cpu backend shows more with JAXNET_CPU_DEVICES", nameof(devices));
        return new Mesh(devices, axisShapes, axisNames);
    }
}
