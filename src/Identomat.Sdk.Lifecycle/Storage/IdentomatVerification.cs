namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// One verification of one user: the session, the account that started it, and the decision. By default it holds what
/// a compliance officer needs and no personal data (no images, names or document numbers):
/// <see cref="IdentomatLifecycleOptions.StoreResultJson"/> opts in to the whole result.
/// </summary>
public sealed class IdentomatVerification
{
    /// <summary>The row's key.</summary>
    public Guid Id { get; set; }

    /// <summary>Your application's user id, as given to <see cref="IIdentomatVerifications.StartAsync"/>; null once the user's data was erased.</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// The user id while this is the user's live verification, null afterwards: unique in the table, so a user has at
    /// most one live verification whatever instance starts it.
    /// </summary>
    public string? ActiveUserId { get; set; }

    /// <summary>The account that started it (the name given to <c>AddIdentomat</c>); every later call uses its client.</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>The session token (unique); null while <see cref="VerificationState.Starting"/>, and once purged.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Where to send the user; null while starting, and once purged.</summary>
    public string? WidgetUrl { get; set; }

    /// <summary>Where the verification is.</summary>
    public VerificationState State { get; set; }

    /// <summary>The vendor's status (<c>approved</c>, <c>rejected</c>, <c>manual_check</c>, …), when one was read.</summary>
    public string? Status { get; set; }

    /// <summary>The reject reason's code, when rejected.</summary>
    public string? RejectReason { get; set; }

    /// <summary>The document type the user presented, when read.</summary>
    public string? DocumentType { get; set; }

    /// <summary>
    /// The status of the last newer read that disagreed with the final verdict, which was recorded
    /// (<see cref="VerificationCause.ReversalNotApplied"/>) and not applied: another verdict, <c>manual_check</c> when an
    /// operator reopened the case, <c>(none)</c> for no status. Null when no read disagreed: query it to find the
    /// verdicts to look at again.
    /// </summary>
    public string? Disagreement { get; set; }

    /// <summary>The whole result as JSON, only with <see cref="IdentomatLifecycleOptions.StoreResultJson"/>: personal data.</summary>
    public string? ResultJson { get; set; }

    /// <summary>When it was created (UTC, the database's clock).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When the session stops being valid for the user to start it: creation plus the vendor's 15 minutes.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When the read whose answer is stored started (UTC, the database's clock): answers are ordered by it.</summary>
    public DateTime? LastReadStartedAt { get; set; }

    /// <summary>When the state last changed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When it became <see cref="VerificationState.Final"/> or <see cref="VerificationState.Expired"/>.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>When the sweeper reads it next.</summary>
    public DateTime? NextSweepAt { get; set; }

    /// <summary>How many times the sweeper read it.</summary>
    public int Sweeps { get; set; }

    /// <summary>When its personal data was purged here and at the vendor; null while kept.</summary>
    public DateTime? PurgedAt { get; set; }
}
