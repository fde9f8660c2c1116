namespace Identomat.Sdk;

/// <summary>How <see cref="IdentomatClientExtensions.WaitForResultAsync"/> reads <c>result/</c> until a stage is reached.</summary>
public sealed class ResultPollingOptions
{
    /// <summary>The stage to wait for.</summary>
    /// <value>
    /// Default: <see cref="VerificationStage.InReview"/>: the wait ends when the user's part is over (in review, or
    /// final). <see cref="VerificationStage.Final"/> waits for the verdict itself (approved or rejected).
    /// <see cref="VerificationStage.InProgress"/> is not a stage to wait for.
    /// </value>
    public VerificationStage Until { get; set; } = VerificationStage.InReview;

    /// <summary>The wait after the first read that has not reached the stage; each later wait doubles, up to <see cref="MaxDelay"/>.</summary>
    /// <value>Default: 2 seconds. Range: 10 milliseconds to <see cref="MaxDelay"/>.</value>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two reads.</summary>
    /// <value>Default: 30 seconds. Range: <see cref="FirstDelay"/> to 1 day.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The deadline of the whole wait, counted from its start: reads, waits between them and the read in flight
    /// included (a read still running at the deadline is abandoned).
    /// </summary>
    /// <value>
    /// Default: 30 minutes (a user has 15 minutes to start, then time to finish). Range: more than zero; 49 days or
    /// more (<see cref="TimeSpan.MaxValue"/>) waits without a deadline.
    /// </value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock for the waits and the deadline.</summary>
    /// <value>Default: null (<see cref="System.TimeProvider.System"/>).</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Every problem with these settings, one sentence each, naming the setting; empty when they are usable.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Until is not (VerificationStage.InReview or VerificationStage.Final))
        {
            errors.Add($"Until must be InReview or Final; it is {Until}.");
        }

        if (FirstDelay < TimeSpan.FromMilliseconds(10) || FirstDelay > MaxDelay)
        {
            errors.Add($"FirstDelay must be from 10 ms to MaxDelay ({Durations.Show(MaxDelay)}); it is {Durations.Show(FirstDelay)}.");
        }

        if (MaxDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"MaxDelay must be at most 1 day; it is {Durations.Show(MaxDelay)}.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"Timeout must be more than zero; it is {Durations.Show(Timeout)}.");
        }

        return errors;
    }
}
