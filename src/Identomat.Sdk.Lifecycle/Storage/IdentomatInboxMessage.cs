namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// A callback the inbox authenticated and stored: one row per <see cref="DeduplicationKey"/>, however many deliveries
/// reach however many instances. Personal data (<see cref="Payload"/> holds a phone number, a code, an address): the
/// retention policy deletes handled rows after <see cref="IdentomatLifecycleOptions.InboxRetention"/>.
/// </summary>
public sealed class IdentomatInboxMessage
{
    /// <summary>The row's key.</summary>
    public long Id { get; set; }

    /// <summary>The callback's <see cref="IdentomatCallback.DeduplicationKey"/>: unique in the table.</summary>
    public string DeduplicationKey { get; set; } = string.Empty;

    /// <summary>The account whose callback key authenticated it (the name given to <c>AddIdentomat</c>; empty for the default).</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>The callback's type (<see cref="IdentomatCallback.Type"/>), at most 64 characters.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The callback's session token (<see cref="IdentomatCallback.SessionId"/>), when it is a plain token of at most 128 characters.</summary>
    public string? SessionId { get; set; }

    /// <summary>The payload without <c>callbackApiKey</c> (<see cref="IdentomatCallback.Raw"/>); null once purged.</summary>
    public string? Payload { get; set; }

    /// <summary>Where its handling is.</summary>
    public InboxState State { get; set; }

    /// <summary>How many handling attempts failed since it was stored or last replayed.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>The exception type of the last failure: never its message, which may quote personal data.</summary>
    public string? LastError { get; set; }

    /// <summary>When it was stored (UTC, the receiving instance's clock: for people reading the table; nothing is scheduled by it).</summary>
    public DateTime ReceivedAt { get; set; }

    /// <summary>When it may be attempted (again), UTC on the database's clock.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The instance handling it now, if any.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when that claim holds; after it, another instance may take the row over (its holder died).</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>When its handling was committed or dead-lettered.</summary>
    public DateTime? CompletedAt { get; set; }
}
