namespace Identomat.Sdk.Lifecycle;

/// <summary>Where a stored callback is in its handling.</summary>
public enum InboxState
{
    /// <summary>Stored and waiting for its handlers (again, after a failed attempt).</summary>
    Pending = 0,

    /// <summary>Every handler completed, and that was committed: it is not handled again unless replayed.</summary>
    Handled = 1,

    /// <summary>Handlers failed <see cref="IdentomatLifecycleOptions.MaxHandlingAttempts"/> times: kept for a replay.</summary>
    DeadLettered = 2,
}
