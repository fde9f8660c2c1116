using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Identomat.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Identomat.Sdk.Http;

/// <summary>
/// An operation of the server API: whether retrying it after the request may have arrived is safe, and whether a
/// successful answer must have a body (an empty one is then an incomplete response, like a dropped connection).
/// </summary>
internal sealed record Operation(string Name, string Path, bool IsIdempotent, bool ExpectsBody = true);

/// <summary>One HTTP answer: the response, and its body unless the body is streamed to the caller.</summary>
internal sealed class Exchange : IDisposable
{
    public Exchange(HttpResponseMessage response, byte[]? body, Stream? stream = null)
    {
        Response = response;
        Body = body;
        Stream = stream;
    }

    public HttpResponseMessage Response { get; }

    /// <summary>The whole body; null when the body is left unread for streaming.</summary>
    public byte[]? Body { get; }

    /// <summary>The unread body, for streaming; null when <see cref="Body"/> was read.</summary>
    public Stream? Stream { get; }

    public int Status => (int)Response.StatusCode;

    public bool IsSuccess => Response.IsSuccessStatusCode;

    public void Dispose() => Response.Dispose();
}

/// <summary>
/// The client's transport: each operation's body is serialized once, signed once, and sent through a Polly pipeline
/// (total timeout → retry → per-attempt timeout) whose retry decision depends on the operation's safety. The answer
/// is classified into a value or one of the SDK's typed exceptions; nothing else escapes.
/// </summary>
internal sealed class IdentomatTransport
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private const int ExactReadBytes = 64 * 1024;

    private static readonly HashSet<int> RetryableStatuses = new() { 408, 429, 500, 502, 503, 504 };

    private static readonly string[] RequestIdHeaders = ["X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId", "X-Amz-Cf-Id", "CF-Ray"];

    private readonly HttpClient _http;
    private readonly IdentomatClientOptions _options;
    private readonly RequestSigner? _signer;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<Exchange> _idempotent;
    private readonly ResiliencePipeline<Exchange> _begin;

    private readonly TimeProvider _time;
    private readonly Dictionary<string, Uri> _addresses = new(StringComparer.Ordinal);

    public IdentomatTransport(HttpClient http, IdentomatClientOptions options, ILogger logger, TimeProvider time)
    {
        _http = http;
        _time = time;
        _options = options;
        _logger = logger;
        _signer = options.SecretKey is { } secret ? new RequestSigner(secret, options.PreviousSecretKey) : null;
        foreach (var path in Operations.All.Select(o => o.Path))
        {
            _addresses[path] = new Uri(IdentomatClientOptions.AsDirectory(options.BaseAddress), path);
        }

        _idempotent = BuildPipeline(retryAfterSend: true);
        _begin = BuildPipeline(retryAfterSend: options.RetryBeginSessionAfterSend);
        if (http.Timeout != Timeout.InfiniteTimeSpan && http.Timeout < options.TotalTimeout)
        {
            Log.HttpClientTimeoutTooShort(logger, http.Timeout, options.TotalTimeout);
        }
    }

    public string CompanyKey => _options.CompanyKey!;

    public TimeProvider Time => _time;

    /// <summary>Sends one operation and turns its answer into a value, or throws one of the SDK's exceptions.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="body">The request body, serialized once.</param>
    /// <param name="sessionToken">The session token the call is about, if any: masked in what the SDK shows.</param>
    /// <param name="streamSuccess">Leave a successful non-JSON body unread, for the caller to stream.</param>
    /// <param name="interpret">Reads a successful answer; throws <see cref="IdentomatException"/>s for answers that are errors.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async Task<T> SendAsync<T>(Operation operation, byte[] body, string? sessionToken, bool streamSuccess, Func<Exchange, Attempts, T> interpret, CancellationToken cancellationToken)
    {
        using var activity = IdentomatDiagnostics.ActivitySource.StartActivity("Identomat " + operation.Name, ActivityKind.Client);
        activity?.SetTag("identomat.operation", operation.Name);
        var started = Stopwatch.GetTimestamp();
        var attempts = new Attempts(operation, body, streamSuccess, _signer?.HeaderValue(body), sessionToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Attempts.Key, attempts);
        Exchange? exchange = null;
        var keepExchange = false;
        try
        {
            var pipeline = operation.IsIdempotent ? _idempotent : _begin;
            exchange = await pipeline.ExecuteAsync(static (ctx, self) => self.AttemptAsync(ctx), context, this).ConfigureAwait(false);
            var value = Classify(exchange, attempts, interpret);
            keepExchange = value is IdentomatMedia { IsAvailable: true };
            Completed(activity, operation, started, attempts.Count, exchange.Status, error: null);
            return value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var mapped = Map(ex, attempts);
            if (mapped is IdentomatApiException api)
            {
                api.Stamp(_time.GetUtcNow(), (activity ?? Activity.Current)?.TraceId.ToHexString(), attempts.RequestId);
            }

            Completed(activity, operation, started, attempts.Count, (int?)(mapped as IdentomatApiException)?.StatusCode, mapped);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
        catch (OperationCanceledException)
        {
            activity?.SetTag("identomat.outcome", "canceled");
            activity?.SetTag("identomat.attempts", attempts.Count);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            if (!keepExchange)
            {
                exchange?.Dispose();
            }
        }
    }

    /// <summary>Set when the owning client is disposed: in-flight calls then report that, not a timeout.</summary>
    public bool Disposed { get; set; }

    /// <summary>The secrets that must never appear in what the SDK shows: the keys and the call's session token.</summary>
    internal IEnumerable<string?> Secrets(Attempts attempts)
    {
        yield return _options.CompanyKey;
        yield return _options.SecretKey;
        yield return attempts.SessionToken;
    }

    /// <summary>The first bytes of a body, up to its first byte that is not JSON white space (at most 64 bytes).</summary>
    private static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[64];
        var filled = 0;
        int read;
        while (filled < head.Length && !head.Take(filled).Any(b => !IsJsonWhiteSpace(b))
            && (read = await stream.ReadAsync(head, filled, head.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return head.Take(filled).ToArray();
    }

    private static bool IsJsonWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>True for an empty body or one whose first significant byte opens a JSON object or string.</summary>
    private static bool LooksLikeJson(byte[] head)
    {
        foreach (var b in head)
        {
            if (!IsJsonWhiteSpace(b))
            {
                return b is (byte)'{' or (byte)'"';
            }
        }

        return true;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken, Stream? opened = null, byte[]? head = null)
    {
#if NET8_0_OR_GREATER
        var content = opened ?? await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var content = opened ?? await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        using (var stream = head is null ? content : new PrefixedStream(head, content))
        {
            var declared = response.Content.Headers.ContentLength;
            if (declared > MaxBodyBytes)
            {
                throw new InvalidDataException($"The response body is larger than {MaxBodyBytes} bytes.");
            }

            if (declared is { } exact and <= ExactReadBytes)
            {
                // A small declared body is read straight into an array of its size: the waste a lying server can cause
                // is bounded by ExactReadBytes per call. Larger bodies grow only with the bytes that actually arrive.
                var body = new byte[exact];
                var filled = 0;
                int read;
                while (filled < body.Length && (read = await stream.ReadAsync(body, filled, body.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }

                return filled == body.Length
                    ? body
                    : throw new IOException($"The response body was truncated: {filled} of {exact} bytes arrived.");
            }

            using var buffer = new Internal.PooledBufferWriter(4096);
            var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    chunk.AsSpan(0, read).CopyTo(buffer.GetSpan(read));
                    buffer.Advance(read);
                    if (buffer.WrittenCount > MaxBodyBytes)
                    {
                        throw new InvalidDataException($"The response body is larger than {MaxBodyBytes} bytes.");
                    }
                }

                if (declared is { } expected && buffer.WrittenCount != expected)
                {
                    throw new IOException($"The response body was truncated: {buffer.WrittenCount} of {expected} bytes arrived.");
                }

                return buffer.ToArray();
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    /// <summary>True when the request provably never left this machine: no connection was made.</summary>
    private static bool NeverSent(Exception exception)
    {
#if NET8_0_OR_GREATER
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError })
        {
            return true;
        }
#endif
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Outcome<Exchange> outcome) => outcome.Exception switch
    {
        null => "HTTP " + outcome.Result!.Status,
        TimeoutRejectedException => "attempt timed out",
        { } ex => ex.GetType().Name,
    };

    private TimeSpan? RetryAfter(Exchange exchange)
    {
        var header = exchange.Response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private ResiliencePipeline<Exchange> BuildPipeline(bool retryAfterSend)
    {
        var builder = new ResiliencePipelineBuilder<Exchange> { TimeProvider = _time };
        builder.AddTimeout(_options.TotalTimeout);
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Exchange>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, retryAfterSend)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } exchange ? RetryAfter(exchange) : null),
                OnRetry = args =>
                {
                    var attempts = args.Context.Properties.GetValue(Attempts.Key, null!);
                    Log.Retrying(_logger, attempts.Operation.Name, attempts.Count, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                    IdentomatDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("identomat.operation", attempts.Operation.Name));
                    Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["identomat.attempt"] = attempts.Count, ["identomat.reason"] = Describe(args.Outcome) }));
                    return default;
                },
            });
        }

        builder.AddTimeout(_options.AttemptTimeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<Exchange> outcome, bool retryAfterSend)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                OperationCanceledException => false,
                _ when NeverSent(exception) => true,
                HttpRequestException or IOException or TimeoutRejectedException => retryAfterSend,
                _ => false,
            };
        }

        var exchange = outcome.Result!;
        return retryAfterSend
            && RetryableStatuses.Contains(exchange.Status)
            && !(RetryAfter(exchange) is { } wait && wait > _options.MaxRetryAfter);
    }

    private async ValueTask<Exchange> AttemptAsync(ResilienceContext context)
    {
        var attempts = context.Properties.GetValue(Attempts.Key, null!);
        attempts.Count++;
        var address = _addresses[attempts.Operation.Path];
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new ByteArrayContent(attempts.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", IdentomatDiagnostics.UserAgent);
        if (attempts.Signature is { } signature)
        {
            request.Headers.TryAddWithoutValidation(RequestSigner.HeaderName, signature);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken).ConfigureAwait(false);
        attempts.RequestId = RequestIdOf(response, attempts);
        try
        {
            // A caller-owned handler may follow redirects: the answer then comes from another address, which may have
            // received the company key. Refuse it; never read it, never retry.
            if (response.RequestMessage?.RequestUri is { } answeredBy && answeredBy != address)
            {
                throw new RedirectRefusedException(statusCode: null);
            }

            byte[]? head = null;
            Stream? opened = null;
            if (attempts.StreamSuccess && response.IsSuccessStatusCode)
            {
#if NET8_0_OR_GREATER
                var stream = await response.Content.ReadAsStreamAsync(context.CancellationToken).ConfigureAwait(false);
#else
                var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                // Decide by the bytes, not by what the content type claims: no image or video format starts with '{'
                // or '"', and every JSON answer of a media endpoint (argumentError, an error code) does.
                opened = stream;
                head = await ReadHeadAsync(stream, context.CancellationToken).ConfigureAwait(false);
                if (!LooksLikeJson(head))
                {
                    return new Exchange(response, body: null, new PrefixedStream(head, stream));
                }
            }

            var body = await ReadBodyAsync(response, context.CancellationToken, opened, head).ConfigureAwait(false);
            if (body.Length == 0 && response.IsSuccessStatusCode && attempts.Operation.ExpectsBody)
            {
                throw new IOException("The response ended before its body: an empty answer.");
            }

            return new Exchange(response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private T Classify<T>(Exchange exchange, Attempts attempts, Func<Exchange, Attempts, T> interpret)
    {
        if (!exchange.IsSuccess)
        {
            throw ErrorFor(exchange, attempts);
        }

        if (_signer is not null && exchange.Body is { } body && !_signer.Verifies(SignatureOf(exchange.Response), body))
        {
            var missing = SignatureOf(exchange.Response) is null;
            throw new IdentomatSignatureException(
                $"Identomat {attempts.Operation.Name}: the response's signature is {(missing ? "missing" : "wrong")}; the response was not used." +
                (missing ? " If this account does not sign its answers, leave IdentomatClientOptions.SecretKey null." : " Check IdentomatClientOptions.SecretKey (and PreviousSecretKey during a rotation).") +
                (attempts.Operation.IsIdempotent ? string.Empty : $" The server may have acted on the request anyway: {attempts.Operation.Name}/ may have created a session whose token was discarded."),
                attempts.Operation.Name);
        }

        return interpret(exchange, attempts);
    }

    /// <summary>The first request-id header a server or proxy sent, when it has a plain shape and holds no secret.</summary>
    private string? RequestIdOf(HttpResponseMessage response, Attempts attempts)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return ServerText.Token(values.FirstOrDefault(), c => (char.IsLetterOrDigit(c) && c < 128) || c is '-' or '_' or '.' or ':' or '/' or '+' or '=', Secrets(attempts));
            }
        }

        return null;
    }

    /// <summary>The response's signature header: servers send it as <c>Authorization</c>.</summary>
    internal static string? SignatureOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestSigner.HeaderName, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The caller's view of a media body: verified when signing is on, every read bounded in time.</summary>
    internal Stream MediaStream(Stream content, HttpResponseMessage response, string operation, CancellationToken callerToken) =>
        new MediaStream(content, _signer?.IncrementalVerifiers(), SignatureOf(response), response.Content.Headers.ContentLength, operation, _options.MediaReadTimeout, callerToken);

    /// <summary>
    /// The typed error for an answer. The message holds no server-chosen text except an error code of the known shape;
    /// <paramref name="message"/> replaces the generic one for answers that are not an HTTP or server error. A
    /// successful (2xx) answer is never excerpted: it may be a result full of personal data.
    /// </summary>
    internal IdentomatApiException ErrorFor(Exchange exchange, Attempts attempts, string? errorCode = null, string? message = null, Exception? innerException = null)
    {
        var operation = attempts.Operation.Name;
        var secrets = Secrets(attempts);
        errorCode = ServerText.Token(errorCode ?? ErrorCodeOf(exchange.Body), ErrorCodes.IsCodeChar, secrets);
        var excerpt = exchange.IsSuccess ? null : ServerText.Excerpt(exchange.Body, secrets);
        var status = exchange.Response.StatusCode;
        var what = $"Identomat {operation} failed: HTTP {(int)status}" +
            (errorCode is null ? string.Empty : $", error code {errorCode}") + $", after {attempts.Count} attempt(s).";
        return (status, errorCode) switch
        {
            ((HttpStatusCode)429, _) => new IdentomatRateLimitException(
                RetryAfter(exchange) is { } wait && wait > _options.MaxRetryAfter
                    ? $"Identomat {operation} was throttled: the server asked to wait {Seconds(wait)}, more than MaxRetryAfter ({Seconds(_options.MaxRetryAfter)}); not retried."
                    : $"Identomat {operation} was throttled (HTTP 429) after {attempts.Count} attempt(s).",
                operation,
                attempts.Count,
                RetryAfter(exchange),
                excerpt),
            (>= (HttpStatusCode)300 and < (HttpStatusCode)400, _) => new IdentomatApiException(
                RedirectRefusedException.Describe(operation, (int)status), operation, status, errorCode, attempts.Count, excerpt),
            (_, ErrorCodes.SignatureInvalid) => new IdentomatAuthenticationException(
                what + " The server refused the request's signature: check IdentomatClientOptions.SecretKey (the account's HMAC key from the dashboard, not the company key), or leave it null if the account does not sign.",
                operation, status, errorCode, attempts.Count, excerpt),
            (_, ErrorCodes.CompanyKeyInvalid) or (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) =>
                new IdentomatAuthenticationException(what + " Check IdentomatClientOptions.CompanyKey.", operation, status, errorCode, attempts.Count, excerpt),
            (_, ErrorCodes.SessionNotFound) => new IdentomatSessionNotFoundException(what, operation, status, errorCode, attempts.Count, excerpt),
            _ => new IdentomatApiException(message ?? what + NotRetriedHint(attempts, RetryableStatuses.Contains((int)status)), operation, status, errorCode, attempts.Count, excerpt, innerException),
        };
    }

    /// <summary>Why a begin/ that may have reached the server was not retried, and how to opt in; empty otherwise.</summary>
    private string NotRetriedHint(Attempts attempts, bool retryable) =>
        retryable && !attempts.Operation.IsIdempotent && !_options.RetryBeginSessionAfterSend
            ? $" {attempts.Operation.Name}/ is deliberately not retried once the request may have reached the server, so that a retry never creates a second session; set IdentomatClientOptions.RetryBeginSessionAfterSend to retry it anyway."
            : string.Empty;

    /// <summary>What an answer's content was, for a message: its media type (when it has a plain shape) and length.</summary>
    internal string DescribeContent(Exchange exchange, Attempts attempts)
    {
        var type = ServerText.Token(exchange.Response.Content.Headers.ContentType?.MediaType, c => char.IsLetterOrDigit(c) && c < 128 || c is '/' or '+' or '.' or '-', Secrets(attempts));
        var length = exchange.Body?.Length ?? exchange.Response.Content.Headers.ContentLength;
        return $"content type {type ?? (exchange.Response.Content.Headers.ContentType is null ? "none" : "(not shown)")}, {(length is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes" : "length unknown")}";
    }

    /// <summary>A bare JSON string of upper-case letters and underscores is an error code (<c>"SESSION_NOT_FOUND"</c>).</summary>
    internal static string? ErrorCodeOf(byte[]? body)
    {
        if (body is not { Length: > 2 and < 256 })
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text && ErrorCodes.LooksLikeCode(text))
            {
                return text;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private Exception Map(Exception exception, Attempts attempts)
    {
        var operation = attempts.Operation.Name;
        return exception switch
        {
            IdentomatException => exception,
            ObjectDisposedException => exception,
            RedirectRefusedException redirect => new IdentomatApiException(
                redirect.Describe(operation), operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null),
            _ when Disposed => new ObjectDisposedException(nameof(IdentomatClient), $"The IdentomatClient was disposed while {operation} was in flight."),
            TimeoutRejectedException => new IdentomatTimeoutException(
                $"Identomat {operation} timed out after {attempts.Count} attempt(s) (AttemptTimeout {Seconds(_options.AttemptTimeout)}, TotalTimeout {Seconds(_options.TotalTimeout)}).", operation, attempts.Count, exception),
            OperationCanceledException { InnerException: TimeoutException } => new IdentomatTimeoutException(
                $"Identomat {operation} was cut short by the HttpClient's own Timeout after {attempts.Count} attempt(s); set HttpClient.Timeout to Timeout.InfiniteTimeSpan and let the SDK's timeouts apply.", operation, attempts.Count, exception),
            OperationCanceledException => new IdentomatApiException(
                $"Identomat {operation} was canceled by the HttpClient itself (it was disposed, CancelPendingRequests was called, or its Timeout elapsed) after {attempts.Count} attempt(s), not by your cancellation token.", operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null, exception),
            HttpRequestException or IOException or InvalidDataException => new IdentomatApiException(
                $"Identomat {operation} failed: no complete response after {attempts.Count} attempt(s) ({exception.GetType().Name})." + NotRetriedHint(attempts, retryable: !NeverSent(exception)), operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null, exception),
            _ => new IdentomatApiException(
                $"Identomat {operation} failed unexpectedly after {attempts.Count} attempt(s) ({exception.GetType().Name}).", operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null, exception),
        };
    }

    /// <summary>A duration for a message: seconds, or milliseconds below one second (never "0 s").</summary>
    internal static string Seconds(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1)
            ? value.TotalMilliseconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " ms"
            : value.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private void Completed(Activity? activity, Operation operation, long started, int attempts, int? status, Exception? error)
    {
        var elapsed = (Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency;
        var outcome = error is null ? "success" : error.GetType().Name;
        if (error is null)
        {
            Log.Succeeded(_logger, operation.Name, status ?? 0, attempts, elapsed);
        }
        else
        {
            Log.Failed(_logger, operation.Name, error.GetType().Name, status, (error as IdentomatApiException)?.ErrorCode, attempts, elapsed);
        }

        IdentomatDiagnostics.Duration.Record(
            elapsed / 1000.0,
            new KeyValuePair<string, object?>("identomat.operation", operation.Name),
            new KeyValuePair<string, object?>("identomat.outcome", outcome));
        if (activity is not null)
        {
            activity.SetTag("identomat.attempts", attempts);
            activity.SetTag("identomat.outcome", outcome);
            if (status is not null)
            {
                activity.SetTag("http.response.status_code", status);
            }

            activity.SetStatus(error is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error?.GetType().Name);
        }
    }
}

/// <summary>What one operation sends, and how many attempts it has made so far.</summary>
internal sealed class Attempts
{
    public static readonly ResiliencePropertyKey<Attempts> Key = new("identomat.attempts");

    public Attempts(Operation operation, byte[] body, bool streamSuccess, string? signature, string? sessionToken)
    {
        Operation = operation;
        SessionToken = sessionToken;
        Body = body;
        StreamSuccess = streamSuccess;
        Signature = signature;
    }

    public Operation Operation { get; }

    public byte[] Body { get; }

    public bool StreamSuccess { get; }

    public string? Signature { get; }

    /// <summary>The session token the call is about, if any: masked in every excerpt.</summary>
    public string? SessionToken { get; }

    public int Count { get; set; }

    /// <summary>The request id the last response carried, if any.</summary>
    public string? RequestId { get; set; }
}

/// <summary>The error codes the server is known to send as bare JSON strings.</summary>
internal static class ErrorCodes
{
    public const string CompanyKeyInvalid = "COMPANY_KEY_INVALID";
    public const string SessionNotFound = "SESSION_NOT_FOUND";
    public const string SignatureInvalid = "SIGNATURE_INVALID";

    public static bool LooksLikeCode(string text) => text.All(IsCodeChar) && text.Any(c => c is >= 'A' and <= 'Z');

    public static bool IsCodeChar(char c) => c is (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9');
}


/// <summary>An answer came from another address than the one asked (a redirect was followed) or was a redirect: refused.</summary>
internal sealed class RedirectRefusedException : Exception
{
    public RedirectRefusedException(int? statusCode)
        : base("A redirect was refused.") =>
        StatusCode = statusCode;

    public int? StatusCode { get; }

    public static string Describe(string operation, int? status) =>
        $"Identomat {operation} failed: {(status is { } s ? $"the server answered HTTP {s}, a redirect" : "the answer came from another address than the one requested (the HttpClient's handler followed a redirect)")}. " +
        "Redirects are refused, never followed and not retried, so the company key and personal data never go to another address; " +
        "check IdentomatClientOptions.BaseAddress, and use a handler with AllowAutoRedirect = false.";

    public string Describe(string operation) => Describe(operation, StatusCode);
}
