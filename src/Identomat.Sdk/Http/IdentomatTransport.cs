using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Identomat.Sdk.Diagnostics;
using Identomat.Sdk.Media;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Identomat.Sdk.Http;
/// <summary>
/// The client's transport: each operation's body is serialized once, signed once, and sent through a Polly pipeline
/// (total timeout → retry → per-attempt timeout) whose retry decision depends on the operation's safety. The answer
/// is classified into a value or one of the SDK's typed exceptions; nothing else escapes.
/// </summary>
internal sealed class IdentomatTransport : IDisposable
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private const int ExactReadBytes = 64 * 1024;

    private static readonly HashSet<int> RetryableStatuses = new() { 408, 429, 500, 502, 503, 504 };

    private readonly Func<HttpClient> _http;
    private readonly IdentomatClientOptions _options;
    private readonly RequestSigner? _signer;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<Exchange> _idempotent;
    private readonly ResiliencePipeline<Exchange> _begin;
    private readonly AnswerClassifier _classifier;
    private readonly CancellationToken _disposing;

    private readonly TimeProvider _time;
    private readonly Dictionary<string, Uri> _addresses = new(StringComparer.Ordinal);

    /// <summary>Creates the transport of one set of settings.</summary>
    /// <param name="http">
    /// The <see cref="HttpClient"/> of each attempt: always the same one, or a new one from <c>IHttpClientFactory</c>
    /// (cheap: its handlers are pooled), so that one transport serves a long-lived client.
    /// </param>
    /// <param name="options">The validated settings.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="time">The clock.</param>
    /// <param name="disposing">
    /// Canceled when the owning client is disposed: calls in flight stop and report that, not a timeout.
    /// </param>
    public IdentomatTransport(Func<HttpClient> http, IdentomatClientOptions options, ILogger logger, TimeProvider time, CancellationToken disposing = default)
    {
        _disposing = disposing;
        _http = http;
        _time = time;
        _options = options;
        _logger = logger;
        _signer = options.SecretKey is { } secret ? new RequestSigner(secret, options.PreviousSecretKey) : null;
        _classifier = new AnswerClassifier(options, _signer, time, disposing);
        foreach (var path in Operations.All.Select(o => o.Path))
        {
            _addresses[path] = new Uri(IdentomatClientOptions.AsDirectory(options.BaseAddress), path);
        }

        _idempotent = BuildPipeline(retryAfterSend: true);
        _begin = BuildPipeline(retryAfterSend: options.RetryBeginSessionAfterSend);
    }

    /// <summary>
    /// Warns when a caller-owned <see cref="HttpClient"/> would cut operations short, or would send its default request
    /// headers (another API's bearer token, say) to Identomat with every request.
    /// </summary>
    public void CheckHttpClient(HttpClient http)
    {
        if (http.Timeout != Timeout.InfiniteTimeSpan && http.Timeout < _options.TotalTimeout)
        {
            Log.HttpClientTimeoutTooShort(_logger, Internal.Durations.Show(http.Timeout), Internal.Durations.Show(_options.TotalTimeout));
        }

        if (http.DefaultRequestHeaders.Any())
        {
            // Names only: their values may be credentials.
            Log.HttpClientDefaultHeaders(_logger, string.Join(", ", http.DefaultRequestHeaders.Select(h => h.Key)));
        }
    }

    /// <summary>The settings this transport was built from (a private copy).</summary>
    public IdentomatClientOptions Options => _options;

    public string CompanyKey => _options.CompanyKey!;

    public TimeProvider Time => _time;

    /// <summary>Turns answers into values or typed exceptions.</summary>
    public AnswerClassifier Classifier => _classifier;

    /// <summary>Whether a status is worth retrying (when the operation allows it): 408, 429, 500, 502, 503, 504.</summary>
    public static bool IsRetryableStatus(int status) => RetryableStatuses.Contains(status);

    /// <summary>Sends one operation and turns its answer into a value, or throws one of the SDK's exceptions.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="body">The request body, serialized once.</param>
    /// <param name="sessionToken">The session token the call is about, if any: masked in what the SDK shows.</param>
    /// <param name="interpret">Reads a successful answer; throws <see cref="IdentomatException"/>s for answers that are errors.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async Task<T> SendAsync<T>(Operation operation, byte[] body, string? sessionToken, Func<Exchange, Attempts, T> interpret, CancellationToken cancellationToken)
    {
        using var scope = Log.AccountScope(_logger, _options.AccountName);
        using var activity = IdentomatDiagnostics.ActivitySource.StartActivity("Identomat " + operation.Name, ActivityKind.Client);
        activity?.SetTag("identomat.operation", operation.Name);
        var started = Stopwatch.GetTimestamp();
        var attempts = new Attempts(operation, body, _signer?.HeaderValue(body), sessionToken);
        // The client's disposal cancels calls in flight, backoff waits included; the caller's own token stays theirs.
        // A caller's token that can never be canceled needs no link: the disposal token alone is the call's token.
        using var linked = _disposing.CanBeCanceled && cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing) : null;
        var context = ResilienceContextPool.Shared.Get(linked?.Token ?? (_disposing.CanBeCanceled ? _disposing : cancellationToken));
        context.Properties.Set(Attempts.Key, attempts);
        Exchange? exchange = null;
        var keepExchange = false;
        try
        {
            var pipeline = operation.IsIdempotent ? _idempotent : _begin;
            exchange = await pipeline.ExecuteAsync(static (ctx, self) => self.AttemptAsync(ctx), context, this).ConfigureAwait(false);
            var value = _classifier.Classify(exchange, attempts, interpret);
            keepExchange = value is IdentomatMedia { IsAvailable: true };
            Completed(activity, operation, started, attempts.Count, exchange.Status, error: null);
            return value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var mapped = _classifier.Failure(ex, attempts);
            (mapped as IdentomatException)?.SetAccount(_options.AccountName);
            if (mapped is IdentomatApiException api)
            {
                api.Stamp(_time.GetUtcNow(), (activity ?? Activity.Current)?.TraceId.ToHexString(), _classifier.RequestId(attempts));
            }

            Completed(activity, operation, started, attempts.Count, (int?)(mapped as IdentomatApiException)?.StatusCode, mapped);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
        catch (OperationCanceledException ex)
        {
            activity?.SetTag("identomat.outcome", "canceled");
            activity?.SetTag("identomat.attempts", attempts.Count);
            if (ex.CancellationToken == cancellationToken)
            {
                throw;
            }

            // Canceled through the token linked with the client's disposal: report the caller's own token.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
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

    /// <summary>
    /// Releases the keyed HMACs the signer keeps. Calls still using this transport (after a reconfiguration) keep
    /// working: a signature computed after this uses an HMAC of its own, disposed after use.
    /// </summary>
    public void Dispose() => _signer?.Dispose();

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
    internal static bool NeverSent(Exception exception)
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
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } exchange ? _classifier.RetryAfter(exchange) : null),
                OnRetry = args =>
                {
                    var attempts = args.Context.Properties.GetValue(Attempts.Key, null!);
                    Log.Retrying(_logger, attempts.Operation.Name, attempts.Count, Describe(args.Outcome), Internal.Durations.Show(args.RetryDelay));
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
            && !(_classifier.RetryAfter(exchange) is { } wait && (wait > _options.MaxRetryAfter || wait >= _options.TotalTimeout));
    }

    private async ValueTask<Exchange> AttemptAsync(ResilienceContext context)
    {
        var attempts = context.Properties.GetValue(Attempts.Key, null!);
        if (_disposing.IsCancellationRequested)
        {
            // Nothing leaves after the client was disposed, not even a retry whose wait was already over.
            throw new ObjectDisposedException(nameof(IdentomatClient), "The IdentomatClient was disposed.");
        }

        attempts.Count++;
        attempts.RequestIdHeader = null; // an attempt without an answer has no request id, not its predecessor's
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

        var response = await SendIsolatedAsync(request, context.CancellationToken).ConfigureAwait(false);
        attempts.RequestIdHeader = AnswerClassifier.RequestIdHeaderOf(response);
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
            if (attempts.Operation.Streams && response.IsSuccessStatusCode)
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

    /// <summary>
    /// Sends a request with nothing of the application's tracing attached. An HTTP handler propagates the current
    /// activity's context and baggage (user ids, e-mail addresses) as headers; the SDK's own handlers propagate nothing,
    /// and for any other handler the request is sent with no current activity, so there is nothing to propagate. With
    /// <see cref="IdentomatClientOptions.PropagateTraceContext"/>, the operation's <c>traceparent</c> alone is added.
    /// </summary>
    private async Task<HttpResponseMessage> SendIsolatedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = Activity.Current;
        if (_options.PropagateTraceContext && current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceparent })
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        }

        Activity.Current = null;
        try
        {
            return await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>The caller's view of a media body: verified when signing is on, bounded in size and in time per read.</summary>
    internal Stream MediaStream(Stream content, HttpResponseMessage response, string operation, CancellationToken callerToken) =>
        new MediaStream(content, _signer?.IncrementalVerifiers(), AnswerClassifier.SignatureOf(response), response.Content.Headers.ContentLength, _options.MaxMediaBytes, operation, _options.MediaReadTimeout, callerToken)
        {
            Account = _options.AccountName,
        };

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
            // An unknown session is an answer the application expects (an old token, an erased session), not an incident.
            var level = error is IdentomatSessionNotFoundException ? LogLevel.Information : LogLevel.Warning;
            Log.Failed(_logger, level, operation.Name, outcome, status, (error as IdentomatApiException)?.ErrorCode, attempts, elapsed);
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
