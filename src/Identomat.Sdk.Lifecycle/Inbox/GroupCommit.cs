namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Commits handled callbacks as soon as they complete, several in one statement when they complete together (a group
/// commit: while one statement runs, the completions behind it gather for the next). Under the batch's claim: a row
/// another instance took meanwhile is not committed here, and is reported.
/// </summary>
internal sealed class GroupCommit(LifecycleDatabase database, string claim, Func<DateTime> clock, ILogger logger) : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> _completed = new();
    private readonly SemaphoreSlim _committing = new(1, 1);

    public async Task CompletedAsync(long id)
    {
        _completed.Enqueue(id);
        if (await _committing.WaitAsync(0).ConfigureAwait(false))
        {
            try
            {
                await CommitQueuedAsync().ConfigureAwait(false);
            }
            finally
            {
                _committing.Release();
            }
        }
    }

    /// <summary>Commits what is left once every handler of the batch returned.</summary>
    public async Task FlushAsync()
    {
        await _committing.WaitAsync().ConfigureAwait(false);
        try
        {
            await CommitQueuedAsync().ConfigureAwait(false);
        }
        finally
        {
            _committing.Release();
        }
    }

    private async Task CommitQueuedAsync()
    {
        while (!_completed.IsEmpty)
        {
            var ids = new List<long>();
            while (_completed.TryDequeue(out var id))
            {
                ids.Add(id);
            }

            var completedAt = clock();
            var committed = await database.RunAsync(async (context, _) =>
                await context.Set<IdentomatInboxMessage>().Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim && m.State == InboxState.Pending)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(m => m.State, InboxState.Handled).SetProperty(m => m.CompletedAt, completedAt)
                            .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                        CancellationToken.None)
                    .ConfigureAwait(false)).ConfigureAwait(false);
            if (committed < ids.Count)
            {
                LifecycleLog.ClaimLost(logger, ids.Count - committed);
            }

            LifecycleMetrics.Handled.Add(ids.Count, new KeyValuePair<string, object?>("identomat.inbox.outcome", "handled"));
        }
    }

    public void Dispose() => _committing.Dispose();
}
