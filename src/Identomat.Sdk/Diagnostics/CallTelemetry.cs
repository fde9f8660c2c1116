using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Diagnostics;

/// <summary>
/// What one call tells the application's observability: the account's log scope and the call's activity while it
/// runs, then one log line, one duration measurement and the activity's tags for its outcome.
/// </summary>
internal sealed class CallTelemetry : IDisposable
{
    private readonly ILogger _logger;
    private readonly string _operation;
    private readonly IDisposable? _scope;
    private readonly long _started = Stopwatch.GetTimestamp();

    public CallTelemetry(ILogger logger, string operation, string? account)
    {
        _logger = logger;
        _operation = operation;
        _scope = Log.AccountScope(logger, account);
        Activity = IdentomatDiagnostics.ActivitySource.StartActivity("Identomat " + operation, ActivityKind.Client);
        Activity?.SetTag("identomat.operation", operation);
    }

    /// <summary>The call's activity, when something listens.</summary>
    public Activity? Activity { get; }

    /// <summary>A retry is about to wait: logged, counted, and an event of the current activity.</summary>
    public static void Retrying(ILogger logger, string operation, int attempt, string reason, TimeSpan delay)
    {
        Log.Retrying(logger, operation, attempt, reason, Internal.Durations.Show(delay));
        IdentomatDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("identomat.operation", operation));
        Activity.Current?.AddEvent(new ActivityEvent(
            "retry", tags: new ActivityTagsCollection { ["identomat.attempt"] = attempt, ["identomat.reason"] = reason }));
    }

    /// <summary>The call ended with a value or an exception of the SDK's.</summary>
    public void Completed(int attempts, int? status, Exception? error)
    {
        var elapsed = (Stopwatch.GetTimestamp() - _started) * 1000.0 / Stopwatch.Frequency;
        var outcome = error is null ? "success" : error.GetType().Name;
        if (error is null)
        {
            Log.Succeeded(_logger, _operation, status ?? 0, attempts, elapsed);
        }
        else
        {
            // An unknown session is an answer the application expects (an old token, an erased session), not an incident.
            var level = error is IdentomatSessionNotFoundException ? LogLevel.Information : LogLevel.Warning;
            Log.Failed(_logger, level, _operation, outcome, status, (error as IdentomatApiException)?.ErrorCode, attempts, elapsed);
        }

        IdentomatDiagnostics.Duration.Record(
            elapsed / 1000.0,
            new KeyValuePair<string, object?>("identomat.operation", _operation),
            new KeyValuePair<string, object?>("identomat.outcome", outcome));
        if (Activity is not null)
        {
            Activity.SetTag("identomat.attempts", attempts);
            Activity.SetTag("identomat.outcome", outcome);
            if (status is not null)
            {
                Activity.SetTag("http.response.status_code", status);
            }

            Activity.SetStatus(error is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error?.GetType().Name);
        }
    }

    /// <summary>The caller canceled the call: no log line and no measurement, only the activity's tags.</summary>
    public void Canceled(int attempts)
    {
        Activity?.SetTag("identomat.outcome", "canceled");
        Activity?.SetTag("identomat.attempts", attempts);
    }

    public void Dispose()
    {
        Activity?.Dispose();
        _scope?.Dispose();
    }
}
