using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Identomat.Sdk;

/// <summary>
/// The names under which the SDK reports telemetry: name them to OpenTelemetry
/// (<c>.AddSource(IdentomatTelemetry.ActivitySourceName)</c>, <c>.AddMeter(IdentomatTelemetry.MeterName)</c>).
/// </summary>
public static class IdentomatTelemetry
{
    /// <summary>The <see cref="ActivitySource"/>: one client activity per operation (<c>Identomat begin</c>, …).</summary>
    public const string ActivitySourceName = "Identomat.Sdk";

    /// <summary>
    /// The <see cref="Meter"/>: <c>identomat.client.operation.duration</c> (s, by operation and outcome) and
    /// <c>identomat.client.retries</c>.
    /// </summary>
    public const string MeterName = "Identomat.Sdk";

    /// <summary>The logger category of the SDK's log lines.</summary>
    public const string LoggerCategory = "Identomat.Sdk";
}
