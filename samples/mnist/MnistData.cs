using System.Buffers.Binary;
using System.IO.Compression;

namespace JaxNet.Samples.Mnist;

/// <summary>MNIST digits in LeCun's IDX format (gzip): images as floats in [0, 1], labels as ints.</summary>
public sealed record MnistData(float[] Images, int[] Labels, int Count, int Rows, int Columns)
{
    public int Pixels => Rows * Columns;

    /// <summary>Reads an images file (magic 2051) and a labels file (magic 2049); both may be gzipped.</summary>
    public static MnistData Load(string imagesPath, string labelsPath)
    {
        var images = ReadAll(imagesPath);
        var labels = ReadAll(labelsPath);
        if (ReadInt(images, 0) != 2051) throw new InvalidDataException($"{imagesPath}: not an IDX image file (magic {ReadInt(images, 0)})");
        if (ReadInt(labels, 0) != 2049) throw new InvalidDataException($"{labelsPath}: not an IDX label file (magic {ReadInt(labels, 0)})");
        int count = ReadInt(images, 4), rows = ReadInt(images, 8), columns = ReadInt(images, 12);
        if (ReadInt(labels, 4) != count) throw new InvalidDataException($"{count} images but {ReadInt(labels, 4)} labels");
        var pixels = rows * columns;
        if (images.Length < 16 + (long)count * pixels || labels.Length < 8 + count)
            throw new InvalidDataException("IDX file shorter than its header says");
        var x = new float[count * pixels];
        for (var i = 0; i < x.Length; i++) x[i] = images[16 + i] / 255f;
        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = labels[8 + i];
            if (y[i] > 9) throw new InvalidDataException($"label {y[i]} at {i} is not a digit");
        }
        return new MnistData(x, y, count, rows, columns);
    }

    /// <summary>The first <paramref name="count"/> examples and the rest (the files are shuffled, so any prefix holds every class).</summary>
    public (MnistData Head, MnistData Tail) Split(int count) =>
        (Slice(0, count), Slice(count, Count - count));

    public MnistData Slice(int start, int count) => this with
    {
        Images = Images.AsSpan(start * Pixels, count * Pixels).ToArray(),
        Labels = Labels.AsSpan(start, count).ToArray(),
        Count = count,
    };

    private static byte[] ReadAll(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static int ReadInt(byte[] data, int offset) =>
        data.Length >= offset + 4 ? BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset)) : throw new InvalidDataException("IDX header truncated");
}
