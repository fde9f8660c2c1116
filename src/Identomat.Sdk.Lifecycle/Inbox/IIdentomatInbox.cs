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

internal sealed class IdentomatInbox(LifecycleDatabase database, InboxSignal signal) : IIdentomatInbox
{
    public async Task<bool> ReplayAsync(string deduplicationKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deduplicationKey);
        var replayed = await database.RunAsync(async (context, _) =>
            await context.Set<IdentomatInboxMessage>()
                .Where(m => m.DeduplicationKey == deduplicationKey && m.State != InboxState.Pending && m.Payload != null)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.State, InboxState.Pending).SetProperty(m => m.FailedAttempts, 0)
                        .SetProperty(m => m.NextAttemptAt, DateTime.UnixEpoch).SetProperty(m => m.CompletedAt, (DateTime?)null)
                        .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                    cancellationToken)
                .ConfigureAwait(false) == 1).ConfigureAwait(false);
        if (replayed)
        {
            signal.Wake();
        }

        return replayed;
    }

    public Task<(int Pending, int DeadLettered)> CountAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(async (context, _) =>
        {
            var inbox = context.Set<IdentomatInboxMessage>();
            return (await inbox.CountAsync(m => m.State == InboxState.Pending, cancellationToken).ConfigureAwait(false),
                await inbox.CountAsync(m => m.State == InboxState.DeadLettered, cancellationToken).ConfigureAwait(false));
        });
}
