namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The retention policy: verifications that ended more than <see cref="IdentomatLifecycleOptions.RetentionPeriod"/> ago
/// (never less than the minimum: options validation refuses a shorter period) are purged here and at the vendor; a
/// vendor deletion that failed is tried again each cycle; handled and dead-lettered callbacks are deleted after
/// <see cref="IdentomatLifecycleOptions.InboxRetention"/>. A dry run only counts and logs. Runs on the lease holder,
/// and stops when the lease is lost.
/// </summary>
internal static class Retention
{
    public static async Task<int> ApplyAsync(LifecycleDatabase database, IdentomatLifecycleOptions options, Func<bool> holdsLease, ILogger logger, CancellationToken cancellationToken)
    {
        var now = await database.RunAsync((context, _) => database.NowAsync(context, cancellationToken)).ConfigureAwait(false);
        var purged = 0;
        var cutoff = DateTime.MinValue;
        if (options.RetentionPeriod is { } period)
        {
            cutoff = now - (period > options.MinimumRetention ? period : options.MinimumRetention);
            var limit = cutoff;
            if (options.RetentionDryRun)
            {
                purged = await database.RunAsync((context, _) => context.Set<IdentomatVerification>()
                    .CountAsync(v => v.PurgedAt == null && v.EndedAt != null && v.EndedAt <= limit, cancellationToken)).ConfigureAwait(false);
                LifecycleMetrics.Purges.Add(purged, new KeyValuePair<string, object?>("identomat.retention.dry_run", true), new KeyValuePair<string, object?>("identomat.verification.cause", VerificationCause.Purge));
            }
            else
            {
                purged = await PurgeEndedAsync(database, options, limit, holdsLease, logger, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!options.RetentionDryRun)
        {
            await RetryVendorDeletionsAsync(database, options, holdsLease, logger, cancellationToken).ConfigureAwait(false);
        }

        var inboxCutoff = now - options.InboxRetention;
        var inbox = await database.RunAsync((context, _) =>
        {
            var old = context.Set<IdentomatInboxMessage>().Where(m => m.State != InboxState.Pending && m.CompletedAt <= inboxCutoff);
            return options.RetentionDryRun ? old.CountAsync(cancellationToken) : old.ExecuteDeleteAsync(cancellationToken);
        }).ConfigureAwait(false);
        if (purged > 0 || inbox > 0)
        {
            LifecycleLog.Retained(logger, options.RetentionDryRun ? "dry run (nothing deleted)" : "applied", purged, cutoff, inbox);
        }

        return purged;
    }

    private static async Task<int> PurgeEndedAsync(
        LifecycleDatabase database, IdentomatLifecycleOptions options, DateTime limit, Func<bool> holdsLease, ILogger logger, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var page = await database.RunAsync((context, _) => context.Set<IdentomatVerification>().AsNoTracking()
                .Where(v => v.PurgedAt == null && v.EndedAt != null && v.EndedAt <= limit)
                .OrderBy(v => v.EndedAt).ThenBy(v => v.Id).Take(options.SweepPageSize).ToListAsync(cancellationToken)).ConfigureAwait(false);
            var purgedInPage = 0;
            foreach (var row in page)
            {
                if (!holdsLease())
                {
                    return purged;
                }

                // A row a read changed meanwhile is left for the next cycle, which decides on it again.
                purgedInPage += await Purger.PurgeAsync(database, row, VerificationCause.Purge, eraseUser: false, logger, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            purged += purgedInPage;
            if (page.Count < options.SweepPageSize || purgedInPage == 0)
            {
                return purged;
            }
        }
    }

    private static async Task RetryVendorDeletionsAsync(
        LifecycleDatabase database, IdentomatLifecycleOptions options, Func<bool> holdsLease, ILogger logger, CancellationToken cancellationToken)
    {
        // One page a cycle: a vendor that keeps refusing does not hold the cycle up.
        var pending = await database.RunAsync((context, _) => context.Set<IdentomatVerification>().AsNoTracking()
            .Where(v => v.PurgedAt != null && v.SessionToken != null).OrderBy(v => v.PurgedAt).ThenBy(v => v.Id)
            .Select(v => new { v.Id, v.Account, Token = v.SessionToken! }).Take(options.SweepPageSize).ToListAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var row in pending)
        {
            if (!holdsLease())
            {
                return;
            }

            await Purger.DeleteAtVendorAsync(database, row.Id, row.Account, row.Token, logger, cancellationToken).ConfigureAwait(false);
        }
    }
}
