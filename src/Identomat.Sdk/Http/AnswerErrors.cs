using System.Net;
using Polly.Timeout;

namespace Identomat.Sdk.Http;

/// <summary>
/// The SDK's typed exceptions for what came back: an answer that is an error (by status, or by a vendor error code in
/// its body), an answer a reader did not expect, and a failure without an answer (transport errors, timeouts, disposal,
/// refused redirects). Messages hold no server-chosen text except an error code of the known shape; excerpts are
/// redacted, and a successful (2xx) answer is never excerpted: it may be a result full of personal data.
/// </summary>
internal static class AnswerErrors
{
    // The error codes the server is known to send as bare JSON strings.
    public const string CompanyKeyInvalid = "COMPANY_KEY_INVALID";
    public const string SessionNotFound = "SESSION_NOT_FOUND";
    public const string SignatureInvalid = "SIGNATURE_INVALID";

    /// <summary>
    /// Whether a body that is a bare JSON string is an error code: upper-case letters, digits and underscores, in a
    /// body of 3 to 255 bytes (the shortest code, <c>"A"</c>, is 3 bytes; the vendor's are far below 255). A longer
    /// string is an answer of the wrong shape.
    /// </summary>
    public static bool IsCode(string text, int bodyLength) =>
        bodyLength is >= 3 and <= 255 && text.All(IsCodeChar) && text.Any(c => c is >= 'A' and <= 'Z');

