using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>Geometry of kernels that work on lines along one axis: line l starts at
/// <c>(l / Inner) * Inner * Length + l % Inner</c> and steps by <c>Inner</c>.</summary>
internal struct LineParams
{
    public long Lines;
    public int Length;
    public long Inner;
    public DType Input;
    public DType Output;
    public int Reverse;
    public int Operands;
    public int Keys;
    public int Descending;

    /// <summary>Scans: elements per chunk, and chunks per line.</summary>
    public int Chunk;
    public int Chunks;

    public readonly long Start(long line)
    {
        var outer = IndexMath.Divide(line, Inner);
        return outer * Inner * Length + (line - outer * Inner);
    }

    public static LineParams For(int[] shape, int axis)
    {
        long inner = 1;
        for (var d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        long lines = 1;
        for (var d = 0; d < shape.Length; d++) if (d != axis) lines *= shape[d];
        return new LineParams { Lines = lines, Length = shape.Length == 0 ? 1 : shape[axis], Inner = inner };
    }
}
