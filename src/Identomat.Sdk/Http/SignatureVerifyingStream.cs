using System.Security.Cryptography;

namespace Identomat.Sdk.Http;

/// <summary>
/// Streams a signed response body through to the caller while hashing it; at the end of the stream, a missing or
/// wrong signature throws <see cref="IdentomatSignatureException"/>. Nothing is buffered.
/// </summary>
internal sealed class SignatureVerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash;
    private readonly string? _signature;
    private readonly string _operation;
    private bool _verified;

    public SignatureVerifyingStream(Stream inner, IncrementalHash hash, string? signature, string operation)
    {
        _inner = inner;
        _hash = hash;
        _signature = signature;
        _operation = operation;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Seen(buffer, offset, _inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Seen(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

#if NET8_0_OR_GREATER
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            _hash.AppendData(buffer.Span.Slice(0, read));
        }
        else
        {
            Finish();
        }

        return read;
    }

#endif
    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Seen(byte[] buffer, int offset, int read)
    {
        if (read > 0)
        {
            _hash.AppendData(buffer, offset, read);
        }
        else
        {
            Finish();
        }

        return read;
    }

    private void Finish()
    {
        if (!_verified)
        {
            _verified = true;
            if (!RequestSigner.Matches(_signature, _hash.GetHashAndReset()))
            {
                throw new IdentomatSignatureException($"Identomat {_operation}: the media's signature is {(_signature is null ? "missing" : "wrong")}; discard what was read.", _operation);
            }
        }
    }
}