    public static bool IsCodeChar(char c) => c is (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9');

    /// <summary>The typed error for an answer, by its status and the error code in its body.</summary>
    public static IdentomatApiException For(Answer answer, CallContext call) => For(answer, call, ErrorCodeOf(answer));

    /// <summary>The typed error for an answer whose error code was already read (a reader found it in a successful answer).</summary>
    public static IdentomatApiException For(Answer answer, CallContext call, string? code, string? message = null, Exception? innerException = null)
    {
        var operation = call.Call.Name;
        var errorCode = ServerText.Token(code, IsCodeChar, call.Secrets);
        var excerpt = answer.IsSuccess ? null : ServerText.Excerpt(answer.Body, call.Secrets, answer.Response.Content.Headers.ContentType?.CharSet);
        var status = answer.Response.StatusCode;
        var what = $"Identomat {operation} failed: HTTP {(int)status}" +
            (errorCode is null ? string.Empty : $", error code {errorCode}") + $", after {call.Attempts} attempt(s).";
        return (status, errorCode) switch
        {
            ((HttpStatusCode)429, _) => RateLimited(answer, call, excerpt),
            (>= (HttpStatusCode)300 and < (HttpStatusCode)400 and not HttpStatusCode.NotModified, _) => new IdentomatApiException(
                RedirectRefusedException.Describe(operation, (int)status), operation, status, errorCode, call.Attempts, excerpt),
            (_, SignatureInvalid) => new IdentomatAuthenticationException(
                what + (call.Options.SecretKey is null
                    ? " The server requires signed requests and this client does not sign: " +
                      "set IdentomatClientOptions.SecretKey to the account's HMAC key from the dashboard (not the company key)."
                    : " The server refused the request's signature: check IdentomatClientOptions.SecretKey " +
                      "(the account's HMAC key from the dashboard, not the company key), or leave it null if the account does not sign."),
                operation, status, errorCode, call.Attempts, excerpt),
            (_, CompanyKeyInvalid) or (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) =>
                new IdentomatAuthenticationException(what + " Check IdentomatClientOptions.CompanyKey.", operation, status, errorCode, call.Attempts, excerpt),
            (_, SessionNotFound) => new IdentomatSessionNotFoundException(what, operation, status, errorCode, call.Attempts, excerpt),
            _ => new IdentomatApiException(
                message ?? what + NotRetriedHint(call, RetryRules.IsRetryableStatus((int)status)),
                operation, status, errorCode, call.Attempts, excerpt, innerException),
        };
    }

    /// <summary>A successful answer that is not what the operation returns.</summary>
    public static IdentomatApiException Unexpected(Answer answer, CallContext call, string expected, Exception? inner = null) =>
        For(
            answer,
            call,
            code: null,
            message: $"Identomat {call.Call.Name}: expected {expected}, but the HTTP {answer.Status} answer was not that ({DescribeContent(answer, call)}).",
            innerException: JsonInput.WithoutServerText(inner));

    /// <summary>A successful answer refused before any reader saw it: not meant for this request, or not a whole answer.</summary>
    public static IdentomatApiException Refused(Answer answer, CallContext call, string reason) =>
        new($"Identomat {call.Call.Name}: the HTTP {answer.Status} answer was refused: {reason}; it was not used.",
            call.Call.Name, answer.Response.StatusCode, errorCode: null, call.Attempts, responseBodyExcerpt: null);

    /// <summary>A successful answer whose signature is missing or wrong.</summary>
    public static IdentomatSignatureException BadSignature(CallContext call, bool missing) =>
        new(
            $"Identomat {call.Call.Name}: the response's signature is {(missing ? "missing" : "wrong")}; the response was not used." +
            (missing
                ? " If this account does not sign its answers, leave IdentomatClientOptions.SecretKey null."
                : " Check IdentomatClientOptions.SecretKey (and PreviousSecretKey during a rotation).") +
            (call.Call.IsIdempotent
                ? string.Empty
                : $" The server may have acted on the request anyway: {call.Call.Name}/ may have created a session whose token was discarded."),
            call.Call.Name);

    /// <summary>The typed exception for a failure without a usable answer (transport errors, timeouts, disposal).</summary>
    /// <param name="exception">What the pipeline threw.</param>
    /// <param name="call">The call.</param>
    /// <param name="disposed">Whether the owning client was disposed while the call was in flight.</param>
    public static Exception Failure(Exception exception, CallContext call, bool disposed)
    {
        var operation = call.Call.Name;
        var attempts = call.Attempts;
        var timeouts = $"AttemptTimeout {Durations.Show(call.Options.AttemptTimeout)}, TotalTimeout {Durations.Show(call.Options.TotalTimeout)}";
        return exception switch
        {
            IdentomatException => exception,
            ObjectDisposedException => exception,
            RedirectRefusedException redirect => new IdentomatApiException(
                redirect.Describe(operation), operation, statusCode: null, errorCode: null, attempts, responseBodyExcerpt: null),
            _ when disposed => new ObjectDisposedException(nameof(IdentomatClient), $"The IdentomatClient was disposed while {operation} was in flight."),
            TimeoutRejectedException => new IdentomatTimeoutException(
                $"Identomat {operation} timed out after {attempts} attempt(s) ({timeouts}).", operation, attempts, exception),
            OperationCanceledException { InnerException: TimeoutException } => new IdentomatTimeoutException(
                $"Identomat {operation} was cut short by the HttpClient's own Timeout after {attempts} attempt(s); " +
                "set HttpClient.Timeout to Timeout.InfiniteTimeSpan and let the SDK's timeouts apply.", operation, attempts, exception),
            OperationCanceledException => new IdentomatApiException(
                $"Identomat {operation} was canceled by the HttpClient itself (it was disposed, CancelPendingRequests was called, or its Timeout elapsed) " +
                $"after {attempts} attempt(s), not by your cancellation token.",
                operation, statusCode: null, errorCode: null, attempts, responseBodyExcerpt: null, exception),
            HttpRequestException or IOException or InvalidDataException => new IdentomatApiException(
                $"Identomat {operation} failed: no complete response after {attempts} attempt(s) ({exception.GetType().Name})." +
                NotRetriedHint(call, retryable: !RetryRules.NeverSent(exception)),
                operation, statusCode: null, errorCode: null, attempts, responseBodyExcerpt: null, exception),
            _ => new IdentomatApiException(
                $"Identomat {operation} failed unexpectedly after {attempts} attempt(s) ({exception.GetType().Name}).",
                operation, statusCode: null, errorCode: null, attempts, responseBodyExcerpt: null, exception),
        };
    }

    /// <summary>
    /// What an answer's content was, for a message: its media type (when it has a plain shape) and length. Only a read
    /// body is described: a streamed one (media) is handed out, never an unexpected answer.
    /// </summary>
    private static string DescribeContent(Answer answer, CallContext call)
    {
        var declared = answer.Response.Content.Headers.ContentType;
        var type = ServerText.Token(declared?.MediaType, c => ServerText.IsAsciiLetterOrDigit(c) || c is '/' or '+' or '.' or '-', call.Secrets);
        return $"content type {type ?? (declared is null ? "none" : "(not shown)")}, " +
            answer.Body!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes";
    }

    /// <summary>The error code of a body that is a bare JSON string of the code's shape (<c>"SESSION_NOT_FOUND"</c>).</summary>
    private static string? ErrorCodeOf(Answer answer)
    {
        if (answer.Body is not { Length: >= 3 and <= 255 } body)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(answer.Json.Span, ResponseJsonContext.Default.String) is { } text && IsCode(text, body.Length)
                ? text
                : null;
        }
        catch (JsonException)
        {
            // Not JSON, or not a string: not an error code.
            return null;
        }
    }

    private static IdentomatRateLimitException RateLimited(Answer answer, CallContext call, string? excerpt)
    {
        var operation = call.Call.Name;
        var retryAfter = ResponseHeaders.RetryAfter(answer.Response, call.Time);
        return new IdentomatRateLimitException(
            retryAfter is { } wait && wait > call.Options.MaxRetryAfter
                ? $"Identomat {operation} was throttled: the server asked to wait {Durations.Show(wait)}, " +
                  $"more than MaxRetryAfter ({Durations.Show(call.Options.MaxRetryAfter)}); not retried."
                : $"Identomat {operation} was throttled (HTTP 429) after {call.Attempts} attempt(s).",
            operation,
            call.Attempts,
            retryAfter,
            excerpt);
    }

    /// <summary>Why a begin/ that may have reached the server was not retried, and how to opt in; empty otherwise.</summary>
    private static string NotRetriedHint(CallContext call, bool retryable) =>
        retryable && !call.Call.IsIdempotent && !call.Options.RetryBeginSessionAfterSend
            ? $" {call.Call.Name}/ is deliberately not retried once the request may have reached the server, so that a retry never creates a second session; " +
              "set IdentomatClientOptions.RetryBeginSessionAfterSend to retry it anyway."
            : string.Empty;
}
