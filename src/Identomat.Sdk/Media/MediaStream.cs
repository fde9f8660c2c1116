using System.Security.Cryptography;
using Identomat.Sdk.Http;

namespace Identomat.Sdk.Media;

/// <summary>
/// A media body streamed through to the caller, never buffered. Each read waits at most
/// <see cref="IdentomatClientOptions.MediaReadTimeout"/> for bytes (a stalled or dripping server fails with
/// <see cref="IdentomatTimeoutException"/>) and ends when the token given to <c>GetMediaAsync</c> is canceled. At most
/// <see cref="IdentomatClientOptions.MaxMediaBytes"/> bytes are handed out. With signing on, the body is hashed as it
/// passes and its signature verified as soon as the declared length has been read or the stream ends, whichever comes
/// first: a caller that reads exactly <c>Length</c> bytes still sees a forged body rejected. Every failure is an
/// <see cref="IdentomatException"/> (a reset connection or a cut chunk included), it closes the connection rather than
/// draining it, and every later read throws it again: a failure never turns into a clean end of stream.
/// </summary>
internal sealed class MediaStream : Internal.ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly IncrementalHash[]? _hashes;
    private readonly string? _signature;
    private readonly string _operation;
    private readonly long? _declaredLength;
    private readonly long _maxBytes;
    private readonly TimeSpan _readTimeout;
    private readonly CancellationToken _callerToken;
    private long _seen;
    private bool _verified;
    private Exception? _failure;

    public MediaStream(Stream inner, IncrementalHash[]? hashes, string? signature, long? declaredLength, long maxBytes, string operation, TimeSpan readTimeout, CancellationToken callerToken)
    {
        _inner = inner;
        _hashes = hashes;
        _signature = signature;
        _declaredLength = declaredLength;
        _maxBytes = maxBytes;
        _operation = operation;
        _readTimeout = readTimeout;
        _callerToken = callerToken;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfDisposed();
        ThrowIfFailed();
        if (count == 0)
        {
            // A zero-byte read (allowed by the Stream contract) is not the end of the stream.
            return 0;
        }

        _callerToken.ThrowIfCancellationRequested();

        // A synchronous read cannot take a token: on timeout (or the caller's cancellation) the inner stream is
        // disposed, which ends the pending read.
        var timedOut = false;
        using var timer = new CancellationTokenSource(_readTimeout);
        using var onTimeout = timer.Token.Register(() => { timedOut = true; _inner.Dispose(); });
        using var onCancel = _callerToken.Register(() => _inner.Dispose());
        int read;
        try
        {
            read = _inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (timedOut)
        {
            throw Fail(TimedOut(ex));
        }
        catch (Exception) when (_callerToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(_callerToken);
        }
        catch (Exception ex)
        {
            throw Fail(Broken(ex));
        }

        // An inner stream that ends quietly when disposed must not turn a timeout or a cancellation into a clean end.
        if (read == 0 && timedOut)
        {
            throw Fail(TimedOut(new TimeoutException()));
        }

        if (read == 0)
        {
            _callerToken.ThrowIfCancellationRequested();
        }

        return Seen(buffer.AsSpan(offset, read), read);
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

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callerToken);
        linked.CancelAfter(_readTimeout);
        int read;
        try
        {
#if NET8_0_OR_GREATER
            read = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
#else
            read = await ReadInnerAsync(buffer, linked.Token).ConfigureAwait(false);
#endif
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !_callerToken.IsCancellationRequested)
        {
            throw Fail(TimedOut(ex));
        }
        // Only when the call's token alone was canceled is the cancellation reported with it; when both were, the read's
        // own token is kept.
        catch (OperationCanceledException) when (_callerToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(_callerToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Fail(Broken(ex));
        }

        if (read == 0 && linked.IsCancellationRequested)
        {
            // The inner stream ended quietly on cancellation: report why, never a clean end.
            cancellationToken.ThrowIfCancellationRequested();
            _callerToken.ThrowIfCancellationRequested();
            throw Fail(TimedOut(new TimeoutException()));
        }

        return Seen(buffer.Span.Slice(0, read), read);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseInner();
            foreach (var hash in _hashes ?? [])
            {
                hash.Dispose();
            }
        }

        base.Dispose(disposing);
    }

#if !NET8_0_OR_GREATER
    private async Task<int> ReadInnerAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
        {
            return await _inner.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
        }

        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = await _inner.ReadAsync(rented, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            rented.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
#endif

    private int Seen(ReadOnlySpan<byte> bytes, int read)
    {
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

    private IdentomatTimeoutException TimedOut(Exception cause) => new(
        $"Identomat {_operation}: no media bytes arrived for {Internal.Durations.Show(_readTimeout)} (MediaReadTimeout); the stream was abandoned.", _operation, attempts: 1, cause);

    private IdentomatApiException Broken(Exception cause) => new(
        $"Identomat {_operation}: the media stream failed after {_seen} bytes ({cause.GetType().Name}): the connection broke or the body was malformed; discard what was read.",
        _operation, System.Net.HttpStatusCode.OK, errorCode: null, attempts: 1, responseBodyExcerpt: null, cause);

    /// <summary>The account of the client that opened the stream, for its exceptions.</summary>
    public string? Account { get; init; }

    /// <summary>Records a failure, every later read throws it; the connection is closed, not drained for reuse.</summary>
    private Exception Fail(Exception failure)
    {
        (failure as IdentomatException)?.SetAccount(Account);
        _failure = failure;
        CloseInner();
        return failure;
    }

    /// <summary>Closes the connection's stream; one that is already broken may throw while closing, which changes nothing.</summary>
    private void CloseInner()
    {
        try
        {
            _inner.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or HttpRequestException)
        {
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw _failure;
        }
    }
}
