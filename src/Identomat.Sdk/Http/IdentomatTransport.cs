using System.Diagnostics;
using System.Net.Http.Headers;
using Identomat.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Identomat.Sdk.Http;

/// <summary>
/// The client's transport: each call's body is signed once and sent through a Polly pipeline (total timeout → retry
/// → per-attempt timeout) whose retry decision depends on the operation's safety. The answer is checked
/// (<see cref="AnswerChecks"/>) and read by the operation's own reader into a value, or becomes one of the SDK's typed
/// exceptions (<see cref="AnswerErrors"/>); nothing else escapes.
/// </summary>
internal sealed class IdentomatTransport
{
    /// <summary>The largest JSON answer of a media endpoint (an argumentError, an error code) read whole.</summary>
    private const int MaxMediaJsonBytes = 64 * 1024;

    private readonly Func<HttpClient> _http;
    private readonly IdentomatClientOptions _options;
    private readonly RequestSigner? _signer;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<Answer> _idempotent;
    private readonly ResiliencePipeline<Answer> _begin;
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
        foreach (var path in ApiCalls.All.Select(o => o.Path))
        {
            _addresses[path] = new Uri(IdentomatClientOptions.AsDirectory(options.BaseAddress), path);
        }

        _idempotent = BuildPipeline(retryAfterSend: true);
        _begin = BuildPipeline(retryAfterSend: options.RetryBeginSessionAfterSend);
    }

    /// <summary>The settings this transport was built from (a private copy).</summary>
    public IdentomatClientOptions Options => _options;

    public string CompanyKey => _options.CompanyKey!;

    public TimeProvider Time => _time;

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

    /// <summary>Sends one call and returns what its operation's reader makes of the answer, or throws one of the SDK's exceptions.</summary>
    /// <param name="call">The operation, with its reader.</param>
    /// <param name="body">The request body, serialized once.</param>
    /// <param name="sessionToken">The session token the call is about, if any: masked in what the SDK shows.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async Task<T> SendAsync<T>(ApiCall<T> call, byte[] body, string? sessionToken, CancellationToken cancellationToken)
    {
        using var telemetry = new CallTelemetry(_logger, call.Name, _options.AccountName);
        var context = new CallContext(call, body, sessionToken, _options, _signer, _time, cancellationToken);
        // The client's disposal cancels calls in flight, backoff waits included; the caller's own token stays theirs.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing);
        var resilience = ResilienceContextPool.Shared.Get(linked.Token);
        resilience.Properties.Set(CallContext.Key, context);
        Answer? answer = null;
        var keepAnswer = false;
        try
        {
            var pipeline = call.IsIdempotent ? _idempotent : _begin;
            answer = await pipeline.ExecuteAsync(static (ctx, self) => self.AttemptAsync(ctx), resilience, this).ConfigureAwait(false);
            AnswerChecks.Check(answer, context);
            var value = Drift.Watch(_logger, context.Secrets, () => call.Read(answer, context));
            keepAnswer = answer.Stream is not null;
            telemetry.Completed(context.Attempts, answer.Status, error: null);
            return value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var mapped = AnswerErrors.Failure(ex, context, _disposing.IsCancellationRequested);
            (mapped as IdentomatException)?.SetAccount(_options.AccountName);
            if (mapped is IdentomatApiException api)
            {
                api.Stamp(_time.GetUtcNow(), (telemetry.Activity ?? Activity.Current)?.TraceId.ToHexString(), ResponseHeaders.RequestId(context));
            }

            telemetry.Completed(context.Attempts, (int?)(mapped as IdentomatApiException)?.StatusCode, mapped);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
        catch (OperationCanceledException ex)
        {
            telemetry.Canceled(context.Attempts);
            if (ex.CancellationToken == cancellationToken)
            {
                throw;
            }

            // Canceled through the token linked with the client's disposal: report the caller's own token.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
            if (!keepAnswer)
            {
                answer?.Dispose();
            }
        }
    }

    private static string Describe(Outcome<Answer> outcome) => outcome.Exception switch
    {
        null => "HTTP " + outcome.Result!.Status,
        TimeoutRejectedException => "attempt timed out",
        { } ex => ex.GetType().Name,
    };

    private ResiliencePipeline<Answer> BuildPipeline(bool retryAfterSend)
    {
        var builder = new ResiliencePipelineBuilder<Answer> { TimeProvider = _time };
        builder.AddTimeout(_options.TotalTimeout);
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Answer>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    RetryRules.ShouldRetry(args.Outcome.Exception, args.Outcome.Result, retryAfterSend, _options, _time)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is { } answer ? ResponseHeaders.RetryAfter(answer.Response, _time) : null),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallContext.Key, null!);
                    CallTelemetry.Retrying(_logger, call.Call.Name, call.Attempts, Describe(args.Outcome), args.RetryDelay);
                    return default;
                },
            });
        }

        builder.AddTimeout(_options.AttemptTimeout);
        return builder.Build();
    }

    private async ValueTask<Answer> AttemptAsync(ResilienceContext context)
    {
        var call = context.Properties.GetValue(CallContext.Key, null!);
        if (_disposing.IsCancellationRequested)
        {
            // Nothing leaves after the client was disposed, not even a retry whose wait was already over.
            throw new ObjectDisposedException(nameof(IdentomatClient), "The IdentomatClient was disposed.");
        }

        call.Attempts++;
        call.RequestIdHeader = null; // an attempt without an answer has no request id, not its predecessor's
        var address = _addresses[call.Call.Path];
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new ByteArrayContent(call.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", IdentomatDiagnostics.UserAgent);
        if (call.Signature is { } signature)
        {
            request.Headers.TryAddWithoutValidation(RequestSigner.HeaderName, signature);
        }

        var response = await SendIsolatedAsync(request, context.CancellationToken).ConfigureAwait(false);
        call.RequestIdHeader = ResponseHeaders.RequestIdHeaderOf(response);
        try
        {
            // A caller-owned handler may follow redirects: the answer then comes from another address, which may have
            // received the company key. Refuse it; never read it, never retry.
            if (response.RequestMessage?.RequestUri is { } answeredBy && answeredBy != address)
            {
                throw new RedirectRefusedException(statusCode: null);
            }

            if (!call.Call.Streams || !response.IsSuccessStatusCode)
            {
                var body = await ResponseBody.ReadAsync(response, context.CancellationToken).ConfigureAwait(false);
                return body.Length == 0 && response.IsSuccessStatusCode && call.Call.ExpectsBody
                    ? throw new IOException("The response ended before its body: an empty answer.")
                    : new Answer(response, body);
            }

            var stream = await response.Content.ReadAsStreamAsync(context.CancellationToken).ConfigureAwait(false);
            // Decide by the bytes, not by what the content type claims (see ResponseBody.ReadHeadAsync). A JSON answer
            // of a media endpoint is small: a larger one is not read whole.
            var head = await ResponseBody.ReadHeadAsync(stream, context.CancellationToken).ConfigureAwait(false);
            if (!ResponseBody.LooksLikeJson(head))
            {
                return new Answer(response, body: null, new Media.PrefixedStream(head, stream));
            }

            var json = await ResponseBody.ReadAsync(response, context.CancellationToken, stream, head, MaxMediaJsonBytes).ConfigureAwait(false);
            return json.Length == 0 ? throw new IOException("The response ended before its body: an empty answer.") : new Answer(response, json);
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
}
