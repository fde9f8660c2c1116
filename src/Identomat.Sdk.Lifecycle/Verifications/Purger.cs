namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Purges one verification's personal data. Locally first, as one conditional update on the row as it was decided on
/// (a read or another purge that changed it meanwhile makes the caller decide again), with its audit event; then the
/// vendor's copy (<c>delete/</c>). The session token is kept until the vendor confirmed, so a failed deletion is retried
/// by the next retention cycle; a purged row takes no read any more.
/// </summary>
internal static class Purger
{
    /// <returns>True when this call purged it; false when the row changed since it was read (decide again) or was purged.</returns>
    public static async Task<bool> PurgeAsync(LifecycleDatabase database, IdentomatVerification row, string cause, bool eraseUser, ILogger logger, CancellationToken cancellationToken)
    {
        var purged = await database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var user = eraseUser ? null : row.UserId;   // erased: the decision stays, the person does not
            var ended = row.EndedAt ?? now;
            var state = row.State is VerificationState.Final ? VerificationState.Final : VerificationState.Expired;
            var (from, lastRead) = (row.State, row.LastReadStartedAt);
            var account = row.Account;
            return await LifecycleDatabase.ChangeAsync(
                context,
                async () =>
                {
                    var rows = await context.Set<IdentomatVerification>()
                        .Where(v => v.Id == row.Id && v.PurgedAt == null && v.State == from && v.LastReadStartedAt == lastRead)
                        .ExecuteUpdateAsync(
                            set => set.SetProperty(v => v.WidgetUrl, (string?)null).SetProperty(v => v.ResultJson, (string?)null)
                                .SetProperty(v => v.ActiveUserId, (string?)null).SetProperty(v => v.UserId, user).SetProperty(v => v.State, state)
                                .SetProperty(v => v.EndedAt, ended).SetProperty(v => v.PurgedAt, now).SetProperty(v => v.UpdatedAt, now),
                            cancellationToken)
                        .ConfigureAwait(false);
                    if (rows == 1 && row.SessionToken is { } session)
                    {
                        await context.Set<IdentomatInboxMessage>().Where(m => m.SessionId == session && m.Account == account)
                            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return rows;
                },
                LifecycleDatabase.Event(row.Id, now, from, state, null, cause),
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (!purged)
        {
            return false;
        }

        LifecycleMetrics.Purges.Add(1, new KeyValuePair<string, object?>("identomat.retention.dry_run", false), new KeyValuePair<string, object?>("identomat.verification.cause", cause));
        if (row.SessionToken is { } token)
        {
            await DeleteAtVendorAsync(database, row.Id, row.Account, token, logger, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Deletes the vendor's copy of a purged verification, then forgets its token; false when the vendor did not confirm.</summary>
    public static async Task<bool> DeleteAtVendorAsync(LifecycleDatabase database, Guid id, string account, string token, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await database.Client(account).DeleteSessionAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentomatSessionNotFoundException)
        {
            // Deleted already, or expired at the vendor: nothing of it is left there.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LifecycleLog.VendorDeleteFailed(logger, id, ex.GetType().FullName ?? "(other)");
            return false;
        }

        await database.RunAsync(async (context, _) =>
            await context.Set<IdentomatVerification>().Where(v => v.Id == id && v.SessionToken == token && v.PurgedAt != null)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.SessionToken, (string?)null), CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        return true;
    }
}
