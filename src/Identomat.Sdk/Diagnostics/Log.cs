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

    [LoggerMessage(7, LogLevel.Warning, "Identomat: the reloaded settings of {Account} are invalid and were not applied; " +
        "it keeps its previous settings: {Errors}")]
    public static partial void ReloadRejected(ILogger logger, string account, string errors);

    [LoggerMessage(8, LogLevel.Information, "Identomat sent a {Kind} this SDK version does not model: {Name}; it was kept (logged once per process, " +
        "counted on identomat.client.unknown)")]
    public static partial void UnknownFromVendor(ILogger logger, string kind, string name);

    [LoggerMessage(4, LogLevel.Warning, "The HttpClient's Timeout ({HttpClientTimeout}) is shorter than TotalTimeout ({TotalTimeout}): " +
        "it may cut operations short; set it to Timeout.InfiniteTimeSpan and let the SDK's timeouts apply")]
    public static partial void HttpClientTimeoutTooShort(ILogger logger, string httpClientTimeout, string totalTimeout);

    // A scope that structured-logging providers read as one named value (and console logging shows as name=value).
    // The name is dotted like the SDK's telemetry attributes, and documented.
#pragma warning disable CA1727
    private static readonly Func<ILogger, string, IDisposable?> Account = LoggerMessage.DefineScope<string>("identomat.account={identomat.account}");
#pragma warning restore CA1727

    /// <summary>The scope of one operation's log lines: the account it is for, when it has a name.</summary>
    public static IDisposable? AccountScope(ILogger logger, string? account) => account is null ? null : Account(logger, account);
}
