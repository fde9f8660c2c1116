using System.Diagnostics.Metrics;

namespace Identomat.Sdk.Lifecycle;

/// <summary>The lifecycle's instruments, on the SDK's meter (<see cref="IdentomatTelemetry.MeterName"/>).</summary>
internal static class LifecycleMetrics
{
    private static readonly Meter Meter = new(IdentomatTelemetry.MeterName);

    private static long _pending;
    private static long _deadLettered;
    private static double _sweeperLag;

    /// <summary>Callbacks the inbox answered, by <c>identomat.inbox.outcome</c> (stored, duplicate, refused).</summary>
    public static readonly Counter<long> Received = Meter.CreateCounter<long>("identomat.inbox.received", "{callback}", "Callbacks the inbox answered, by outcome.");

    /// <summary>Handling attempts, by <c>identomat.inbox.outcome</c> (handled, retried, dead_lettered).</summary>
    public static readonly Counter<long> Handled = Meter.CreateCounter<long>("identomat.inbox.handled", "{callback}", "Handling attempts of stored callbacks, by outcome.");

    /// <summary>State changes of verifications, by <c>identomat.verification.to</c> and cause.</summary>
    public static readonly Counter<long> Transitions = Meter.CreateCounter<long>("identomat.verification.transitions", "{transition}", "Verification state changes, by new state and cause.");

    /// <summary>Newer reads that disagreed with a final verdict (kept in the audit trail, not applied).</summary>
    public static readonly Counter<long> Reversals = Meter.CreateCounter<long>("identomat.verification.reversals", "{read}", "Reads that disagreed with a final verdict: recorded, not applied.");

    /// <summary>Verifications purged (or, in a dry run, that would have been), by <c>identomat.retention.dry_run</c> and cause.</summary>
    public static readonly Counter<long> Purges = Meter.CreateCounter<long>("identomat.retention.purges", "{verification}", "Verifications whose personal data was purged.");

    static LifecycleMetrics()
    {
        Meter.CreateObservableGauge("identomat.inbox.pending", () => Volatile.Read(ref _pending), "{callback}", "Stored callbacks waiting for their handlers (last count).");
        Meter.CreateObservableGauge("identomat.inbox.dead_lettered", () => Volatile.Read(ref _deadLettered), "{callback}", "Stored callbacks whose handlers gave up (last count).");
        Meter.CreateObservableGauge("identomat.sweeper.lag", () => Volatile.Read(ref _sweeperLag), "s", "How long the most overdue session has waited for the sweeper.");
    }

    public static void InboxCounts(long pending, long deadLettered)
    {
        Volatile.Write(ref _pending, pending);
        Volatile.Write(ref _deadLettered, deadLettered);
    }

    public static void SweeperLag(TimeSpan lag) => Volatile.Write(ref _sweeperLag, Math.Max(0, lag.TotalSeconds));

    public static void Transition(VerificationState to, string cause) =>
        Transitions.Add(1, new KeyValuePair<string, object?>("identomat.verification.to", to.ToString()), new KeyValuePair<string, object?>("identomat.verification.cause", cause));
}
