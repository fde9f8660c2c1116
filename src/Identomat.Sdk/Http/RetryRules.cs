using System.Net.Sockets;
using Polly.Timeout;

namespace Identomat.Sdk.Http;

/// <summary>When an attempt is worth repeating: read by the transport's pipeline and by the error messages that explain it.</summary>
internal static class RetryRules
{
    private static readonly HashSet<int> RetryableStatuses = new() { 408, 429, 500, 502, 503, 504 };

    /// <summary>Whether a status is worth retrying (when the operation allows it): 408, 429, 500, 502, 503, 504.</summary>
    public static bool IsRetryableStatus(int status) => RetryableStatuses.Contains(status);

    /// <summary>
    /// Whether to retry after an outcome: a request that never left is always retried; one that may have arrived only
    /// when <paramref name="retryAfterSend"/>, and an answer only for a retryable status whose <c>Retry-After</c> fits
    /// both <see cref="IdentomatClientOptions.MaxRetryAfter"/> and the total timeout.
    /// </summary>
    public static bool ShouldRetry(Exception? exception, Answer? answer, bool retryAfterSend, IdentomatClientOptions options, TimeProvider time)
    {
        if (exception is not null)
        {
            return exception switch
            {
                OperationCanceledException => false,
                _ when NeverSent(exception) => true,
                HttpRequestException or IOException or TimeoutRejectedException => retryAfterSend,
                _ => false,
            };
        }

        return retryAfterSend
            && IsRetryableStatus(answer!.Status)
            && !(ResponseHeaders.RetryAfter(answer.Response, time) is { } wait && (wait > options.MaxRetryAfter || wait >= options.TotalTimeout));
    }

    /// <summary>True when the request provably never left this machine: no connection was made.</summary>
    public static bool NeverSent(Exception exception)
    {
#if NET8_0_OR_GREATER
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError })
        {
            return true;
        }
#endif
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException
                {
                    SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                        or SocketError.HostUnreachable or SocketError.NetworkUnreachable,
                })
            {
                return true;
            }
        }

        return false;
    }
}
