using System.Buffers;

namespace Identomat.Sdk.Internal;

/// <summary>An <see cref="IBufferWriter{T}"/> over pooled arrays: writing a body allocates only its final copy.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int WrittenCount => _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>What has been written so far, writable in place.</summary>
    public Span<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public byte[] ToArray() => _buffer.AsSpan(0, _written).ToArray();

    /// <summary>Forgets the last bytes written.</summary>
    public void Truncate(int count) => _written -= count;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
