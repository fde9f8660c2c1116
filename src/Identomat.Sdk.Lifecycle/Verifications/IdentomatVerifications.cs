namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The per-user state machine. Every change is a conditional update on the row as it was read (its state and its
/// last read's start), in a transaction with its audit event: two writers never both win, on any engine, without a
/// lock held in memory.
/// </summary>
internal sealed class IdentomatVerifications(LifecycleDatabase database, ILogger<IdentomatVerifications> logger) : IIdentomatVerifications
{
    private const int MaxConflicts = 16;

    public async Task<IdentomatVerification> StartAsync(string userId, SessionRequest request, string account = "", CancellationToken cancellationToken = default)
    {
        CheckUserId(userId);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(account);

        var client = database.Client(account);   // an unknown account fails here, before anything is reserved
        var options = database.Options;
        while (true)
        {
            var (live, reserved, now) = await ReserveAsync(userId, account, options, cancellationToken).ConfigureAwait(false);
            if (live is not null)
            {
                return live;
            }

            if (reserved is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                continue;
            }

            IdentomatSession session;
            try
            {
                session = await client.BeginSessionAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await EndAsync(reserved.Id, VerificationState.Starting, VerificationState.Expired, VerificationCause.StartFailed, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            // From here the session exists at the vendor: recording it is not cancelled with the caller.
            var started = await database.RunAsync((context, _) =>
            {
                var (token, widget) = (session.Token, session.WidgetUrl.ToString());
                var (expires, sweep) = (now + IdentomatSession.DefaultLifetime, now + options.SweepAfter);

                // No row changed: taken over after StartWait, the other start's session is the user's.
                return LifecycleDatabase.ChangeAsync(
                    context,
                    () => context.Set<IdentomatVerification>().Where(v => v.Id == reserved.Id && v.State == VerificationState.Starting)
                        .ExecuteUpdateAsync(
                            set => set.SetProperty(v => v.SessionToken, token).SetProperty(v => v.WidgetUrl, widget)
                                .SetProperty(v => v.State, VerificationState.InProgress).SetProperty(v => v.ExpiresAt, expires)
                                .SetProperty(v => v.NextSweepAt, sweep).SetProperty(v => v.UpdatedAt, now),
                            CancellationToken.None),
                    LifecycleDatabase.Event(reserved.Id, now, VerificationState.Starting, VerificationState.InProgress, null, VerificationCause.Start),
                    CancellationToken.None);
            }).ConfigureAwait(false);
            if (started)
            {
                LifecycleMetrics.Transition(VerificationState.InProgress, VerificationCause.Start);
                return await FindByIdAsync(reserved.Id, CancellationToken.None).ConfigureAwait(false);
            }

            // Taken over (begin/ outlasted StartWait): the user gets the other start's session; this one, never shown
            // to anyone, is deleted at the vendor.
            try
            {
                await client.DeleteSessionAsync(session.Token, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IdentomatException)
            {
                // Unstarted, it expires at the vendor within 15 minutes anyway.
            }
        }
    }

    /// <summary>
    /// The user's live verification, or a new reservation (a row in <see cref="VerificationState.Starting"/> holding the
    /// user's unique slot), or neither when another start holds the slot and is still within its wait.
    /// </summary>
    private Task<(IdentomatVerification? Live, IdentomatVerification? Reserved, DateTime Now)> ReserveAsync(
        string userId, string account, IdentomatLifecycleOptions options, CancellationToken cancellationToken) =>
        database.RunAsync<(IdentomatVerification?, IdentomatVerification?, DateTime)>(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var current = await context.Set<IdentomatVerification>().AsNoTracking()
                .SingleOrDefaultAsync(v => v.ActiveUserId == userId, cancellationToken).ConfigureAwait(false);
            if (current is not null)
            {
                switch (current.State)
                {
                    case VerificationState.Starting when now - current.CreatedAt < options.StartWait:
                        return (null, null, now);   // another start is waiting for begin/: wait for its session
                    case VerificationState.Starting:
                        // Its starter died or stalled past the wait: free the slot.
                        await EndAsync(current.Id, VerificationState.Starting, VerificationState.Expired, VerificationCause.StartFailed, cancellationToken).ConfigureAwait(false);
                        return (null, null, now);
                    case VerificationState.InProgress when current.ExpiresAt <= now:
                        await EndAsync(current.Id, VerificationState.InProgress, VerificationState.Expired, VerificationCause.Expiry, cancellationToken).ConfigureAwait(false);
                        return (null, null, now);
                    case VerificationState.InProgress or VerificationState.InReview:
                        return (current, null, now);
                    default:
                        // Final or expired rows free their slot when they end; this one did not (a purge raced it).
                        await context.Set<IdentomatVerification>().Where(v => v.Id == current.Id && v.State == current.State)
                            .ExecuteUpdateAsync(set => set.SetProperty(v => v.ActiveUserId, (string?)null), cancellationToken).ConfigureAwait(false);
                        return (null, null, now);
                }
            }

            var reserved = new IdentomatVerification
            {
                Id = Guid.NewGuid(),
                UserId = userId,
                ActiveUserId = userId,
                Account = account,
                State = VerificationState.Starting,
                CreatedAt = now,
                UpdatedAt = now,
            };
            // False when another start reserved the user's slot first: wait for its session.
            return await LifecycleDatabase.TryInsertAsync(context, reserved, cancellationToken).ConfigureAwait(false) ? (null, reserved, now) : (null, null, now);
        });

    public Task<IdentomatVerification?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        CheckUserId(userId);
        return database.RunAsync((context, _) => context.Set<IdentomatVerification>().AsNoTracking()
            .Where(v => v.UserId == userId).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken));
    }

    public async Task<IdentomatVerification?> RefreshAsync(string sessionToken, string cause = VerificationCause.Refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionToken);
        if (cause is not (VerificationCause.Refresh or VerificationCause.Return or VerificationCause.Callback))
        {
            throw new ArgumentException("The cause is VerificationCause.Refresh, Return or Callback.", nameof(cause));
        }

        if (!LifecycleDatabase.IsPlain(sessionToken, 128))
        {
            return null;   // no session token the lifecycle stored looks like this (a NUL, an address, a path)
        }

        var found = await database.RunAsync(async (context, _) =>
        {
            var row = await context.Set<IdentomatVerification>().AsNoTracking()
                .SingleOrDefaultAsync(v => v.SessionToken == sessionToken, cancellationToken).ConfigureAwait(false);
            return row is null ? default : (Row: row, ReadStart: await database.NowAsync(context, cancellationToken).ConfigureAwait(false));
        }).ConfigureAwait(false);
        if (found.Row is not { } row)
        {
            return null;
        }

        await ReadAndApplyAsync(row.Id, sessionToken, row.Account, row.State, row.ExpiresAt, found.ReadStart, cause, cancellationToken).ConfigureAwait(false);
        return await FindByIdAsync(row.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a session's result, the read having started at <paramref name="readStart"/> (the database's clock), and
    /// applies it; a session the vendor no longer knows expires once past its expiry.
    /// </summary>
    internal async Task ReadAndApplyAsync(
        Guid id, string sessionToken, string account, VerificationState state, DateTime? expiresAt, DateTime readStart, string cause, CancellationToken cancellationToken)
    {
        VerificationResult result;
        try
        {
            result = await database.Client(account).GetResultAsync(sessionToken, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentomatSessionNotFoundException)
        {
            if (state == VerificationState.InProgress && expiresAt <= readStart)
            {
                await EndAsync(id, VerificationState.InProgress, VerificationState.Expired, VerificationCause.Expiry, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                LifecycleLog.ReadSkipped(logger, id, "the session is not found");
            }

            return;
        }

        await ApplyAsync(id, readStart, result, cause, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies a result read at <paramref name="readStart"/> (the database's clock) if it moves the verification forward.</summary>
    internal async Task ApplyAsync(Guid id, DateTime readStart, VerificationResult result, string cause, CancellationToken cancellationToken)
    {
        var to = result.Stage switch
        {
            VerificationStage.Final => VerificationState.Final,
            VerificationStage.InReview => VerificationState.InReview,
            _ => VerificationState.InProgress,
        };
        var status = LifecycleDatabase.Token(result.Status?.Value);
        var documentType = LifecycleDatabase.Token(result.DocumentType?.Value);
        var rejectReason = LifecycleDatabase.Token(result.RejectReason?.Value);
        var resultJson = database.Options.StoreResultJson ? result.ToJson() : null;
        for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
        {
            // True once settled: applied, or nothing to apply.
            var settled = await database.RunAsync(async (context, _) =>
            {
                var verifications = context.Set<IdentomatVerification>();
                var row = await verifications.AsNoTracking().SingleAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
                var newer = row.LastReadStartedAt is not { } last || readStart >= last;
                if (row.PurgedAt is not null)
                {
                    return true;   // purged or erased: nothing is written back
                }

                if (row.State == VerificationState.Final)
                {
                    // A newer read that is not this verdict (another verdict, or a case an operator reopened).
                    if (newer && (to != VerificationState.Final || status != row.Status))
                    {
                        await ReversalAsync(context, row, readStart, status, cancellationToken).ConfigureAwait(false);
                    }

                    return true;
                }

                // A later stage is applied whenever it was read (states only move forward, so the order in which two
                // reads finish cannot undo one); within one stage the answer whose read started last wins.
                if (row.State == VerificationState.Starting || (to < row.State && row.State != VerificationState.Expired)
                    || (to == row.State && !newer) || (row.State == VerificationState.Expired && to != VerificationState.Final))
                {
                    return true;   // a stage behind, an older answer of the same stage, or no verdict for an ended session
                }

                var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
                var ended = to == VerificationState.Final ? now : row.EndedAt;
                var slot = to == VerificationState.Final ? null : row.ActiveUserId;
                var (from, lastRead) = (row.State, row.LastReadStartedAt);
                var latestRead = newer ? readStart : lastRead;
                var changed = await LifecycleDatabase.ChangeAsync(
                    context,
                    () => verifications.Where(v => v.Id == id && v.State == from && v.LastReadStartedAt == lastRead && v.PurgedAt == null)
                        .ExecuteUpdateAsync(
                            set => set.SetProperty(v => v.State, to).SetProperty(v => v.Status, status).SetProperty(v => v.DocumentType, documentType)
                                .SetProperty(v => v.RejectReason, rejectReason).SetProperty(v => v.ResultJson, resultJson)
                                .SetProperty(v => v.LastReadStartedAt, latestRead).SetProperty(v => v.UpdatedAt, now)
                                .SetProperty(v => v.EndedAt, ended).SetProperty(v => v.ActiveUserId, slot),
                            cancellationToken),
                    from != to || status != row.Status ? LifecycleDatabase.Event(id, now, from, to, status, cause) : null,
                    cancellationToken).ConfigureAwait(false);
                if (!changed)
                {
                    return false;   // another read changed it meanwhile: look again
                }

                if (from != to)
                {
                    LifecycleMetrics.Transition(to, cause);
                }

                return true;
            }).ConfigureAwait(false);
            if (settled)
            {
                return;
            }
        }

        throw new InvalidOperationException("The verification kept changing under this read; try again.");
    }

    private async Task ReversalAsync(DbContext context, IdentomatVerification row, DateTime readStart, string? status, CancellationToken cancellationToken)
    {
        // Recorded once per disagreeing status, by whichever read marks the row first (a conditional update): reads of
        // it again, from any instance, add nothing.
        var disagreement = status ?? "(none)";
        if (!await LifecycleDatabase.ChangeAsync(
            context,
            () => context.Set<IdentomatVerification>()
                .Where(v => v.Id == row.Id && v.State == VerificationState.Final && (v.Disagreement == null || v.Disagreement != disagreement))
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Disagreement, disagreement), cancellationToken),
            LifecycleDatabase.Event(row.Id, readStart, VerificationState.Final, VerificationState.Final, status, VerificationCause.ReversalNotApplied),
            cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        LifecycleMetrics.Reversals.Add(1);
        LifecycleLog.ReversalNotApplied(logger, row.Id, row.Status, status);
    }

    /// <summary>Ends a verification that is still in <paramref name="from"/>, freeing the user's slot.</summary>
    internal Task<bool> EndAsync(Guid id, VerificationState from, VerificationState to, string cause, CancellationToken cancellationToken) =>
        database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var ended = await LifecycleDatabase.ChangeAsync(
                context,
                () => context.Set<IdentomatVerification>().Where(v => v.Id == id && v.State == from)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(v => v.State, to).SetProperty(v => v.ActiveUserId, (string?)null)
                            .SetProperty(v => v.EndedAt, now).SetProperty(v => v.UpdatedAt, now),
                        cancellationToken),
                LifecycleDatabase.Event(id, now, from, to, null, cause),
                cancellationToken).ConfigureAwait(false);
            if (ended)
            {
                LifecycleMetrics.Transition(to, cause);
            }

            return ended;
        });

    private Task<IdentomatVerification> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        database.RunAsync((context, _) => context.Set<IdentomatVerification>().AsNoTracking().SingleAsync(v => v.Id == id, cancellationToken));

    public async Task<IdentomatErasure> EraseAsync(string userId, bool overrideMinimumRetention = false, CancellationToken cancellationToken = default)
    {
        CheckUserId(userId);
        var minimum = database.Options.MinimumRetention;
        var ids = await database.RunAsync((context, _) => context.Set<IdentomatVerification>().AsNoTracking()
            .Where(v => v.UserId == userId && v.PurgedAt == null).Select(v => v.Id).ToListAsync(cancellationToken)).ConfigureAwait(false);
        int erased = 0, kept = 0;
        DateTime? keptUntil = null;
        foreach (var id in ids)
        {
            // Decided on the row as it is now, and purged only if it is still so: a read that ended it meanwhile
            // (a final verdict) is decided again, under the minimum retention.
            for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
            {
                var (row, now) = await database.RunAsync(async (context, _) => (
                    await context.Set<IdentomatVerification>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false),
                    await database.NowAsync(context, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
                if (row is null || row.PurgedAt is not null)
                {
                    break;
                }

                if (!overrideMinimumRetention && row.EndedAt is { } ended && ended + minimum > now)
                {
                    kept++;
                    keptUntil = keptUntil is { } until && until > ended + minimum ? until : ended + minimum;
                    break;
                }

                if (await Purger.PurgeAsync(database, row, VerificationCause.Erasure, eraseUser: true, logger, cancellationToken).ConfigureAwait(false))
                {
                    erased++;
                    break;
                }
            }
        }

        return new IdentomatErasure(erased, kept, kept > 0 ? ErasureRule.MinimumRetention : ErasureRule.Request, keptUntil);
    }

    /// <summary>
    /// A user id is text a database stores as it is: 1 to 256 characters, no control characters (PostgreSQL refuses
    /// NUL), no lone surrogates (SQLite would store two different ones as the same replacement character).
    /// </summary>
    private static void CheckUserId(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (userId.Length is 0 or > 256 || string.IsNullOrWhiteSpace(userId) || userId.Any(char.IsControl) || !IsWellFormed(userId))
        {
            throw new ArgumentException("The user id must be 1 to 256 characters of text: no control characters, no lone surrogates.", nameof(userId));
        }

        // Well-formed UTF-16 is exactly what converts to UTF-8 without replacement (at most 3 bytes a character).
        static bool IsWellFormed(string text)
        {
            Span<byte> utf8 = stackalloc byte[256 * 3];
            return System.Text.Unicode.Utf8.FromUtf16(text, utf8, out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;
        }
    }
}
