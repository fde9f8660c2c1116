using Microsoft.Extensions.Hosting;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Hands stored callbacks to their handlers: claims a batch of due rows with one conditional update (so two instances
/// never claim one row while its claim holds), runs every matching handler, and commits the completions under the same
/// claim (<see cref="GroupCommit"/>). A failure is retried with doubling delays and dead-lettered after the configured
/// attempts.
/// </summary>
internal sealed class InboxProcessor(LifecycleDatabase database, LifecycleRegistration registration, InboxSignal signal, IServiceScopeFactory scopes, ILogger<InboxProcessor> logger)
    : BackgroundService
{
    private const int BatchSize = 32;

    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(10);

    private long _countedAt = long.MinValue / 2;   // long before any timestamp: the first idle poll counts

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

    /// <summary>
    /// Claims the due rows of one batch in one conditional update under a claim of its own (the instance's name and a
    /// fresh suffix), and handles them, <see cref="IdentomatLifecycleOptions.HandlingConcurrency"/> at once; returns how
    /// many it claimed.
    /// </summary>
    internal async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var options = database.Options;
        var claim = options.InstanceName + "/" + Guid.NewGuid().ToString("N")[..12];
        var (now, claimed, users) = await database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var inbox = context.Set<IdentomatInboxMessage>();
            var due = await inbox.AsNoTracking()
                .Where(m => m.State == InboxState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (due.Count == 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_countedAt) >= CountEvery)
            {
                // The gauges' counts, at most every CountEvery while idle: an idle poll is one query, not three.
                _countedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                LifecycleMetrics.InboxCounts(
                    await inbox.CountAsync(m => m.State == InboxState.Pending, cancellationToken).ConfigureAwait(false),
                    await inbox.CountAsync(m => m.State == InboxState.DeadLettered, cancellationToken).ConfigureAwait(false));
            }

            if (due.Count == 0)
            {
                return (now, new List<IdentomatInboxMessage>(), new Dictionary<(string Account, string Session), string?>());
            }

            // The condition is checked again on each row as it is updated (PostgreSQL re-reads a row another instance
            // changed meanwhile): a row claimed elsewhere since the select is left out.
            var until = now + options.HandlingClaim;
            await inbox.Where(m => due.Contains(m.Id) && m.State == InboxState.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken)
                .ConfigureAwait(false);
            var rows = await inbox.AsNoTracking().Where(m => due.Contains(m.Id) && m.ClaimedBy == claim).OrderBy(m => m.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var sessions = rows.Where(m => m.SessionId != null).Select(m => m.SessionId!).Distinct().ToList();
            // Joined by session and account: a callback another account authenticated names no user of this one.
            var users = sessions.Count == 0 ? [] : (await context.Set<IdentomatVerification>().AsNoTracking()
                .Where(v => v.SessionToken != null && sessions.Contains(v.SessionToken))
                .Select(v => new { v.Account, v.SessionToken, v.UserId }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToDictionary(v => (Account: v.Account, Session: v.SessionToken!), v => v.UserId);
            return (now, rows, users);
        }).ConfigureAwait(false);

        // The database's clock during the batch: its time at the batch's start plus this process's monotonic time since,
        // which is the database's clock to within the two clocks' rates (parts per million), one query fewer per row.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        DateTime Clock() => now + System.Diagnostics.Stopwatch.GetElapsedTime(started);

        using var commits = new GroupCommit(database, claim, Clock, logger);
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = options.HandlingConcurrency, CancellationToken = CancellationToken.None },
            async (row, _) =>
            {
                if (await HandleAsync(row, claim, row.SessionId is { } session ? users.GetValueOrDefault((row.Account, session)) : null, Clock, now + options.HandlingClaim, options, cancellationToken)
                    .ConfigureAwait(false))
                {
                    await commits.CompletedAsync(row.Id).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        await commits.FlushAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return claimed.Count;
    }

    /// <summary>Runs one callback's handlers; true when they all completed (the caller commits it with its batch).</summary>
    private async Task<bool> HandleAsync(
        IdentomatInboxMessage row, string claim, string? userId, Func<DateTime> clock, DateTime claimedUntil, IdentomatLifecycleOptions options, CancellationToken cancellationToken)
    {
        var id = row.Id;

        // While two thirds of the batch's claim are left, no other instance can hold it. Past that, it is renewed (and
        // checked) on the database's clock just before the handlers run: a row whose claim expired while earlier rows
        // were handled, and that another instance may have taken and handled, is left alone.
        var now = clock();
        if (now >= claimedUntil - (options.HandlingClaim * 2 / 3))
        {
            var until = now + options.HandlingClaim;
            var renewed = await database.RunAsync(async (context, _) =>
                await context.Set<IdentomatInboxMessage>().Where(m => m.Id == id && m.ClaimedBy == claim && m.State == InboxState.Pending && m.ClaimedUntil > now)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, until), CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            if (renewed == 0)
            {
                return false;
            }
        }

        Exception? failure = null;
        var permanent = false;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var callback = IdentomatCallback.Restore(row.Payload ?? string.Empty, row.DeduplicationKey);
            var handling = new IdentomatCallbackContext(row.DeduplicationKey, row.Account, row.FailedAttempts + 1, userId);

            // The handlers' scope is their own: a handler's DbContext, transactions included, is not the processor's.
            var handlerScope = scopes.CreateAsyncScope();
            await using (handlerScope.ConfigureAwait(false))
            {
                foreach (var handler in registration.Handlers.Where(h => h.CallbackType.IsInstanceOfType(callback)))
                {
                    await handler.Invoke(handlerScope.ServiceProvider, callback, handling, cancellationToken).ConfigureAwait(false);
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: give the row back untouched, to be handled again (not a failure).
            await database.RunAsync(async (context, _) =>
                await context.Set<IdentomatInboxMessage>().Where(m => m.Id == id && m.ClaimedBy == claim)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None)
                    .ConfigureAwait(false)).ConfigureAwait(false);
            return false;
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

        await FailedAsync(row, claim, clock(), failure, permanent, options).ConfigureAwait(false);
        return false;
    }

    /// <summary>Records a failed attempt: retried after a doubling delay, or dead-lettered.</summary>
    private async Task FailedAsync(IdentomatInboxMessage row, string claim, DateTime now, Exception failure, bool permanent, IdentomatLifecycleOptions options)
    {
        var outcome = await database.RunAsync(async (context, _) =>
        {
            var id = row.Id;
            var inbox = context.Set<IdentomatInboxMessage>();
            var attempts = row.FailedAttempts + 1;
            var error = failure.GetType().FullName is { Length: <= 256 } name ? name : "(other)";
            if (permanent || attempts >= options.MaxHandlingAttempts)
            {
                await inbox.Where(m => m.Id == id && m.ClaimedBy == claim)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(m => m.State, InboxState.DeadLettered).SetProperty(m => m.FailedAttempts, attempts)
                            .SetProperty(m => m.LastError, error).SetProperty(m => m.CompletedAt, now)
                            .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                        CancellationToken.None)
                    .ConfigureAwait(false);
                LifecycleLog.DeadLettered(logger, row.Type, row.DeduplicationKey, attempts, error);
                return "dead_lettered";
            }

            var next = now + Backoff.Delay(options.RetryDelay, options.MaxRetryDelay, attempts - 1);
            await inbox.Where(m => m.Id == id && m.ClaimedBy == claim)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.FailedAttempts, attempts).SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                    CancellationToken.None)
                .ConfigureAwait(false);
            LifecycleLog.HandlingFailed(logger, row.Type, attempts, next, error);
            return "retried";
        }).ConfigureAwait(false);
        LifecycleMetrics.Handled.Add(1, new KeyValuePair<string, object?>("identomat.inbox.outcome", outcome));
    }
}
