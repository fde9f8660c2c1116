namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The retention policy: verifications that ended more than <see cref="IdentomatLifecycleOptions.RetentionPeriod"/> ago
/// (never less than the minimum: options validation refuses a shorter period) are purged here and at the vendor; handled
/// and dead-lettered callbacks are deleted after <see cref="IdentomatLifecycleOptions.InboxRetention"/>. A dry run only
/// counts and logs.
/// </summary>
internal static class Retention
{
    public static async Task<int> ApplyAsync(LifecycleDatabase database, IdentomatLifecycleOptions options, ILogger logger, CancellationToken cancellationToken)
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
                while (true)
                {
                    var page = await database.RunAsync((context, _) => context.Set<IdentomatVerification>().AsNoTracking()
                        .Where(v => v.PurgedAt == null && v.EndedAt != null && v.EndedAt <= limit)
                        .OrderBy(v => v.EndedAt).ThenBy(v => v.Id).Take(options.SweepPageSize).ToListAsync(cancellationToken)).ConfigureAwait(false);
                    foreach (var row in page)
                    {
                        purged += await Purger.PurgeAsync(database, row, VerificationCause.Purge, eraseUser: false, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                    }

                    if (page.Count < options.SweepPageSize)
                    {
                        break;
                    }
                }
            }
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
}
