using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Diagnostics;

/// <summary>
/// The SDK's telemetry, all named <c>Identomat.Sdk</c>: one activity per operation, a duration histogram and a retry
/// counter. Tags carry the operation, outcome, status code and attempt count: never tokens, keys or personal data.
/// </summary>
internal static class IdentomatDiagnostics
{
    public const string Name = "Identomat.Sdk";

    public static readonly string Version =
        typeof(IdentomatDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    public static readonly ActivitySource ActivitySource = new(IdentomatTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(IdentomatTelemetry.MeterName, Version);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "identomat.client.operation.duration", unit: "s", description: "Duration of Identomat operations, retries included.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "identomat.client.retries", unit: "{retry}", description: "Retries of Identomat requests.");

    public static readonly string UserAgent =
        $"Identomat.Sdk/{Version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; {System.Runtime.InteropServices.RuntimeInformation.OSDescription})";
}

/// <summary>The SDK's log messages, source-generated. Bodies, tokens and keys are never arguments.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Identomat {Operation} succeeded with status {StatusCode} after {Attempts} attempt(s) in {ElapsedMs:F0} ms")]
    public static partial void Succeeded(ILogger logger, string operation, int statusCode, int attempts, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Identomat {Operation} failed with {ErrorType} (status {StatusCode}, error code {ErrorCode}) after {Attempts} attempt(s) in {ElapsedMs:F0} ms")]
    public static partial void Failed(ILogger logger, string operation, string errorType, int? statusCode, string? errorCode, int attempts, double elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "Identomat {Operation} attempt {Attempt} failed ({Reason}); retrying in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string reason, double delayMs);

    [LoggerMessage(5, LogLevel.Warning, "Identomat begin: the flow has {Count} warning(s), sent anyway: {Warnings}")]
    public static partial void FlowWarnings(ILogger logger, int count, string warnings);

    [LoggerMessage(6, LogLevel.Warning, "The HttpClient given to IdentomatClient has default request headers ({HeaderNames}): they are sent to Identomat with every request; give the SDK an HttpClient of its own")]
    public static partial void HttpClientDefaultHeaders(ILogger logger, string headerNames);

    [LoggerMessage(4, LogLevel.Warning, "The HttpClient's Timeout ({HttpClientTimeout}) is shorter than TotalTimeout ({TotalTimeout}): it may cut operations short; set it to Timeout.InfiniteTimeSpan and let the SDK's timeouts apply")]
    public static partial void HttpClientTimeoutTooShort(ILogger logger, TimeSpan httpClientTimeout, TimeSpan totalTimeout);
}
