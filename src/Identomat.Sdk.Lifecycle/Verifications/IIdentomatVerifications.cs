namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// One verification per user, stored in your database, that only moves forward. Thread-safe and safe across
/// instances that share the database (on PostgreSQL). A database failure comes out as EF Core's or the provider's own
/// exception (a <see cref="DbUpdateException"/>, an <see cref="InvalidOperationException"/> for a transient failure):
/// nothing is changed by a call that fails.
/// </summary>
public interface IIdentomatVerifications
{
    /// <summary>
    /// Starts a verification for a user, or returns the one the user already has: a second start (another tab, another
    /// instance) gets the same live session. A session that expired unstarted, or whose verdict is final, is replaced by
    /// a new one.
    /// </summary>
    /// <param name="userId">Your application's id of the user (at most 256 characters): from its authentication, never from a URL.</param>
    /// <param name="request">The flow for a new session; not sent when the user has a live one.</param>
    /// <param name="account">The account to start it with (the name given to <c>AddIdentomat</c>; empty for the default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user's live verification: send the user to its <see cref="IdentomatVerification.WidgetUrl"/>.</returns>
    /// <exception cref="IdentomatException">The session could not be started (validation, authentication, the server): nothing is left reserved.</exception>
    Task<IdentomatVerification> StartAsync(string userId, SessionRequest request, string account = "", CancellationToken cancellationToken = default);

    /// <summary>The user's most recent verification, or null.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verification, as stored.</returns>
    Task<IdentomatVerification?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a session's result and applies it if it moves the verification forward: call it from the return page and
    /// when the iframe posts <c>"DONE"</c>. An answer older than the stored one, a stage behind it, or anything after a
    /// final verdict is not applied; a newer final answer that disagrees is recorded
    /// (<see cref="VerificationCause.ReversalNotApplied"/>) and raised.
    /// </summary>
    /// <param name="sessionToken">The session's token.</param>
    /// <param name="cause">What asked for the read (a <see cref="VerificationCause"/> value), for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verification after the read; null when no verification has that token.</returns>
    /// <exception cref="IdentomatException">The result could not be read (the verification is unchanged).</exception>
    Task<IdentomatVerification?> RefreshAsync(string sessionToken, string cause = VerificationCause.Refresh, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a user's verifications on the user's request: deletes the vendor's copy (<c>delete/</c>) and the personal
    /// data stored here, except what <see cref="IdentomatLifecycleOptions.MinimumRetention"/> still protects unless you
    /// override it. Each erasure is in the audit trail.
    /// </summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="overrideMinimumRetention">True to erase what the minimum still protects (a decision your compliance officer takes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was erased, what was kept, and which rule won.</returns>
    Task<IdentomatErasure> EraseAsync(string userId, bool overrideMinimumRetention = false, CancellationToken cancellationToken = default);
}
