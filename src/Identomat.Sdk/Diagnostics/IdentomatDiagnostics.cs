using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

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
        $"Identomat.Sdk/{Version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; " +
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription})";
}
