namespace Identomat.Sdk.Media;

/// <summary>
/// A server's stream whose every read is bounded in time: each waits at most the read timeout for bytes (a stalled or
/// dripping server fails with <see cref="IdentomatTimeoutException"/>) and ends when the caller's token is canceled. A
/// broken connection (a reset, a cut chunk) fails with <see cref="IdentomatApiException"/>. Disposing it closes the
/// connection rather than draining it.
/// </summary>
internal sealed class TimedReadStream(Stream inner, string operation, TimeSpan readTimeout, CancellationToken callerToken) : Internal.ReadOnlyStream
{
    private readonly Stream _inner = inner;
    private readonly string _operation = operation;
    private readonly TimeSpan _readTimeout = readTimeout;
    private readonly CancellationToken _callerToken = callerToken;
    private long _passed;

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfDisposed();
        _callerToken.ThrowIfCancellationRequested();

        // A synchronous read cannot take a token: on timeout (or the caller's cancellation) the inner stream is
        // disposed, which ends the pending read. This keeps a synchronous read as bounded as an asynchronous one.
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
            throw TimedOut(ex);
        }
        catch (Exception) when (_callerToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(_callerToken);
        }
        catch (Exception ex)
        {
            throw Broken(ex);
        }

        // An inner stream that ends quietly when disposed must not turn a timeout or a cancellation into a clean end.
        if (read == 0 && timedOut)
        {
            throw TimedOut(new TimeoutException());
        }

        if (read == 0)
        {
            _callerToken.ThrowIfCancellationRequested();
        }

        _passed += read;
        return read;
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
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callerToken);
        linked.CancelAfter(_readTimeout);
        int read;
        try
        {
#if NET8_0_OR_GREATER
            read = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
#else
            // The SDK's callers always read into arrays.
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(buffer, out var segment);
            read = await _inner.ReadAsync(segment.Array!, segment.Offset, segment.Count, linked.Token).ConfigureAwait(false);
#endif
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !_callerToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        // Only when the call's token alone was canceled is the cancellation reported with it; when both were, the read's
        // own token is kept.
        catch (OperationCanceledException) when (_callerToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(_callerToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Broken(ex);
        }

        if (read == 0 && linked.IsCancellationRequested)
        {
            // The inner stream ended quietly on cancellation: report why, never a clean end.
            cancellationToken.ThrowIfCancellationRequested();
            _callerToken.ThrowIfCancellationRequested();
            throw TimedOut(new TimeoutException());
        }

        _passed += read;
        return read;
    }

    /// <summary>Closes the connection's stream; one that is already broken may throw while closing, which changes nothing.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _inner.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or HttpRequestException)
            {
            }
        }

        base.Dispose(disposing);
    }

    private IdentomatTimeoutException TimedOut(Exception cause) => new(
        $"Identomat {_operation}: no media bytes arrived for {Internal.Durations.Show(_readTimeout)} (MediaReadTimeout); the stream was abandoned.",
        _operation, attempts: 1, cause);

    private IdentomatApiException Broken(Exception cause) => new(
        $"Identomat {_operation}: the media stream failed after {_passed} bytes ({cause.GetType().Name}): " +
        "the connection broke or the body was malformed; discard what was read.",
        _operation, System.Net.HttpStatusCode.OK, errorCode: null, attempts: 1, responseBodyExcerpt: null, cause);
}
