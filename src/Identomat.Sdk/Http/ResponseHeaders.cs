namespace Identomat.Sdk.Http;

/// <summary>What the SDK reads from an answer's headers: its signature, how long to wait, and a request id to show.</summary>
internal static class ResponseHeaders
{
    private static readonly string[] RequestIdHeaders = ["X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId", "X-Amz-Cf-Id", "CF-Ray"];

    /// <summary>The response's signature header: servers send it as <c>Authorization</c>.</summary>
    public static string? SignatureOf(HttpResponseMessage response) =>
        // A second Authorization value is ignored: the first must verify.
        response.Headers.TryGetValues(RequestSigner.HeaderName, out var values) ? values.First() : null;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>, as a delay or a date; never negative), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// The raw value of the best-ranked request-id header an answer carries, even when that value will be refused
    /// (never shown as it is: see <see cref="RequestId"/>).
    /// </summary>
    public static string? RequestIdHeaderOf(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    /// <summary>
    /// The request id to show with an error: the last answer's best-ranked request-id header (one a server or proxy
    /// sent), when it has a plain shape and holds no part of a secret; null otherwise. Checked on the way to an
    /// exception, not for every answer.
    /// </summary>
    public static string? RequestId(CallContext call) =>
        ServerText.OpaqueToken(
            call.RequestIdHeader, c => ServerText.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '+' or '=', call.Secrets);
}
