using System.Net;

namespace Identomat.Sdk;

/// <summary>
/// The server answered with an error, or could not be reached: the status code (null when no response arrived),
/// the server's error code, the number of attempts made and a short, redacted excerpt of the response body.
/// </summary>
public class IdentomatApiException : IdentomatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never credentials or personal data.</param>
    /// <param name="operation">The operation, e.g. <c>begin</c>.</param>
    /// <param name="statusCode">The HTTP status code, or null when no response arrived.</param>
    /// <param name="errorCode">The server's error code, e.g. <c>COMPANY_KEY_INVALID</c>, when it sent one.</param>
    /// <param name="attempts">How many requests were sent.</param>
    /// <param name="responseBodyExcerpt">The start of the response body, capped and with credentials removed.</param>
    /// <param name="innerException">The cause.</param>
    public IdentomatApiException(
        string message, string operation, HttpStatusCode? statusCode, string? errorCode, int attempts, string? responseBodyExcerpt,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Attempts = attempts;
        ResponseBodyExcerpt = responseBodyExcerpt;
    }

    /// <summary>The operation that failed: <c>begin</c>, <c>result</c>, <c>media</c> or <c>delete</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status code of the last response; null when no response arrived (connection failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The server's error code (a bare JSON string such as <c>SESSION_NOT_FOUND</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>How many requests were sent, retries included.</summary>
    public int Attempts { get; }

    /// <summary>
    /// The start of the last response body (at most 512 characters), with the company and secret keys removed; null
    /// when there was no body. For diagnosis only: it is not part of <see cref="Exception.Message"/>.
    /// </summary>
    public string? ResponseBodyExcerpt { get; }

    /// <summary>
    /// True for throttling (429), a timeout answer (408), a server error (5xx) and a connection that failed or broke (no
    /// status, or a media stream cut short); false for an answer that says the request is wrong or that the SDK refused.
    /// </summary>
    public override bool IsTransient =>
        StatusCode is { } status
            ? (int)status is 408 or 429 or >= 500 || (IsSuccess(status) && IsConnectionFailure(InnerException))
            : IsConnectionFailure(InnerException);

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static bool IsConnectionFailure(Exception? cause) =>
        cause is HttpRequestException or IOException or System.Net.Sockets.SocketException;

    /// <summary>When the operation failed (UTC): for a support ticket to the vendor.</summary>
    public DateTimeOffset? OccurredAt { get; private set; }

    /// <summary>The W3C trace id of the operation's activity (or the caller's), when tracing is on: for a support ticket.</summary>
    public string? TraceId { get; private set; }

    /// <summary>
    /// The request id the server or a proxy sent with the last attempt's answer (<c>X-Request-Id</c>, <c>Request-Id</c>,
    /// <c>X-Correlation-Id</c>, …), when it sent one of a plain shape: quote it to the vendor. Null when the last attempt
    /// got no answer, and when the id holds more than a third of a key or of the session token, in any case. It is still
    /// server-chosen text: a server set on it could encode a key in a way no check recognizes.
    /// </summary>
    public string? RequestId { get; private set; }

    internal void Stamp(DateTimeOffset occurredAt, string? traceId, string? requestId)
    {
        OccurredAt = occurredAt;
        TraceId = traceId;
        RequestId = requestId;
    }
}
