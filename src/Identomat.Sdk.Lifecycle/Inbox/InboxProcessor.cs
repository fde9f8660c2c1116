using Microsoft.Extensions.Hosting;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Hands stored callbacks to their handlers: claims due rows one by one with a conditional update (so two instances
/// never claim one row while its claim holds), runs every matching handler, then commits the row as handled under the
/// same claim. A failure is retried with doubling delays and dead-lettered after the configured attempts.
/// </summary>
internal sealed class InboxProcessor(LifecycleDatabase database, LifecycleRegistration registration, InboxSignal signal, ILogger<InboxProcessor> logger)
    : BackgroundService
{
    private const int BatchSize = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = database.Engine;   // no engine is a start-up error, not a silent inbox
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await ProcessDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LifecycleLog.JobFailed(logger, "inbox processor", ex);
            }

            if (handled < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(database.Options.InboxPollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and handles the due rows of one batch; returns how many it claimed.</summary>
    internal async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var options = database.Options;
        var (now, claimed) = await database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var inbox = context.Set<IdentomatInboxMessage>();
            var due = await inbox.AsNoTracking()
                .Where(m => m.State == InboxState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            var claimedIds = new List<long>();
            var until = now + options.HandlingClaim;
            foreach (var id in due)
            {
                var rows = await inbox
                    .Where(m => m.Id == id && m.State == InboxState.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, options.InstanceName).SetProperty(m => m.ClaimedUntil, until), cancellationToken)
                    .ConfigureAwait(false);
                if (rows == 1)
                {
                    claimedIds.Add(id);
                }
            }

            if (due.Count == 0)
            {
                LifecycleMetrics.InboxCounts(
                    await inbox.CountAsync(m => m.State == InboxState.Pending, cancellationToken).ConfigureAwait(false),
                    await inbox.CountAsync(m => m.State == InboxState.DeadLettered, cancellationToken).ConfigureAwait(false));
            }

            return (now, claimedIds);
        }).ConfigureAwait(false);

        foreach (var id in claimed)
        {
            await HandleAsync(id, options, cancellationToken).ConfigureAwait(false);
        }

        return claimed.Count;
    }

    private async Task HandleAsync(long id, IdentomatLifecycleOptions options, CancellationToken cancellationToken)
    {
        await database.RunAsync<bool>(async (context, services) =>
        {
            var inbox = context.Set<IdentomatInboxMessage>();
            var row = await inbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
            Exception? failure = null;
            var permanent = false;
            try
            {
                var callback = IdentomatCallback.Restore(row.Payload ?? string.Empty, row.DeduplicationKey);
                var userId = row.SessionId is null ? null : await context.Set<IdentomatVerification>().AsNoTracking()
                    .Where(v => v.SessionToken == row.SessionId).Select(v => v.UserId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                var handling = new IdentomatCallbackContext(row.DeduplicationKey, row.Account, row.FailedAttempts + 1, userId);
                foreach (var handler in registration.Handlers.Where(h => h.CallbackType.IsInstanceOfType(callback)))
                {
                    await handler.Invoke(services, callback, handling, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: give the row back untouched, to be handled again (not a failure).
                await inbox.Where(m => m.Id == id && m.ClaimedBy == options.InstanceName)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None)
                    .ConfigureAwait(false);
                throw;
            }
            catch (IdentomatCallbackException ex)
            {
                failure = ex;   // a stored payload that cannot be rebuilt will not get better
                permanent = true;
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            var now = await database.NowAsync(context, CancellationToken.None).ConfigureAwait(false);
            if (failure is null)
            {
                var committed = await inbox.Where(m => m.Id == id && m.ClaimedBy == options.InstanceName && m.State == InboxState.Pending)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(m => m.State, InboxState.Handled).SetProperty(m => m.CompletedAt, now)
                            .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                        CancellationToken.None)
                    .ConfigureAwait(false);
                if (committed == 0)
                {
                    LifecycleLog.ClaimLost(logger, id);
                }

                LifecycleMetrics.Handled.Add(1, new KeyValuePair<string, object?>("identomat.inbox.outcome", "handled"));
                return true;
            }

            var attempts = row.FailedAttempts + 1;
            var error = failure.GetType().FullName is { Length: <= 256 } name ? name : "(other)";
            if (permanent || attempts >= options.MaxHandlingAttempts)
            {
                await inbox.Where(m => m.Id == id && m.ClaimedBy == options.InstanceName)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(m => m.State, InboxState.DeadLettered).SetProperty(m => m.FailedAttempts, attempts)
                            .SetProperty(m => m.LastError, error).SetProperty(m => m.CompletedAt, now)
                            .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                        CancellationToken.None)
                    .ConfigureAwait(false);
                LifecycleLog.DeadLettered(logger, row.Type, id, attempts, failure);
                LifecycleMetrics.Handled.Add(1, new KeyValuePair<string, object?>("identomat.inbox.outcome", "dead_lettered"));
                return false;
            }

            var next = now + Backoff.Delay(options.RetryDelay, options.MaxRetryDelay, attempts - 1);
            await inbox.Where(m => m.Id == id && m.ClaimedBy == options.InstanceName)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.FailedAttempts, attempts).SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                    CancellationToken.None)
                .ConfigureAwait(false);
            LifecycleLog.HandlingFailed(logger, row.Type, attempts, next, failure);
            LifecycleMetrics.Handled.Add(1, new KeyValuePair<string, object?>("identomat.inbox.outcome", "retried"));
            return false;
        }).ConfigureAwait(false);
    }
}

/// <summary>Doubling delays with a ceiling, for handling retries and sweeps.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(TimeSpan first, TimeSpan ceiling, int previousAttempts)
    {
        var ticks = first.Ticks;
        for (var i = 0; i < previousAttempts && ticks < ceiling.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, ceiling.Ticks));
    }
}
