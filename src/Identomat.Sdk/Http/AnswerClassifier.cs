using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Serialization;
using Polly.Timeout;

namespace Identomat.Sdk.Http;

/// <summary>
/// The one place that turns what came back into a value or one of the SDK's typed exceptions: an HTTP answer (status,
/// signature, vendor error codes, the shape each operation expects) or a failure without one (transport errors,
/// timeouts, disposal, refused redirects). Messages hold no server-chosen text; excerpts are redacted.
/// </summary>
internal sealed class AnswerClassifier
{
    private static readonly string[] RequestIdHeaders = ["X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId", "X-Amz-Cf-Id", "CF-Ray"];

    /// <summary>The wire names of a result object's fields, from its metadata: an answer to <c>delete/</c> holding one is a result.</summary>
    private static readonly HashSet<string> ResultFields = new(
        ResponseJsonContext.Default.VerificationResult.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name),
        StringComparer.Ordinal);

    private readonly IdentomatClientOptions _options;
    private readonly RequestSigner? _signer;
    private readonly TimeProvider _time;
    private readonly CancellationToken _disposing;
    private readonly byte[] _companyKey;

    public AnswerClassifier(IdentomatClientOptions options, RequestSigner? signer, TimeProvider time, CancellationToken disposing)
    {
        _options = options;
        _signer = signer;
        _time = time;
        _disposing = disposing;
        _companyKey = System.Text.Encoding.UTF8.GetBytes(options.CompanyKey!);
    }

    /// <summary><c>begin/</c>: a bare JSON string is the session token (unless it is an error code).</summary>
    public IdentomatSession Session(Exchange exchange, Attempts attempts, Func<string, Uri> widgetUrl)
    {
        var token = ReadJson(exchange, attempts, ResponseJsonContext.Default.String);
        // A token is printable ASCII: one that is not (a lone surrogate read as U+FFFD, a control character) is not used.
        return string.IsNullOrWhiteSpace(token) || token!.Any(c => c is < '!' or > '~')
            ? throw Unexpected(exchange, attempts, "a session token (a JSON string of printable ASCII)")
            : new IdentomatSession(token!, widgetUrl(token!), _time.GetUtcNow());
    }

    /// <summary><c>result/</c>: a result object (read leniently), or an error code.</summary>
    public VerificationResult Result(Exchange exchange, Attempts attempts)
    {
        ThrowIfErrorCode(exchange, attempts);
        try
        {
            return (VerificationResult.Read(exchange.Body) ?? throw Unexpected(exchange, attempts, "a result object"))
                .WithAnswer(exchange.Body!, SignatureOf(exchange.Response));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw Unexpected(exchange, attempts, "a result object", ex);
        }
    }

    /// <summary>
    /// A media endpoint: the streamed bytes (declared no larger than <see cref="IdentomatClientOptions.MaxMediaBytes"/>),
    /// or <c>{"argumentError": …}</c> when the session has none.
    /// </summary>
    public IdentomatMedia Media(Exchange exchange, Attempts attempts, Func<Stream, HttpResponseMessage, Stream> wrap)
    {
        if (exchange.Stream is { } stream)
        {
            var content = exchange.Response.Content.Headers;
            if (content.ContentLength > _options.MaxMediaBytes)
            {
                throw new IdentomatApiException(
                    $"Identomat {attempts.Operation.Name}: the media is declared as {content.ContentLength} bytes, more than MaxMediaBytes ({_options.MaxMediaBytes}); nothing was read.",
                    attempts.Operation.Name, exchange.Response.StatusCode, errorCode: null, attempts.Count, responseBodyExcerpt: null);
            }

            return new IdentomatMedia(wrap(stream, exchange.Response), MediaTypes.Safe(content.ContentType?.MediaType), content.ContentLength, exchange);
        }

        return ReadJson(exchange, attempts, ResponseJsonContext.Default.MediaErrorAnswer)?.ArgumentError is { ValueKind: not JsonValueKind.Undefined } reason
            ? IdentomatMedia.Unavailable(reason.ValueKind switch { JsonValueKind.String => reason.GetString(), JsonValueKind.Null => null, _ => reason.GetRawText() })
            : throw Unexpected(exchange, attempts, "media or an argumentError object");
    }

    /// <summary>
    /// <c>delete/</c>: its answer is undocumented, so a successful one counts as done when it is empty or JSON of any
    /// kind, except an error code and a result object (a <c>result/</c> answer replayed, however genuine its signature).
    /// </summary>
    public bool Deleted(Exchange exchange, Attempts attempts)
    {
        ThrowIfErrorCode(exchange, attempts);
        if (exchange.Body is not { } body || body.All(IsJsonWhiteSpace))
        {
            return true;
        }

        JsonElement answer;
        try
        {
            answer = JsonSerializer.Deserialize(JsonInput.Repair(body).Span, ResponseJsonContext.Default.JsonElement);
        }
        catch (JsonException ex)
        {
            throw Unexpected(exchange, attempts, "an empty body or JSON", ex);
        }

        return answer.ValueKind == JsonValueKind.Object && answer.EnumerateObject().Any(p => ResultFields.Contains(p.Name))
            ? throw Unexpected(exchange, attempts, "an empty body or a JSON confirmation, not a result object")
            : true;
    }

    private static bool IsJsonWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private void ThrowIfErrorCode(Exchange exchange, Attempts attempts)
    {
        if (ErrorCodeOf(exchange.Body) is not null)
        {
            throw ErrorFor(exchange, attempts);
        }
    }

    /// <summary>Reads a JSON answer through its generated metadata: a bare error-code string throws its typed error.</summary>
    private T? ReadJson<T>(Exchange exchange, Attempts attempts, JsonTypeInfo<T> shape)
        where T : class
    {
        ThrowIfErrorCode(exchange, attempts);
        try
        {
            return JsonSerializer.Deserialize(JsonInput.Repair(exchange.Body ?? Array.Empty<byte>()).Span, shape);
        }
        catch (JsonException ex)
        {
            throw Unexpected(exchange, attempts, "JSON", ex);
        }
    }

    private IdentomatApiException Unexpected(Exchange exchange, Attempts attempts, string expected, Exception? inner = null) =>
        ErrorFor(
            exchange,
            attempts,
            message: $"Identomat {attempts.Operation.Name}: expected {expected}, but the HTTP {exchange.Status} answer was not that ({DescribeContent(exchange, attempts)}).",
            innerException: JsonInput.WithoutServerText(inner));

    /// <summary>The secrets that must never appear in what the SDK shows: the keys and the call's session token.</summary>
    internal IEnumerable<string?> Secrets(Attempts attempts)
    {
        yield return _options.CompanyKey;
        yield return _options.SecretKey;
        yield return _options.PreviousSecretKey;
        yield return attempts.SessionToken;
    }

    public TimeSpan? RetryAfter(Exchange exchange)
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

    public T Classify<T>(Exchange exchange, Attempts attempts, Func<Exchange, Attempts, T> interpret)
    {
        if (!exchange.IsSuccess)
        {
            throw ErrorFor(exchange, attempts);
        }

        var signature = SignatureOf(exchange.Response);
        if (_signer is not null && exchange.Body is { } body && !_signer.Verifies(signature, body))
        {
            var missing = signature is null;
            throw new IdentomatSignatureException(
                $"Identomat {attempts.Operation.Name}: the response's signature is {(missing ? "missing" : "wrong")}; the response was not used." +
                (missing ? " If this account does not sign its answers, leave IdentomatClientOptions.SecretKey null." : " Check IdentomatClientOptions.SecretKey (and PreviousSecretKey during a rotation).") +
                (attempts.Operation.IsIdempotent ? string.Empty : $" The server may have acted on the request anyway: {attempts.Operation.Name}/ may have created a session whose token was discarded."),
                attempts.Operation.Name);
        }

        if (NotAnAnswer(exchange, attempts, signature) is { } reason)
        {
            throw new IdentomatApiException(
                $"Identomat {attempts.Operation.Name}: the HTTP {exchange.Status} answer was refused: {reason}; it was not used.",
                attempts.Operation.Name, exchange.Response.StatusCode, errorCode: null, attempts.Count, responseBodyExcerpt: null);
        }

        return interpret(exchange, attempts);
    }

    /// <summary>
    /// Why a successful answer is not an answer to this request, or null. A signature proves only that a holder of the
    /// secret wrote the answer, and requests and answers are signed with the same secret and header: the request sent
    /// back (by the server or anyone on the path) verifies. So an answer is refused when it is the request's own body
    /// or carries the request's own signature, when it carries the company key (as a whole JSON string or property name,
    /// escapes resolved; never a substring, and never in a streamed media body, where JSON is already refused), when it
    /// is a part of a body (HTTP 206), and when it is compressed (the SDK never asks for that, and signatures cover the
    /// bytes as sent).
    /// </summary>
    private string? NotAnAnswer(Exchange exchange, Attempts attempts, string? signature)
    {
        if (exchange.Status == 206)
        {
            return "it is a part of a body (HTTP 206 Partial Content), never a whole answer";
        }

        if (exchange.Response.Content.Headers.ContentEncoding.Any(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)))
        {
            return "it is compressed (Content-Encoding), which the SDK never asks for";
        }

        if (attempts.Signature is { } sent && signature?.Trim() == sent)
        {
            return "it carries the request's own signature, so it is the request sent back, not an answer";
        }

        if (exchange.Body is { } body && body.AsSpan().SequenceEqual(attempts.Body))
        {
            return "its body is the request's own body, sent back";
        }

        return exchange.Body is { } json && CarriesText(JsonInput.Repair(json).Span, _companyKey)
            ? "it carries the company key, which no answer holds"
            : null;
    }

    /// <summary>True when a JSON string value or property name, escapes resolved, is exactly <paramref name="text"/>.</summary>
    internal static bool CarriesText(ReadOnlySpan<byte> json, byte[] text)
    {
        // The reader's default depth, 64, is the depth every JSON input of the SDK allows.
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueTextEquals(text))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or too deep) from here on: every operation's reader refuses such an answer.
        }

        return false;
    }

    /// <summary>
    /// The request id to show with an error: the last answer's best-ranked request-id header (one a server or proxy
    /// sent), when it has a plain shape and holds no part of a secret; null otherwise, also when that header's value
    /// is refused. Checked here, on the way to an exception, not for every answer.
    /// </summary>
    public string? RequestId(Attempts attempts) =>
        ServerText.OpaqueToken(attempts.RequestIdHeader, c => ServerText.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '+' or '=', Secrets(attempts));

    /// <summary>The raw value of the best-ranked request-id header an answer carries (never shown as it is: see <see cref="RequestId"/>).</summary>
    public static string? RequestIdHeaderOf(HttpResponseMessage response)
    {
        // The best-ranked header present decides, even when its value will be refused.
        var rank = RequestIdHeaders.Length;
        string? value = null;
#if NET6_0_OR_GREATER
        // One pass over the headers as received, without parsing or allocating: six lookups by name took five times
        // as long (0.11 against 0.02 µs per answer, OverheadProbe). None of these headers has a parser, so the raw
        // value is the value.
        foreach (var header in response.Headers.NonValidated)
        {
            var index = RankOf(header.Key);
            if (index < rank)
            {
                rank = index;
                value = null;
                foreach (var first in header.Value)
                {
                    value = first;
                    break;
                }
            }
        }
#else
        for (var index = 0; index < RequestIdHeaders.Length && rank == RequestIdHeaders.Length; index++)
        {
            if (response.Headers.TryGetValues(RequestIdHeaders[index], out var values))
            {
                rank = index;
                value = values.FirstOrDefault();
            }
        }
#endif

        return value;
    }

    private static int RankOf(string name)
    {
        for (var i = 0; i < RequestIdHeaders.Length; i++)
        {
            if (string.Equals(name, RequestIdHeaders[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return RequestIdHeaders.Length;
    }

    /// <summary>The response's signature header: servers send it as <c>Authorization</c>.</summary>
    internal static string? SignatureOf(HttpResponseMessage response) =>
        // A second Authorization value is ignored: the first must verify.
        response.Headers.TryGetValues(RequestSigner.HeaderName, out var values) ? values.First() : null;

    /// <summary>
    /// The typed error for an answer. The message holds no server-chosen text except an error code of the known shape;
    /// <paramref name="message"/> replaces the generic one for answers that are not an HTTP or server error. A
    /// successful (2xx) answer is never excerpted: it may be a result full of personal data.
    /// </summary>
    internal IdentomatApiException ErrorFor(Exchange exchange, Attempts attempts, string? message = null, Exception? innerException = null)
    {
        var operation = attempts.Operation.Name;
        var secrets = Secrets(attempts);
        var errorCode = ServerText.Token(ErrorCodeOf(exchange.Body), ErrorCodes.IsCodeChar, secrets);
        var excerpt = exchange.IsSuccess ? null : ServerText.Excerpt(exchange.Body, secrets, exchange.Response.Content.Headers.ContentType?.CharSet);
        var status = exchange.Response.StatusCode;
        var what = $"Identomat {operation} failed: HTTP {(int)status}" +
            (errorCode is null ? string.Empty : $", error code {errorCode}") + $", after {attempts.Count} attempt(s).";
        return (status, errorCode) switch
        {
            ((HttpStatusCode)429, _) => RateLimited(exchange, attempts, excerpt),
            (>= (HttpStatusCode)300 and < (HttpStatusCode)400 and not HttpStatusCode.NotModified, _) => new IdentomatApiException(
                RedirectRefusedException.Describe(operation, (int)status), operation, status, errorCode, attempts.Count, excerpt),
            (_, ErrorCodes.SignatureInvalid) => new IdentomatAuthenticationException(
                what + (_options.SecretKey is null
                    ? " The server requires signed requests and this client does not sign: set IdentomatClientOptions.SecretKey to the account's HMAC key from the dashboard (not the company key)."
                    : " The server refused the request's signature: check IdentomatClientOptions.SecretKey (the account's HMAC key from the dashboard, not the company key), or leave it null if the account does not sign."),
                operation, status, errorCode, attempts.Count, excerpt),
            (_, ErrorCodes.CompanyKeyInvalid) or (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) =>
                new IdentomatAuthenticationException(what + " Check IdentomatClientOptions.CompanyKey.", operation, status, errorCode, attempts.Count, excerpt),
            (_, ErrorCodes.SessionNotFound) => new IdentomatSessionNotFoundException(what, operation, status, errorCode, attempts.Count, excerpt),
            _ => new IdentomatApiException(message ?? what + NotRetriedHint(attempts, IdentomatTransport.IsRetryableStatus((int)status)), operation, status, errorCode, attempts.Count, excerpt, innerException),
        };
    }

    private IdentomatRateLimitException RateLimited(Exchange exchange, Attempts attempts, string? excerpt)
    {
        var operation = attempts.Operation.Name;
        var retryAfter = RetryAfter(exchange);
        return new IdentomatRateLimitException(
            retryAfter is { } wait && wait > _options.MaxRetryAfter
                ? $"Identomat {operation} was throttled: the server asked to wait {Internal.Durations.Show(wait)}, more than MaxRetryAfter ({Internal.Durations.Show(_options.MaxRetryAfter)}); not retried."
                : $"Identomat {operation} was throttled (HTTP 429) after {attempts.Count} attempt(s).",
            operation,
            attempts.Count,
            retryAfter,
            excerpt);
    }

    /// <summary>Why a begin/ that may have reached the server was not retried, and how to opt in; empty otherwise.</summary>
    private string NotRetriedHint(Attempts attempts, bool retryable) =>
        retryable && !attempts.Operation.IsIdempotent && !_options.RetryBeginSessionAfterSend
            ? $" {attempts.Operation.Name}/ is deliberately not retried once the request may have reached the server, so that a retry never creates a second session; set IdentomatClientOptions.RetryBeginSessionAfterSend to retry it anyway."
            : string.Empty;

    /// <summary>What an answer's content was, for a message: its media type (when it has a plain shape) and length.</summary>
    internal string DescribeContent(Exchange exchange, Attempts attempts)
    {
        var type = ServerText.Token(exchange.Response.Content.Headers.ContentType?.MediaType, c => ServerText.IsAsciiLetterOrDigit(c) || c is '/' or '+' or '.' or '-', Secrets(attempts));
        // Only a read body is described: a streamed one (media) is never an unexpected answer.
        var length = exchange.Body?.Length;
        return $"content type {type ?? (exchange.Response.Content.Headers.ContentType is null ? "none" : "(not shown)")}, {(length is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes" : "length unknown")}";
    }

    /// <summary>A bare JSON string of upper-case letters and underscores is an error code (<c>"SESSION_NOT_FOUND"</c>).</summary>
    internal static string? ErrorCodeOf(byte[]? body)
    {
        // The shortest code, "A", is 3 bytes; the vendor's are far below 255.
        if (body is not { Length: >= 3 and <= 255 })
        {
            return null;
        }

        try
        {
            if (JsonSerializer.Deserialize(body, ResponseJsonContext.Default.String) is { Length: > 0 } text && ErrorCodes.LooksLikeCode(text))
            {
                return text;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not valid text (a lone surrogate, invalid UTF-8): not an error code.
        }

        return null;
    }

    /// <summary>The typed exception for a failure without a usable answer (transport errors, timeouts, disposal).</summary>
    public Exception Failure(Exception exception, Attempts attempts)
    {
        var operation = attempts.Operation.Name;
        return exception switch
        {
            IdentomatException => exception,
            ObjectDisposedException => exception,
            RedirectRefusedException redirect => new IdentomatApiException(
                redirect.Describe(operation), operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null),
            _ when _disposing.IsCancellationRequested => new ObjectDisposedException(nameof(IdentomatClient), $"The IdentomatClient was disposed while {operation} was in flight."),
            TimeoutRejectedException => new IdentomatTimeoutException(
                $"Identomat {operation} timed out after {attempts.Count} attempt(s) (AttemptTimeout {Internal.Durations.Show(_options.AttemptTimeout)}, TotalTimeout {Internal.Durations.Show(_options.TotalTimeout)}).", operation, attempts.Count, exception),
            OperationCanceledException { InnerException: TimeoutException } => new IdentomatTimeoutException(
                $"Identomat {operation} was cut short by the HttpClient's own Timeout after {attempts.Count} attempt(s); set HttpClient.Timeout to Timeout.InfiniteTimeSpan and let the SDK's timeouts apply.", operation, attempts.Count, exception),
            OperationCanceledException => new IdentomatApiException(
                $"Identomat {operation} was canceled by the HttpClient itself (it was disposed, CancelPendingRequests was called, or its Timeout elapsed) after {attempts.Count} attempt(s), not by your cancellation token.", operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null, exception),
            HttpRequestException or IOException or InvalidDataException => new IdentomatApiException(
                $"Identomat {operation} failed: no complete response after {attempts.Count} attempt(s) ({exception.GetType().Name})." + NotRetriedHint(attempts, retryable: !IdentomatTransport.NeverSent(exception)), operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null, exception),
            _ => new IdentomatApiException(
                $"Identomat {operation} failed unexpectedly after {attempts.Count} attempt(s) ({exception.GetType().Name}).", operation, statusCode: null, errorCode: null, attempts.Count, responseBodyExcerpt: null, exception),
        };
    }
}
