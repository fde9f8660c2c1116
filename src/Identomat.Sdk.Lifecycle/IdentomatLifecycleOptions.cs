namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The lifecycle's settings. Durations are validated when the application starts: every one must be positive and
/// <see cref="RetentionPeriod"/> no shorter than <see cref="MinimumRetention"/>.
/// </summary>
public sealed class IdentomatLifecycleOptions
{
    /// <summary>
    /// This instance's name in claims and leases (default: machine name and process id). Unique per instance: two
    /// instances with one name would take each other's claims for their own.
    /// </summary>
    public string InstanceName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>How often the processor looks for stored callbacks besides the ones this instance stored (default 1 s, at most a day).</summary>
    public TimeSpan InboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim on a stored callback holds (default 5 minutes): a handler running longer may see it run twice.</summary>
    public TimeSpan HandlingClaim { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many stored callbacks an instance hands to their handlers at once (default 8). Handling waits on the
    /// handlers' own calls; completions are committed in groups.
    /// </summary>
    public int HandlingConcurrency { get; set; } = 8;

    /// <summary>How many failed handling attempts dead-letter a callback (default 8).</summary>
    public int MaxHandlingAttempts { get; set; } = 8;

    /// <summary>The delay after the first failed attempt (default 5 s), doubled after each next one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between two handling attempts, and between two sweeps of one session (default 1 hour).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a second start for a user waits for the first one's <c>begin/</c> (default 30 s); a longer one is taken over.</summary>
    public TimeSpan StartWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the sweeper runs on this instance (default true; it still sweeps only while it holds the lease).</summary>
    public bool EnableSweeper { get; set; } = true;

    /// <summary>A verification no read has settled is swept once it is this old (default 5 minutes).</summary>
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweeper looks for due sessions (default 30 s, at most a day).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many sessions the sweeper reads at once (default 4).</summary>
    public int SweepConcurrency { get; set; } = 4;

    /// <summary>How many due sessions the sweeper loads per page (default 100): its memory does not grow with the table.</summary>
    public int SweepPageSize { get; set; } = 100;

    /// <summary>
    /// How long after its expiry a session with no verdict is still read (default 24 hours): a flow started before the
    /// expiry may take longer. After it the verification is <see cref="VerificationState.Expired"/>.
    /// </summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the sweeper's lease holds without renewal (default 1 minute): an instance that dies is replaced after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether to keep the whole result as JSON (<see cref="IdentomatVerification.ResultJson"/>): personal data. Default false.</summary>
    public bool StoreResultJson { get; set; }

    /// <summary>
    /// How long after its end a verification's personal data is kept (here and at the vendor, through <c>delete/</c>);
    /// null (the default) keeps it until you erase it. Never shorter than <see cref="MinimumRetention"/>.
    /// </summary>
    public TimeSpan? RetentionPeriod { get; set; }

    /// <summary>How long after its end a verification must be kept whatever else asks (a regulator's minimum). Default zero.</summary>
    public TimeSpan MinimumRetention { get; set; } = TimeSpan.Zero;

    /// <summary>When true, the retention policy only logs and counts what it would purge. Default false.</summary>
    public bool RetentionDryRun { get; set; }

    /// <summary>How long a handled callback (a phone number, a code) is kept before it is deleted (default 7 days).</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>What is wrong with these settings, or null.</summary>
    internal string? Problem()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(InboxPollInterval), InboxPollInterval), (nameof(HandlingClaim), HandlingClaim), (nameof(RetryDelay), RetryDelay),
            (nameof(MaxRetryDelay), MaxRetryDelay), (nameof(StartWait), StartWait), (nameof(SweepAfter), SweepAfter),
            (nameof(SweepInterval), SweepInterval), (nameof(AbandonAfter), AbandonAfter), (nameof(LeaseDuration), LeaseDuration),
            (nameof(InboxRetention), InboxRetention),
        })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(36_500))
            {
                return $"{name} must be positive and at most 100 years.";
            }
        }

        // Waited for with Task.Delay and SemaphoreSlim.WaitAsync, which take at most 24.8 days.
        if (InboxPollInterval > TimeSpan.FromDays(1) || SweepInterval > TimeSpan.FromDays(1))
        {
            return $"{nameof(InboxPollInterval)} and {nameof(SweepInterval)} must be at most a day.";
        }

        return MinimumRetention < TimeSpan.Zero || MinimumRetention > TimeSpan.FromDays(36_500) ? $"{nameof(MinimumRetention)} must be zero or positive and at most 100 years."
            : RetentionPeriod is { } period && (period < MinimumRetention || period <= TimeSpan.Zero) ? $"{nameof(RetentionPeriod)} must be positive and no shorter than {nameof(MinimumRetention)}."
            : MaxHandlingAttempts is < 1 or > 1000 ? $"{nameof(MaxHandlingAttempts)} must be between 1 and 1000."
            : SweepConcurrency is < 1 or > 64 ? $"{nameof(SweepConcurrency)} must be between 1 and 64."
            : HandlingConcurrency is < 1 or > 64 ? $"{nameof(HandlingConcurrency)} must be between 1 and 64."
            : SweepPageSize is < 1 or > 10_000 ? $"{nameof(SweepPageSize)} must be between 1 and 10000."
            : string.IsNullOrWhiteSpace(InstanceName) || InstanceName.Length > 100 ? $"{nameof(InstanceName)} must be 1 to 100 characters."
            : null;
    }
}
