using System.Net;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>An in-process server: answers every request with what a delegate builds, and counts them.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;
    private int _requests;

    public StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer)
        : this((request, _) => Task.FromResult(answer(request)))
    {
    }

    public int Requests => Volatile.Read(ref _requests);

    public static HttpResponseMessage Answer(HttpStatusCode status, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>
    /// A media endpoint answering <paramref name="body"/> as image/jpeg, signed with <paramref name="signedWith"/>; with
    /// a Content-Length, or without one (as a chunked answer comes) when not <paramref name="declared"/>.
    /// </summary>
    public static StubHandler SignedMedia(byte[] body, string signedWith, bool declared = true)
    {
        var signature = "signature=\"" + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(signedWith), body)) + "\"";
        return new StubHandler(_ =>
        {
            var response = declared
                ? Answer(HttpStatusCode.OK, body, "image/jpeg")
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UndeclaredBody(body), 4096) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "image/jpeg");
            response.Headers.TryAddWithoutValidation("Authorization", signature);
            return response;
        });
    }

    public IdentomatClient Client(Action<IdentomatClientOptions>? configure = null)
    {
        var options = new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = new Uri("https://api.test/external-api/"), MaxRetries = 0 };
        configure?.Invoke(options);
        return new IdentomatClient(new HttpClient(this) { Timeout = Timeout.InfiniteTimeSpan }, options);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return _answer(request, cancellationToken);
    }
}

/// <summary>A stream that yields some bytes, then never another until its read is canceled; counts reads that are waiting.</summary>
internal sealed class StallingStream : Identomat.Sdk.Internal.ReadOnlyStream
{
    private readonly byte[] _first;
    private int _position;
    private int _waiting;

    public StallingStream(byte[] first) => _first = first;

    public int Waiting => Volatile.Read(ref _waiting);

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position < _first.Length)
        {
            var n = Math.Min(count, _first.Length - _position);
            Array.Copy(_first, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        // A synchronous read that stalls until the stream is disposed.
        Interlocked.Increment(ref _waiting);
        while (!_disposed)
        {
            Thread.Sleep(5);
        }

        throw new ObjectDisposedException(nameof(StallingStream));
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < _first.Length)
        {
            var n = Math.Min(buffer.Length, _first.Length - _position);
            _first.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        Interlocked.Increment(ref _waiting);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    private volatile bool _disposed;

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

}
