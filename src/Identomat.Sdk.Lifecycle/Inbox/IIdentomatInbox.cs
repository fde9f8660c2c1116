namespace Identomat.Sdk.Lifecycle;

/// <summary>The stored callbacks, for operators: replay one, count what waits.</summary>
public interface IIdentomatInbox
{
    /// <summary>
    /// Hands a stored callback to its handlers again (a dead-lettered one once its cause is fixed, or a handled one):
    /// its failed attempts start from zero. Its handlers get the same idempotency key.
    /// </summary>
    /// <param name="deduplicationKey">The callback's <see cref="IdentomatCallback.DeduplicationKey"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the callback was found (and not purged) and queued again.</returns>
    Task<bool> ReplayAsync(string deduplicationKey, CancellationToken cancellationToken = default);

    /// <summary>How many stored callbacks wait for their handlers, and how many are dead-lettered.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The two counts.</returns>
    Task<(int Pending, int DeadLettered)> CountAsync(CancellationToken cancellationToken = default);
}
