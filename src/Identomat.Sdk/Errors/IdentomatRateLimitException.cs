using System.Net;

namespace Identomat.Sdk;

/// <summary>
/// The server is throttling (HTTP 429) and the retries were used up, or it asked to wait longer than
/// <see cref="IdentomatClientOptions.MaxRetryAfter"/>: the SDK fails fast instead of sleeping.
/// </summary>
public sealed class IdentomatRateLimitException : IdentomatApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="attempts">How many requests were sent.</param>
    /// <param name="retryAfter">How long the server asked to wait, when it said.</param>
    /// <param name="responseBodyExcerpt">The start of the response body, redacted.</param>
    public IdentomatRateLimitException(string message, string operation, int attempts, TimeSpan? retryAfter, string? responseBodyExcerpt)
        : base(message, operation, (HttpStatusCode)429, errorCode: null, attempts, responseBodyExcerpt) =>
        RetryAfter = retryAfter;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
