using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

public sealed partial class NDArray
{
    /// <summary>A flat, row-major copy of the values on the host, converted to T when T is not the array's own type. Waits.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var concrete = Concrete("ToArray");
        if (concrete.LiteralValue is { } s) return [HostData.ValueAs<T>(s)];
        return HostData.Decode<T>(concrete.ReadBytes(), DType, Size);
    }

    /// <summary>The value of a one-element array.</summary>
    public T Item<T>() where T : unmanaged
    {
        if (Size != 1) throw new InvalidOperationException($"Item requires an array of one element, got shape {Shapes.Format(aval.Shape)}");
        return ToArray<T>()[0];
    }

    /// <summary>The values as host scalars of the array's dtype (for printing and tests).</summary>
    internal Scalar[] ToScalars()
    {
        var concrete = Concrete("reading values");
        if (concrete.LiteralValue is { } s) return [s];
        var bytes = concrete.ReadBytes();
        var result = new Scalar[Size];
        for (long i = 0; i < result.Length; i++) result[i] = HostData.Read(bytes, DType, i);
        return result;
    }

    /// <summary>The values' bytes in the array's dtype, row-major (what crosses between processes). Waits.</summary>
    internal byte[] ToBytes()
    {
        var concrete = Concrete("reading bytes");
        if (concrete.LiteralValue is not { } s) return concrete.ReadBytes();
        var bytes = new byte[DType.SizeOf()];
        HostData.Write(bytes, 0, s);
        return bytes;
    }

    private byte[] ReadBytes()
    {
        var d = Stacked() ?? throw new InvalidOperationException("array has no device data");
        var bytes = new byte[Size * DType.SizeOf()];
        if (bytes.Length == 0) return bytes;
        d.Backend.CopyToHost(d.Buffer, 0, bytes, d.Ready.MustAwait() ? [d.Ready] : default).Wait();
        // The copy reads the buffer through its handle: the array (a temporary, say) must not be finalized before.
        GC.KeepAlive(this);
        return bytes;
    }

    /// <summary>The truth of a one-element array (C# <c>if (x &gt; 0)</c>); under Jit, a concretization error.</summary>
    public static bool operator true(NDArray x) => x.Truth();

    public static bool operator false(NDArray x) => !x.Truth();

    private bool Truth()
    {
        var concrete = Concrete("the truth value of an array (operator true/false)");
        if (concrete.Size != 1)
            throw new InvalidOperationException($"The truth value of an array with more than one element is ambiguous (shape {Shapes.Format(aval.Shape)}); use Jnp.Any or Jnp.All");
        return concrete.ToScalars()[0].AsDouble != 0;
    }

    public static explicit operator float(NDArray x) => x.Item<float>();

    public static explicit operator double(NDArray x) => x.Item<double>();

    public static explicit operator int(NDArray x) => x.Item<int>();

    public static explicit operator long(NDArray x) => x.Item<long>();

    public static explicit operator bool(NDArray x) => x.Item<bool>();
}
