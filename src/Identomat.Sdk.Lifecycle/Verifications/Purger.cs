namespace Identomat.Sdk.Lifecycle;

/// <summary>Purges one verification's personal data: the vendor's copy first, then the local one, with an audit event.</summary>
internal static class Purger
{
    /// <summary>What an erased verification's user id becomes: the decision stays, the person does not.</summary>
    public const string ErasedUser = "(erased)";

    /// <returns>True when this call purged it (false when another purge came first).</returns>
    public static async Task<bool> PurgeAsync(LifecycleDatabase database, IdentomatVerification row, string cause, bool eraseUser, CancellationToken cancellationToken)
    {
        if (row.SessionToken is { } token)
        {
            try
            {
                await database.Client(row.Account).DeleteSessionAsync(token, cancellationToken).ConfigureAwait(false);
            }
            catch (IdentomatSessionNotFoundException)
            {
                // Deleted already, or expired at the vendor: nothing of it is left there.
            }
        }

        return await database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var user = eraseUser ? ErasedUser : row.UserId;
            var ended = row.EndedAt ?? now;
            var state = row.State is VerificationState.Final ? VerificationState.Final : VerificationState.Expired;
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = await context.Set<IdentomatVerification>().Where(v => v.Id == row.Id && v.PurgedAt == null)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(v => v.SessionToken, (string?)null).SetProperty(v => v.WidgetUrl, (string?)null)
                            .SetProperty(v => v.ResultJson, (string?)null).SetProperty(v => v.ActiveUserId, (string?)null)
                            .SetProperty(v => v.UserId, user).SetProperty(v => v.State, state).SetProperty(v => v.EndedAt, ended)
                            .SetProperty(v => v.PurgedAt, now).SetProperty(v => v.UpdatedAt, now),
                        cancellationToken)
                    .ConfigureAwait(false);
                if (rows == 0)
                {
                    return false;
                }

                if (row.SessionToken is { } session)
                {
                    await context.Set<IdentomatInboxMessage>().Where(m => m.SessionId == session).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                }

                LifecycleDatabase.Audit(context, row.Id, now, row.State, state, null, cause);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            LifecycleMetrics.Purges.Add(1, new KeyValuePair<string, object?>("identomat.retention.dry_run", false), new KeyValuePair<string, object?>("identomat.verification.cause", cause));
            return true;
        }).ConfigureAwait(false);
    }
}
