namespace Identomat.Sdk.Lifecycle;

/// <summary>The stored callbacks, through the lifecycle's own contexts.</summary>
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
