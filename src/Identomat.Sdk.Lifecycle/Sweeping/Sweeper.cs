using Microsoft.Extensions.Hosting;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Re-reads the sessions nobody re-read (lost callbacks, lost redirects) until their verdict is final or they expired,
/// and applies the retention policy; on the one instance that holds the lease. Pages through due rows, so its memory
/// does not grow with the table; each session backs off (doubling, up to <see cref="IdentomatLifecycleOptions.MaxRetryDelay"/>).
/// </summary>
internal sealed class Sweeper(LifecycleDatabase database, IdentomatVerifications verifications, ILogger<Sweeper> logger) : BackgroundService
{
    private bool _holding;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = database.Options;
        if (!options.EnableSweeper)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LifecycleLog.JobFailed(logger, "sweeper", ex);
            }

            try
            {
                await Task.Delay(database.Options.SweepInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (_holding)
        {
            await Lease.ReleaseAsync(database, Lease.Sweeper, options.InstanceName).ConfigureAwait(false);
        }
    }

    /// <summary>One cycle: the sweep and the retention policy, when this instance holds (or takes) the lease.</summary>
    /// <returns>How many sessions were read, or -1 when another instance holds the lease.</returns>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var options = database.Options;
        if (!await Lease.HoldAsync(database, Lease.Sweeper, options.InstanceName, options.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            _holding = false;
            return -1;
        }

        if (!_holding)
        {
            _holding = true;
            LifecycleLog.LeaseTaken(logger, options.InstanceName);
        }

        var lease = new LeaseKeeper(database, options);
        await using var _ = lease.ConfigureAwait(false);
        var read = await SweepAsync(options, lease, cancellationToken).ConfigureAwait(false);
        if (lease.Held)
        {
            await Retention.ApplyAsync(database, options, () => lease.Held, logger, cancellationToken).ConfigureAwait(false);
        }

        _holding = lease.Held;
        return read;
    }

    private async Task<int> SweepAsync(IdentomatLifecycleOptions options, LeaseKeeper lease, CancellationToken cancellationToken)
    {
        var read = 0;
        DateTime? cycle = null;
        while (true)
        {
            var (now, page) = await database.RunAsync(async (context, _) =>
            {
                var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);

                // Due at the cycle's start: a session read in this cycle is pushed past it, so a cycle reads it once.
                var due = cycle ??= now;
                var page = await context.Set<IdentomatVerification>().AsNoTracking()
                    .Where(v => (v.State == VerificationState.InProgress || v.State == VerificationState.InReview) && v.SessionToken != null && v.NextSweepAt <= due)
                    .OrderBy(v => v.NextSweepAt).ThenBy(v => v.Id)
                    .Select(v => new Due(v.Id, v.SessionToken!, v.Account, v.State, v.ExpiresAt, v.Sweeps, v.NextSweepAt))
                    .Take(options.SweepPageSize).ToListAsync(cancellationToken).ConfigureAwait(false);

                // Pushed back before the reads, one statement per backoff step: a read that fails (or a crash) does
                // not bring a session straight back.
                foreach (var group in page.GroupBy(d => d.Sweeps))
                {
                    var ids = group.Select(d => d.Id).ToList();
                    var next = now + Backoff.Delay(options.SweepInterval, options.MaxRetryDelay, group.Key);
                    var sweeps = group.Key + 1;
                    await context.Set<IdentomatVerification>().Where(v => ids.Contains(v.Id))
                        .ExecuteUpdateAsync(set => set.SetProperty(v => v.NextSweepAt, next).SetProperty(v => v.Sweeps, sweeps), cancellationToken)
                        .ConfigureAwait(false);
                }

                return (now, page);
            }).ConfigureAwait(false);
            LifecycleMetrics.SweeperLag(page.Count == 0 ? TimeSpan.Zero : now - page[0].NextSweepAt!.Value);
            if (page.Count == 0)
            {
                return read;
            }

            await Parallel.ForEachAsync(
                page,
                new ParallelOptions { MaxDegreeOfParallelism = options.SweepConcurrency, CancellationToken = cancellationToken },
                async (due, token) =>
                {
                    // Checked before each read: a page does not go on beside the next holder once the lease is lost.
                    if (lease.Held)
                    {
                        await SweepOneAsync(due, now, options, token).ConfigureAwait(false);
                        Interlocked.Increment(ref read);
                    }
                }).ConfigureAwait(false);
            if (!lease.Held)
            {
                return read;
            }
        }
    }

    private async Task SweepOneAsync(Due due, DateTime now, IdentomatLifecycleOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var readStart = await database.RunAsync((context, _) => database.NowAsync(context, cancellationToken)).ConfigureAwait(false);
            await verifications.ReadAndApplyAsync(due.Id, due.Token, due.Account, due.State, due.ExpiresAt, readStart, VerificationCause.Sweep, cancellationToken).ConfigureAwait(false);

            // Abandoned: read one last time (above), and if that brought no verdict either, it ends here.
            if (due.State == VerificationState.InProgress && due.ExpiresAt is { } expires && now >= expires + options.AbandonAfter)
            {
                await verifications.EndAsync(due.Id, VerificationState.InProgress, VerificationState.Expired, VerificationCause.Expiry, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IdentomatException ex) when (ex.IsTransient)
        {
            LifecycleLog.ReadSkipped(logger, due.Id, "Identomat is unavailable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One session that cannot be read (an account no longer configured, a refused answer, the database)
            // does not stop the others: it is read again after its backoff.
            LifecycleLog.SweepFailed(logger, due.Id, ex.GetType().FullName ?? "(other)");
        }
    }

    /// <summary>
    /// The lease during one cycle: renewed in the background every third of its duration (a read that takes longer than
    /// the gap between two reads does not let it lapse), and lost for good once a renewal fails; every read and purge
    /// asks first.
    /// </summary>
    private sealed class LeaseKeeper : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;
        private volatile bool _lost;

        public LeaseKeeper(LifecycleDatabase database, IdentomatLifecycleOptions options) =>
            _renewing = RenewAsync(database, options, _stop.Token);

        /// <summary>False once a renewal failed: stop reading and purging.</summary>
        public bool Held => !_lost;

        private async Task RenewAsync(LifecycleDatabase database, IdentomatLifecycleOptions options, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(options.LeaseDuration / 3);
            try
            {
                while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                {
                    if (!await Lease.HoldAsync(database, Lease.Sweeper, options.InstanceName, options.LeaseDuration, stop).ConfigureAwait(false))
                    {
                        _lost = true;
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The cycle ended.
            }
            catch (Exception)
            {
                _lost = true;   // the database could not be asked: the lease may lapse, so stop as if it had
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    private sealed record Due(Guid Id, string Token, string Account, VerificationState State, DateTime? ExpiresAt, int Sweeps, DateTime? NextSweepAt);
}
