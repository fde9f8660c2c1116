using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Diagnostics;

/// <summary>
/// The SDK's log messages, source-generated. Bodies, tokens and keys are never arguments. Levels: Debug for a call that
/// succeeded, Information for an expected outcome (an unknown session) and for a retry, Warning only for what someone
/// must act on (a failure, a flow with likely mistakes, a misconfigured HttpClient).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Identomat {Operation} succeeded with status {StatusCode} after {Attempts} attempt(s) in {ElapsedMs:F0} ms")]
    public static partial void Succeeded(ILogger logger, string operation, int statusCode, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 2, Message = "Identomat {Operation} failed with {ErrorType} (status {StatusCode}, error code {ErrorCode}) " +
        "after {Attempts} attempt(s) in {ElapsedMs:F0} ms")]
    public static partial void Failed(
        ILogger logger, LogLevel level, string operation, string errorType, int? statusCode, string? errorCode, int attempts, double elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Identomat {Operation} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string reason, string delay);

    [LoggerMessage(5, LogLevel.Warning, "Identomat begin: the flow has {Count} warning(s), sent anyway: {Warnings}")]
    public static partial void FlowWarnings(ILogger logger, int count, string warnings);

    [LoggerMessage(6, LogLevel.Warning, "The HttpClient given to IdentomatClient has default request headers ({HeaderNames}): " +
        "they are sent to Identomat with every request; give the SDK an HttpClient of its own")]
    public static partial void HttpClientDefaultHeaders(ILogger logger, string headerNames);

    [LoggerMessage(4, LogLevel.Warning, "The HttpClient's Timeout ({HttpClientTimeout}) is shorter than TotalTimeout ({TotalTimeout}): " +
        "it may cut operations short; set it to Timeout.InfiniteTimeSpan and let the SDK's timeouts apply")]
    public static partial void HttpClientTimeoutTooShort(ILogger logger, string httpClientTimeout, string totalTimeout);

    /// <summary>The scope of one operation's log lines: the account it is for, when it has a name.</summary>
    public static IDisposable? AccountScope(ILogger logger, string? account) =>
        account is null ? null : logger.BeginScope(new AccountState(account));

    /// <summary>A scope's state as structured-logging providers read it: one named value.</summary>
    private sealed class AccountState(string account) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new KeyValuePair<string, object?>("identomat.account", account) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "identomat.account=" + account;
    }
}
