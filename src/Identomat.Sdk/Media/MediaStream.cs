using System.Security.Cryptography;

namespace Identomat.Sdk.Media;

/// <summary>
/// A media body read by the caller over a <see cref="TimedReadStream"/> (each read bounded in time). At most
/// <see cref="IdentomatClientOptions.MaxMediaBytes"/> bytes are handed out, and never more than declared. Unsigned, the
/// body streams through, never buffered. Signed, the body is hashed as it passes and its signature verified as soon as
/// the declared length has been read or the stream ends, whichever comes first; and its first 16 MiB are read ahead
/// before any byte is handed out, so a body that fits in them (every image) is handed out only once verified. A longer
/// body (a video) streams on and is verified at its end: a caller keeps nothing of it until then. Every failure is an
/// <see cref="IdentomatException"/>, it closes the connection, and every later read throws it again: a failure never
/// turns into a clean end of stream.
/// </summary>
internal sealed class MediaStream(
    TimedReadStream inner, IncrementalHash[]? hashes, string? signature, long? declaredLength, long maxBytes, string operation)
    : Internal.ReadOnlyStream
{
    /// <summary>How much of a signed body is read and checked before any of it is handed out.</summary>
    private const int VerifiedAheadBytes = 16 * 1024 * 1024;

    private readonly TimedReadStream _inner = inner;
    private readonly IncrementalHash[]? _hashes = hashes;
    private readonly string? _signature = signature;
    private readonly string _operation = operation;
    private readonly long? _declaredLength = declaredLength;
    private readonly long _maxBytes = maxBytes;
    private long _seen;
    private bool _verified;
    private Exception? _failure;
    private MemoryStream? _ahead;

    /// <summary>The account of the client that opened the stream, for its exceptions.</summary>
    public string? Account { get; set; }

    /// <summary>A media body as the caller reads it: checked in length and signature, each read bounded in time.</summary>
    public static MediaStream Open(
        Stream body, IncrementalHash[]? hashes, string? signature, long? declaredLength, long maxBytes, string operation, TimeSpan readTimeout,
        CancellationToken callerToken) =>
        new(new TimedReadStream(body, operation, readTimeout, callerToken), hashes, signature, declaredLength, maxBytes, operation);

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfDisposed();
        ThrowIfFailed();
        if (count == 0)
        {
            // A zero-byte read (allowed by the Stream contract) is not the end of the stream.
            return 0;
        }

        try
        {
            if (_hashes is not null && _ahead is null)
            {
                ReadAhead();
            }

            return _ahead is { } ahead && ahead.Position < ahead.Length
                ? ahead.Read(buffer, offset, count)
                : Seen(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));
        }
        catch (IdentomatException ex) when (!ReferenceEquals(ex, _failure))
        {
            throw Fail(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(new Memory<byte>(buffer, offset, count), cancellationToken).AsTask();

#if NET8_0_OR_GREATER
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
#else
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
#endif
    {
        ThrowIfDisposed();
        ThrowIfFailed();
        if (buffer.Length == 0)
        {
            // A zero-byte read (allowed by the Stream contract) is not the end of the stream.
            return 0;
        }

        try
        {
            if (_hashes is not null && _ahead is null)
            {
                await ReadAheadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_ahead is { } ahead && ahead.Position < ahead.Length)
            {
                var count = (int)Math.Min(buffer.Length, ahead.Length - ahead.Position);
                ahead.GetBuffer().AsSpan((int)ahead.Position, count).CopyTo(buffer.Span);
                ahead.Position += count;
                return count;
            }

            var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Seen(buffer.Span.Slice(0, read));
        }
        catch (IdentomatException ex) when (!ReferenceEquals(ex, _failure))
        {
            throw Fail(ex);
        }
    }

    /// <summary>Reads a signed body's first bytes, checked, before any is handed out (see the summary).</summary>
    private void ReadAhead()
    {
        _ahead = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        do
        {
            read = Seen(chunk.AsSpan(0, _inner.Read(chunk, 0, AheadRoom(chunk.Length))));
            _ahead.Write(chunk, 0, read);
        }
        while (read > 0 && !AheadFull);
        _ahead.Position = 0;
    }

    private async Task ReadAheadAsync(CancellationToken cancellationToken)
    {
        _ahead = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        do
        {
            read = Seen(chunk.AsSpan(0, await _inner.ReadAsync(chunk.AsMemory(0, AheadRoom(chunk.Length)), cancellationToken).ConfigureAwait(false)));
            _ahead.Write(chunk, 0, read);
        }
        while (read > 0 && !AheadFull);
        _ahead.Position = 0;
    }

    private int AheadRoom(int chunk) => (int)Math.Min(chunk, VerifiedAheadBytes - _ahead!.Length);

    /// <summary>The read-ahead is over: the buffer is full, or the declared length (verified then) was reached.</summary>
    private bool AheadFull => _ahead!.Length >= VerifiedAheadBytes || (_declaredLength is { } declared && _seen >= declared);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ahead?.Dispose();
            _inner.Dispose();
            foreach (var hash in _hashes ?? [])
            {
                hash.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private int Seen(ReadOnlySpan<byte> bytes)
    {
        var read = bytes.Length;
        if (read > 0)
        {
            _seen += read;
            if (_seen > _maxBytes)
            {
                // Counted on what would be handed out: the bytes past the limit never are.
                throw Fail(new IdentomatApiException(
                    $"Identomat {_operation}: the media is larger than MaxMediaBytes ({_maxBytes}); discard what was read.",
                    _operation, System.Net.HttpStatusCode.OK, errorCode: null, attempts: 1, responseBodyExcerpt: null));
            }

            if (_declaredLength is { } limit && _seen > limit)
            {
                // More than declared (a chunked body with a Content-Length, an appended chunk): those bytes were never
                // covered by a check, so they are not handed out.
                var message = $"Identomat {_operation}: the media is longer than the {limit} bytes declared; discard what was read.";
                throw Fail(_hashes is null
                    ? new IdentomatApiException(message, _operation, System.Net.HttpStatusCode.OK, errorCode: null, attempts: 1, responseBodyExcerpt: null)
                    : new IdentomatSignatureException(message, _operation));
            }

            foreach (var hash in _hashes ?? [])
            {
#if NET8_0_OR_GREATER
                hash.AppendData(bytes);
#else
                hash.AppendData(bytes.ToArray());
#endif
            }

            if (_declaredLength is { } declared && _seen >= declared)
            {
                Verify();
            }
        }
        else
        {
            if (_declaredLength is { } declared && _seen < declared)
            {
                throw Fail(new IdentomatApiException(
                    $"Identomat {_operation}: the media ended after {_seen} of the {declared} bytes declared; discard what was read.",
                    _operation, System.Net.HttpStatusCode.OK, errorCode: null, attempts: 1, responseBodyExcerpt: null));
            }

            Verify();
        }

        return read;
    }

    private void Verify()
    {
        if (_hashes is null || _verified)
        {
            return;
        }

        _verified = true;
        var matched = false;
        foreach (var hash in _hashes)
        {
            matched |= RequestSigner.Matches(_signature, hash.GetHashAndReset());
        }

        if (!matched)
        {
            throw Fail(new IdentomatSignatureException(
                $"Identomat {_operation}: the media's signature is {(_signature is null ? "missing" : "wrong")}; discard what was read.", _operation));
        }
    }

    /// <summary>Records a failure, every later read throws it; the connection is closed, not drained for reuse.</summary>
    private IdentomatException Fail(IdentomatException failure)
    {
        failure.SetAccount(Account);
        _failure = failure;
        _inner.Dispose();
        return failure;
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw _failure;
        }
    }
}
