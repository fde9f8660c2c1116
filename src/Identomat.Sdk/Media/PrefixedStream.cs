namespace Identomat.Sdk.Media;

/// <summary>A stream whose first bytes were already read (to look at them): those bytes, then the rest of the stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : Internal.ReadOnlyStream
{
    private readonly byte[] _prefix = prefix;
    private readonly Stream _inner = inner;
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) =>
        _position < _prefix.Length ? FromPrefix(buffer.AsSpan(offset, count)) : _inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _position < _prefix.Length ? Task.FromResult(FromPrefix(buffer.AsSpan(offset, count))) : _inner.ReadAsync(buffer, offset, count, cancellationToken);

#if NET8_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _position < _prefix.Length ? new ValueTask<int>(FromPrefix(buffer.Span)) : _inner.ReadAsync(buffer, cancellationToken);
#endif

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int FromPrefix(Span<byte> buffer)
    {
        ThrowIfDisposed();
        var count = Math.Min(buffer.Length, _prefix.Length - _position);
        _prefix.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
